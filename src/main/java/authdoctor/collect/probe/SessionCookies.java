package authdoctor.collect.probe;

import authdoctor.cookie.CookieHeader;
import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Which cookie of a Cookie header is the session: the one the ablation found ({@link SessionAblation}) when
 * it ran; else a framework's default name, else a name that says session (a guess: names are hints).
 */
public final class SessionCookies {
  private SessionCookies() {}

  /** The session cookie's name and value (a secret), or null when the header carries none that could be. */
  public static Map.@Nullable Entry<String, String> of(@Nullable String cookieHeader) {
    return of(cookieHeader, List.of());
  }

  /**
   * As {@link #of(String)}, but the first of {@code found} (the cookies whose absence signs out) that the
   * header carries wins over any name.
   */
  static Map.@Nullable Entry<String, String> of(@Nullable String cookieHeader, List<String> found) {
    if (cookieHeader == null) return null;
    Map<String, String> pairs = new LinkedHashMap<>();
    for (CookieHeader.Pair p : CookieHeader.parse(cookieHeader)) if (!p.name().isEmpty()) pairs.putIfAbsent(p.name(), p.value());
    for (String n : found) if (pairs.containsKey(n)) return Map.entry(n, pairs.get(n));
    List<String> known = Frameworks.sessionCookieNames();
    for (String n : known) {
      for (Map.Entry<String, String> e : pairs.entrySet()) if (Framework.matches(n, e.getKey())) return e;
    }
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      String n = e.getKey().toLowerCase(Locale.ROOT);
      if (n.contains("csrf") || n.contains("xsrf")) continue;
      if (n.contains("sess") || n.contains("sid") || n.contains("auth") || n.contains("token") || n.contains("jwt")) return e;
    }
    return pairs.entrySet().stream().filter(e -> !Frameworks.csrfLike(e.getKey())).findFirst().orElse(null);
  }
}
