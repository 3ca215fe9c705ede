package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code session.secret-weak} in {@code .env} files: a session-signing secret ({@code SECRET_KEY},
 * {@code SESSION_SECRET}, {@code SECRET_KEY_BASE}, …) set to a framework's documented sample, a
 * placeholder, or fewer than 16 characters. Evidence shows only the value's length and fingerprint, and
 * never which sample it is (that would print it).
 */
@CheckSpec(id = "session.secret-weak", severity = Severity.WARN, needs = DeploySetting.class)
public final class SessionSecretWeakInEnv implements Check {
  static final Pattern SESSION_SECRET =
      Pattern.compile("(?i)(?:[A-Z0-9_]*_)?(?:SECRET_KEY(?:_BASE)?|SESSION_SECRET|COOKIE_SECRET|JWT_SECRET|APP_SECRET|NEXTAUTH_SECRET|SECRET)");
  private static final Pattern PLACEHOLDER =
      Pattern.compile("(?i).*(change[-_ ]?me|changethis|replace[-_ ]?me|your[-_ ]?secret|insecure|placeholder|example|not[-_ ]?a[-_ ]?secret|secret[-_ ]?key[-_ ]?here|xxxxx|todo).*");
  /** Shorter than this is guessable offline from one signed cookie. */
  static final int MIN_LENGTH = 16;

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (s.format() != DeploySetting.Format.ENV || s.instance() != null || !SESSION_SECRET.matcher(s.key()).matches()) continue;
      String why = weakness(s.value());
      if (why != null) out.add(ctx.evidence(s, "config", s.key() + " in " + s.file(), s.excerpt(ctx.redactor()), Map.of("note", why)));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** Why this value is weak, without saying what it is; null when it is not (or is not a literal). */
  static @Nullable String weakness(String value) {
    if (value.isEmpty() || value.contains("${") || value.startsWith("$")) return null;
    for (Framework f : Frameworks.ALL) {
      if (f.sampleSecrets().contains(value)) return "a documented sample secret: anyone can sign sessions with it";
    }
    if (PLACEHOLDER.matcher(value).matches() || value.toLowerCase(Locale.ROOT).matches("(secret|password|dev|test|default)\\d*")) {
      return "a placeholder left in place";
    }
    if (value.length() < MIN_LENGTH) return value.length() + " characters: short enough to guess from one signed cookie";
    return null;
  }
}
