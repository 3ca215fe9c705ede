package authdoctor.checks.session;

import authdoctor.Evidence;
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
 * {@code session.secret-missing}: a signed session is accepted by some instances and refused by others
 * (each verifies with its own key), and after {@code --restart-command} the instance that accepted it
 * refuses it too — its key changed with its process. Keys that differ per process and per start are
 * what a framework's fallback does when the configured secret is not read (Flask's
 * {@code os.urandom} default, an unset {@code SECRET_KEY} variable under another name).
 */
@CheckSpec(id = "session.secret-missing", severity = Severity.ERROR, needs = SessionCheck.class)
public final class SessionSecretMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    var split = SessionSplit.find(observations, ctx).filter(s -> s.kind() == SessionKinds.Kind.SIGNED);
    if (split.isEmpty()) return List.of();
    List<SessionCheck> checks = observations.of(SessionCheck.class);
    for (SessionCheck before : checks) {
      if (before.purpose() != SessionCheck.Purpose.INSTANCE || before.verdict() != SessionCheck.Verdict.LOGGED_IN) continue;
      for (SessionCheck after : checks) {
        if (after.purpose() != SessionCheck.Purpose.AFTER_RESTART || !after.via().equals(before.via())
            || after.verdict() != SessionCheck.Verdict.LOGGED_OUT) continue;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("before the restart", "step " + before.step() + ": " + before.reason());
        facts.put("after the restart", after.reason());
        facts.put("session cookie", after.sessionCookie() + " (" + SessionKinds.describe(
            String.valueOf(after.sessionCookie()), after.sessionValue()) + "), the same value before and after");
        List<Evidence> ev = new java.util.ArrayList<>(split.get().evidence());
        ev.add(ctx.evidence(after, "measurement", "instance " + ctx.redactor().url(after.via()),
            ctx.redactor().plain("GET " + ctx.redactor().url(after.url().toString())
                + " with the session this instance accepted before --restart-command → refused"),
            facts));
        return List.of(ctx.finding(ev));
      }
    }
    return List.of();
  }
}
