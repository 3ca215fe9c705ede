package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/** {@code cookie.secure-over-http}: a {@code Secure} cookie set from, or needed on, a non-secure origin (EXCLUDE_SECURE_ONLY). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.secure-over-http", severity = Severity.ERROR, needs = {CookieSetEvent.class})
public final class CookieSecureOverHttp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Finding> out = new ArrayList<>(CookieFindings.refusedSets(observations, ctx));
    out.addAll(CookieFindings.withheld(observations, ctx));
    return out;
  }
}
