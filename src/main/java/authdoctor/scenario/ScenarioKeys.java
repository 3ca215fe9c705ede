package authdoctor.scenario;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The words scenario files (and the {@code cookie} command's flags) use for the cookie model's enums:
 * {@code navigation}, {@code subresource}, {@code iframe}; {@code allowed}, {@code blocked}.
 */
public final class ScenarioKeys {
  private ScenarioKeys() {}

  /** {@code navigation}, {@code subresource} or {@code iframe}. */
  public static String key(Context context) {
    return context.name().toLowerCase(Locale.ROOT);
  }

  /** {@code allowed} or {@code blocked}. */
  public static String key(ThirdPartyCookies policy) {
    return policy.name().toLowerCase(Locale.ROOT);
  }

  /** The context a scenario word names (exact, lower case), or null. */
  public static @Nullable Context context(String key) {
    for (Context c : Context.values()) if (key(c).equals(key)) return c;
    return null;
  }

  /** The third-party setting a scenario word names (exact, lower case), or null. */
  public static @Nullable ThirdPartyCookies thirdPartyCookies(String key) {
    for (ThirdPartyCookies p : ThirdPartyCookies.values()) if (key(p).equals(key)) return p;
    return null;
  }
}
