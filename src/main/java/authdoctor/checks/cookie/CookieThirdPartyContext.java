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

/** {@code cookie.third-party-context}: the cookie is set or needed in a third-party context, where it is blocked or partitioned. The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.third-party-context", severity = Severity.WARN, needs = {CookieSetEvent.class})
public final class CookieThirdPartyContext implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Finding> out = new ArrayList<>(CookieFindings.refusedSets(observations, ctx));
    out.addAll(CookieFindings.withheld(observations, ctx));
    return out;
  }
}
