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
import java.util.Optional;

/**
 * {@code session.lost-on-restart}: the protected route answered signed in, {@code --restart-command}
 * restarted the app, and the same cookies were then answered as signed out — the key that signs the
 * session or the store that holds it did not survive the process. Not reported when the session
 * already came and went before the restart (a split between instances explains a refusal by itself).
 */
@CheckSpec(id = "session.lost-on-restart", severity = Severity.ERROR, needs = SessionCheck.class)
public final class SessionLostOnRestart implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<SessionCheck> checks = observations.of(SessionCheck.class);
    Optional<SessionCheck> after = checks.stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.AFTER_RESTART && s.via().equals("public")
            && s.verdict() == SessionCheck.Verdict.LOGGED_OUT)
        .findFirst();
    if (after.isEmpty()) return List.of();
    SessionCheck out = after.get();
    Optional<SessionCheck> before = checks.stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.PROTECTED && s.verdict() == SessionCheck.Verdict.LOGGED_IN
            && s.url().equals(out.url()) && s.step() < out.step())
        .findFirst();
    if (before.isEmpty()) return List.of();
    // Refusals before the restart (instances or reloads disagreeing) make the replay prove nothing.
    if (SessionSplit.find(observations, ctx).isPresent()) return List.of();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("before the restart", "step " + before.get().step() + ": " + before.get().reason());
    facts.put("after the restart", out.reason());
    if (out.sessionCookie() != null) {
      facts.put("session cookie", out.sessionCookie() + " (" + SessionKinds.describe(out.sessionCookie(), out.sessionValue())
          + "), the same value before and after");
    }
    String url = ctx.redactor().url(out.url().toString());
    return List.of(ctx.finding(ctx.evidence(out, "measurement", url,
        ctx.redactor().plain("GET " + url + " with the cookies that were signed in before --restart-command → signed out"),
        facts)));
  }
}
