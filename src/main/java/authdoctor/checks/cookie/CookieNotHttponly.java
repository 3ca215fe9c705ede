package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/**
 * {@code cookie.not-httponly}: a cookie the server set is readable by JavaScript. Excepted: CSRF token
 * cookies (scripts must read them) and the identity provider's own cookies ({@link ProviderCookies}: its
 * session-state cookie is read by its scripts by design). The cookie model decides; see {@link
 * authdoctor.cookie.CookieJar}.
 */
@CheckSpec(id = "cookie.not-httponly", severity = Severity.WARN, needs = CookieSetEvent.class)
public final class CookieNotHttponly implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    ProviderCookies providers = ProviderCookies.of(observations);
    List<CookieSetEvent> apps = observations.of(CookieSetEvent.class).stream().filter(e -> !providers.setByProvider(e)).toList();
    return CookieFindings.advice(apps, ctx, r -> !CookieFindings.csrfCookie(r.name()));
  }
}
