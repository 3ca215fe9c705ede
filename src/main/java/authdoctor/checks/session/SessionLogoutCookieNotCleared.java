package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.cookie.CookieFindings;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code session.logout-cookie-not-cleared}: an expired {@code Set-Cookie} (logout) names a stored cookie but misses its domain or path, so the cookie stays. The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "session.logout-cookie-not-cleared", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class SessionLogoutCookieNotCleared implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
