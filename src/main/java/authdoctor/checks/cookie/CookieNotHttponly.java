package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.not-httponly}: a cookie the server set is readable by JavaScript (CSRF token cookies excepted: scripts must read them). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.not-httponly", severity = Severity.WARN, needs = CookieSetEvent.class)
public final class CookieNotHttponly implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.advice(observations, ctx, r -> !CookieFindings.csrfCookie(r.name()));
  }
}
