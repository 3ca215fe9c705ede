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
 * {@code proxy.set-cookie-cached}: a request with no cookie at all (another visitor), sent after the
 * probe signed in, receives a {@code Set-Cookie} carrying the probe's own session value — a cache
 * stored a response with {@code Set-Cookie} and now hands that session to everyone.
 */
@CheckSpec(id = "proxy.set-cookie-cached", severity = Severity.ERROR, needs = SessionCheck.class)
public final class ProxySetCookieCached implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return observations.of(SessionCheck.class).stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.ANONYMOUS && s.sessionCookie() != null)
        .findFirst()
        .map(s -> List.of(ctx.finding(ctx.evidence(s, "cookie", s.sessionCookie(),
            ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString()) + " without any cookie → Set-Cookie: "
                + s.sessionCookie() + "=" + ctx.redactor().marker(s.sessionValue() == null ? "" : s.sessionValue())
                + " (the probe's own session)"),
            Map.of("answer", s.reason())))))
        .orElse(List.of());
  }
}
