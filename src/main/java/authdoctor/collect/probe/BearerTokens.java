package authdoctor.collect.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import authdoctor.cookie.ParsedCookie;
import authdoctor.cookie.SetCookieParser;
import java.io.IOException;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where a login answer keeps a bearer token: at the given JSON path, else under a usual member name; or in a
 * cookie ({@link #inCookies}).
 */
final class BearerTokens {
  private static final Pattern TOKEN_KEY =
      Pattern.compile("(?i)\"(access_token|id_token|token|jwt|auth_token|accessToken|idToken)\"\\s*:\\s*\"([^\"]{8,})\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  /** Cookie names that say the cookie holds a token (the whole name: {@code csrf_token} is no bearer token). */
  private static final Pattern TOKEN_COOKIE =
      Pattern.compile("(?i)(access[_-]?token|id[_-]?token|auth[_-]?token|token|jwt|bearer)");
  /** RFC 7519 §7.2 / RFC 7515 §7.1: a JWS in compact form, its first part a base64url JSON header. */
  private static final Pattern JWS = Pattern.compile("(eyJ[A-Za-z0-9_-]+)\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*");

  private BearerTokens() {}

  /**
   * A token the login answered in a cookie.
   *
   * @param httpOnly whether the page's JavaScript cannot read it ({@code HttpOnly}): then only the browser
   *     sends it, as a cookie; else the frontend can read it and send it as a bearer token
   */
  record CookieToken(String name, String value, boolean httpOnly) {}

  /**
   * The first cookie of these {@code Set-Cookie} lines that holds a token, or null: a name that says so
   * ({@code access_token}, {@code token}, {@code jwt}, …) or a JWT value — a compact JWS whose header has
   * {@code alg} (a Flask session, {@code eyJ…} too, is a payload first and is no token).
   */
  static @Nullable CookieToken inCookies(List<String> setCookieLines) {
    for (String line : setCookieLines) {
      ParsedCookie c = SetCookieParser.parse(line);
      if (c.name().isEmpty() || c.value().length() < 8) continue;
      if (TOKEN_COOKIE.matcher(c.name()).matches() || jwt(c.value())) return new CookieToken(c.name(), c.value(), c.httpOnly());
    }
    return null;
  }

  /** Whether {@code value} is a compact JWS whose first part decodes to a JSON header with {@code alg}. */
  static boolean jwt(String value) {
    Matcher m = JWS.matcher(value.strip());
    if (!m.matches()) return false;
    try {
      JsonNode header = JSON.readTree(Base64.getUrlDecoder().decode(m.group(1)));
      return header != null && header.isObject() && header.hasNonNull("alg");
    } catch (IOException | IllegalArgumentException e) {
      return false;
    }
  }

  /**
   * The token in a response body, or null.
   *
   * @param path the member names leading to it ({@code --token-path}); empty: look for a usual name
   */
  static @Nullable String in(String body, List<String> path) {
    if (!path.isEmpty()) return jsonAt(body, path);
    Matcher m = TOKEN_KEY.matcher(body);
    return m.find() ? m.group(2) : null;
  }

  /** The text at {@code path} (member names) of a JSON body, or null. */
  private static @Nullable String jsonAt(String body, List<String> path) {
    if (body.isBlank()) return null;
    try {
      JsonNode n = JSON.readTree(body);
      for (String k : path) {
        if (n == null || !n.isObject()) return null;
        n = n.get(k);
      }
      return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
