package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.samesite-none-insecure}: a {@code SameSite=None} cookie without {@code Secure} is refused (EXCLUDE_SAMESITE_NONE_INSECURE). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.samesite-none-insecure", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieSamesiteNoneInsecure implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
