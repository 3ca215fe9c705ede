package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code cookie.name-collision}: the first app's route answered signed in; after signing in to another
 * app on the same host ({@code --second-login}), whose login set a cookie of the same name, the same
 * route answers signed out — the second app's cookie replaced the first one's in the browser.
 */
@CheckSpec(id = "cookie.name-collision", severity = Severity.ERROR, needs = {SessionCheck.class, LoginAttempt.class})
public final class CookieNameCollision implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<SessionCheck> checks = observations.of(SessionCheck.class);
    Optional<SessionCheck> after = checks.stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.AFTER_OTHER_LOGIN && s.verdict() == SessionCheck.Verdict.LOGGED_OUT)
        .findFirst();
    if (after.isEmpty()) return List.of();
    SessionCheck out = after.get();
    Optional<SessionCheck> before = checks.stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.PROTECTED && s.verdict() == SessionCheck.Verdict.LOGGED_IN
            && s.url().equals(out.url()))
        .findFirst();
    if (before.isEmpty()) return List.of();
    // The last login before the replay is the other app's; its cookie names against the first app's.
    List<LoginAttempt> logins = observations.of(LoginAttempt.class).stream().filter(l -> l.step() < out.step()).toList();
    if (logins.size() < 2) return List.of();
    LoginAttempt other = logins.get(logins.size() - 1);
    LoginAttempt first = logins.get(0);
    if (first.url().equals(other.url())) return List.of();
    List<String> shared = first.cookieNames().stream().filter(other.cookieNames()::contains).toList();
    if (shared.isEmpty()) return List.of();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("cookie", String.join(", ", shared) + " — set by both logins");
    facts.put("first app", "login " + ctx.redactor().url(first.url().toString()) + "; "
        + ctx.redactor().url(out.url().toString()) + " signed in at step " + before.get().step());
    facts.put("other app", "login " + ctx.redactor().url(other.url().toString()) + " at step " + other.step());
    facts.put("after the other login", out.reason());
    String url = ctx.redactor().url(out.url().toString());
    return List.of(ctx.finding(ctx.evidence(out, "measurement", url,
        ctx.redactor().plain("GET " + url + " after signing in to " + ctx.redactor().url(other.url().toString())
            + " → signed out"),
        facts)));
  }
}
