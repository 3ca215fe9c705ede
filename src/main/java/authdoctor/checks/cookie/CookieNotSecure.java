package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.not-secure}: a cookie set over https without {@code Secure}. The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.not-secure", severity = Severity.WARN, needs = CookieSetEvent.class)
public final class CookieNotSecure implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.advice(observations, ctx, r -> true);
  }
}
