package authdoctor.checks.session;

import authdoctor.framework.Frameworks;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Tells a signed-cookie session (the cookie carries the data, signed with the app's secret: Flask's
 * default {@code session}, Starlette's {@code SessionMiddleware}, Rails' cookie store, a JWT) from a
 * server-side session (the cookie is only an id into a store: Express {@code connect.sid}, Django
 * {@code sessionid}, Spring {@code JSESSIONID}/{@code SESSION}, Flask-Session). The value's shape wins
 * over the name, because {@code session} is used by both kinds.
 */
public final class SessionKinds {
  /** What the session cookie is. */
  public enum Kind {
    SIGNED,
    SERVER_SIDE
  }

  /** Every framework's default session cookie name, lower case (the value's shape is read first). */
  private static final Set<String> SERVER_SIDE_NAMES = Frameworks.sessionCookieNamesIgnoringCase();

  private SessionKinds() {}

  public static Kind kind(String name, @Nullable String value) {
    return decide(name, value).kind();
  }

  /** An Express-style signed session id ({@code s:id.signature}): server-side data, but signed with the secret. */
  public static boolean signedId(@Nullable String value) {
    String v = value == null ? "" : value.strip();
    return v.startsWith("s%3A") || v.startsWith("s:");
  }

  /** The kind and the evidence that decided it, in words (no value is ever quoted). */
  public static String describe(String name, @Nullable String value) {
    Decision d = decide(name, value);
    return (d.kind() == Kind.SIGNED ? "signed cookie session" : "server-side session") + ": " + d.because();
  }

  private record Decision(Kind kind, String because) {}

  private static Decision decide(String name, @Nullable String value) {
    String v = value == null ? "" : value.strip();
    if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 1) v = v.substring(1, v.length() - 1);
    String n = name.toLowerCase(Locale.ROOT);
    if (v.startsWith("s%3A") || v.startsWith("s:")) {
      return new Decision(Kind.SERVER_SIDE, "the value is a signed id (s:…), the data lives in a store");
    }
    if (v.startsWith("eyJ") || v.startsWith(".eJ")) {
      return new Decision(Kind.SIGNED, "the value is base64 JSON with a signature: the cookie carries the data");
    }
    if (v.matches("[A-Za-z0-9+/=%]{20,}--[A-Za-z0-9+/=%]{20,}")) {
      return new Decision(Kind.SIGNED, "the value is data--digest (Rails cookie store)");
    }
    if (v.matches("[^|.]+([|.][^|.]+)*[|.][A-Fa-f0-9]{32,}|[^|.]+([|.][^|.]+)*[|.][A-Za-z0-9_\\-]{43,}={0,2}")) {
      // Readable data, then a digest: "alice|1700000000|<HMAC-SHA256 hex>" (a hub's login cookie), itsdangerous.
      return new Decision(Kind.SIGNED, "the value is data followed by a " + v.substring(Math.max(v.lastIndexOf('|'),
          v.lastIndexOf('.')) + 1).length() + "-character signature: the cookie carries the data");
    }
    if (v.length() > 100 && v.contains(".")) {
      return new Decision(Kind.SIGNED, "the value is " + v.length() + " characters with signature dots: it carries data");
    }
    if (SERVER_SIDE_NAMES.contains(n) || v.matches("[A-Za-z0-9_\\-]{16,96}")) {
      return new Decision(Kind.SERVER_SIDE, "the value is an opaque id of " + v.length() + " characters"
          + (SERVER_SIDE_NAMES.contains(n) ? " and " + name + " is a server-side session cookie name" : ""));
    }
    if (Frameworks.RAILS.sessionCookie(n)) return new Decision(Kind.SIGNED, name + " is the Rails cookie store's name");
    return new Decision(Kind.SERVER_SIDE, "the value does not carry readable data");
  }
}
