package authdoctor.collect.probe;

import authdoctor.framework.Frameworks;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.HttpExchange;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What kind of CSRF refusal a 400/403/419 answer is, read from the words frameworks write ({@link
 * Frameworks#originRefusals()}, {@link Frameworks#tokenRefusals()}), and the line of the page that says so.
 */
public final class CsrfRefusals {
  private static final List<String> ORIGIN_PHRASES = Frameworks.originRefusals();
  private static final List<String> TOKEN_PHRASES = Frameworks.tokenRefusals();
  private static final Pattern ORIGIN_REFUSED =
      Pattern.compile("(origin|referer)[^\\n]{0,120}(not allowed|not trusted|untrusted|does not match|mismatch)");

  private CsrfRefusals() {}

  public static CsrfAttempt.Refusal of(int status, String body) {
    if (status != 403 && status != 400 && status != 419) return CsrfAttempt.Refusal.NONE;
    String b = body.toLowerCase(Locale.ROOT);
    if (ORIGIN_PHRASES.stream().anyMatch(b::contains) || ORIGIN_REFUSED.matcher(b).find()) return CsrfAttempt.Refusal.ORIGIN;
    if (TOKEN_PHRASES.stream().anyMatch(b::contains)) return CsrfAttempt.Refusal.TOKEN;
    boolean csrf = b.contains("csrf") || b.contains("xsrf") || b.contains("forgery");
    return csrf || status == 419 ? CsrfAttempt.Refusal.UNSPECIFIED : CsrfAttempt.Refusal.NONE;
  }

  static CsrfAttempt.Refusal of(HttpExchange x) {
    return of(x.status(), x.body());
  }

  /** The line of a refusal page that names the cause (at most 160 characters, not yet redacted), or null. */
  public static @Nullable String serverSaid(int status, String body) {
    if (of(status, body) == CsrfAttempt.Refusal.NONE) return null;
    String best = null;
    for (String line : body.replaceAll("<[^>]+>", "\n").split("\n")) {
      String l = line.strip();
      String low = l.toLowerCase(Locale.ROOT);
      boolean specific = ORIGIN_PHRASES.stream().anyMatch(low::contains) || TOKEN_PHRASES.stream().anyMatch(low::contains);
      if (specific) {
        best = l;
        break;
      }
      if (best == null && (low.contains("csrf") || low.contains("forgery"))) best = l;
    }
    if (best == null) return null;
    return best.length() > 160 ? best.substring(0, 160) + "…" : best;
  }
}
