package authdoctor.checks.proxy;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.auth-response-cached}: after the probe signed in, a request for the protected route with
 * no cookie at all (another visitor) is answered with the signed-in page — a cache in front of the app
 * serves pages rendered for one user to others. When the cached answer also hands out the probe's own
 * session cookie, {@code proxy.set-cookie-cached} says so instead.
 */
@CheckSpec(id = "proxy.auth-response-cached", severity = Severity.ERROR, needs = SessionCheck.class)
public final class ProxyAuthResponseCached implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return observations.of(SessionCheck.class).stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.ANONYMOUS && s.verdict() == SessionCheck.Verdict.LOGGED_IN
            && s.sessionCookie() == null)
        .findFirst()
        .map(s -> List.of(ctx.finding(ctx.evidence(s, "measurement", ctx.redactor().url(s.url().toString()),
            ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString())
                + " without any cookie, after the probe signed in → a signed-in page"),
            Map.of("answer", s.reason())))))
        .orElse(List.of());
  }
}
