package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.logout-not-invalidated}: after logout, the Cookie header the browser sent before it
 * (replayed as a stale tab or a thief would) is still answered as signed in — the server did not
 * destroy the session. Signed-cookie sessions (the cookie carries the data) always behave so unless the
 * app keeps a server-side revocation list.
 */
@CheckSpec(id = "session.logout-not-invalidated", severity = Severity.ERROR, needs = SessionCheck.class)
public final class SessionLogoutNotInvalidated implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // A cache that serves signed-in pages to anyone answers the replay too: that is proxy.auth-response-cached.
    boolean cached = observations.of(SessionCheck.class).stream()
        .anyMatch(s -> s.purpose() == SessionCheck.Purpose.ANONYMOUS && s.verdict() == SessionCheck.Verdict.LOGGED_IN);
    if (cached) return List.of();
    // Behind backends that do not share sessions, logout reaches one backend and the replay another:
    // the replay says nothing about logout (session.secret-mismatch / session.store-not-shared say it).
    if (SessionSplit.find(observations, ctx).isPresent()) return List.of();
    for (SessionCheck s : observations.of(SessionCheck.class)) {
      if (s.purpose() != SessionCheck.Purpose.LOGOUT_REPLAY || s.verdict() != SessionCheck.Verdict.LOGGED_IN) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("answer", s.reason());
      if (s.sessionCookie() != null) {
        facts.put("session cookie", s.sessionCookie() + " (" + SessionKinds.describe(s.sessionCookie(), s.sessionValue()) + ")");
      }
      return List.of(ctx.finding(ctx.evidence(s, "measurement", ctx.redactor().url(s.url().toString()),
          ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString())
              + " with the Cookie header from before logout → still signed in"),
          facts)));
    }
    return List.of();
  }
}
