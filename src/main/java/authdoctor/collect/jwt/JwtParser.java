package authdoctor.collect.jwt;

import authdoctor.Redactor;
import authdoctor.observation.JwtToken;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.EncryptedJWT;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.JWTParser;
import java.text.ParseException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Decodes a compact-serialised JWT (RFC 7519 §7.2, RFC 7515 §7.1) without verifying it. Never throws on
 * untrusted input: a text that is not a readable JWT gives a named {@link Rejection}; a readable token
 * with odd claims (e.g. {@code "exp": "tomorrow"}) is kept, and the oddity listed in its problems.
 */
public final class JwtParser {
  /** Tokens longer than this are refused rather than decoded (real ones are a few KiB). */
  public static final int MAX_LENGTH = 64 * 1024;

  private JwtParser() {}

  /** Why a text is not a readable JWT. */
  public enum Rejection {
    EMPTY("the token is empty"),
    TOO_LONG("the token is longer than " + MAX_LENGTH + " characters"),
    NOT_COMPACT("not a JWT: expected three base64url parts separated by dots (header.payload.signature)"),
    ENCRYPTED("an encrypted token (JWE, five parts): its claims cannot be read without the decryption key"),
    UNREADABLE("not a JWT: the header or the payload is not base64url-encoded JSON");

    public final String message;

    Rejection(String message) {
      this.message = message;
    }
  }

  /**
   * The token as typed or piped: surrounding whitespace trimmed, and an {@code Authorization}-style
   * {@code Bearer } prefix removed (RFC 6750 §2.1), so a copied header value works too.
   */
  public static String normalize(String text) {
    String t = text.strip();
    if (t.regionMatches(true, 0, "Authorization:", 0, 14)) t = t.substring(14).strip();
    if (t.regionMatches(true, 0, "Bearer ", 0, 7)) t = t.substring(7).strip();
    return t;
  }

  /** Decodes {@code text} (already {@linkplain #normalize normalised}); the redactor makes its marker. */
  public static ParsedJwt parse(String text, Redactor redactor) {
    if (text.isEmpty()) return rejected(Rejection.EMPTY, "");
    if (text.length() > MAX_LENGTH) return rejected(Rejection.TOO_LONG, "");
    long dots = text.chars().filter(c -> c == '.').count();
    if (dots == 4) return rejected(Rejection.ENCRYPTED, "");
    if (dots != 2) return rejected(Rejection.NOT_COMPACT, "found " + (dots + 1) + " part(s)");
    int bad = text.chars().filter(c -> !(c == '.' || c == '-' || c == '_' || c == '=' || Character.isLetterOrDigit(c) && c < 128))
        .findFirst().orElse(-1);
    if (bad >= 0) {
      // Name the character, not the token: it may be a secret.
      String shown = bad > 0x20 && bad < 0x7f ? "'" + (char) bad + "'" : String.format("U+%04X", bad);
      return rejected(Rejection.NOT_COMPACT, "three parts, but " + shown + " is not a base64url character");
    }
    JWT jwt;
    Map<String, Object> header;
    Map<String, Object> claims;
    String headerJson;
    String claimsJson;
    try {
      jwt = JWTParser.parse(text);
      if (jwt instanceof EncryptedJWT) return rejected(Rejection.ENCRYPTED, "");
      Base64URL[] parts = jwt.getParsedParts();
      headerJson = parts[0].decodeToString();
      claimsJson = parts[1].decodeToString();
      header = JSONObjectUtils.parse(headerJson);
      claims = JSONObjectUtils.parse(claimsJson);
    } catch (ParseException | RuntimeException e) {
      // nimbus's message may quote the input; name the part instead
      return rejected(Rejection.UNREADABLE, "");
    }
    redactor.remember(text);
    String[] segments = text.split("\\.", -1);
    if (!segments[2].isEmpty()) redactor.remember(segments[2]);

    List<String> problems = new ArrayList<>();
    Object alg = header.get("alg");
    String algText = alg instanceof String s ? s : "none";
    if (!(alg instanceof String)) problems.add("the header has no alg string");
    return new ParsedJwt(
        new JwtToken(
            redactor.marker(text),
            headerJson,
            claimsJson,
            header,
            claims,
            algText,
            text(header, "kid", problems),
            text(claims, "iss", problems),
            text(claims, "sub", problems),
            audience(claims, problems),
            numericDate(claims, "exp", problems),
            numericDate(claims, "nbf", problems),
            numericDate(claims, "iat", problems),
            problems),
        jwt,
        null,
        "");
  }

  private static ParsedJwt rejected(Rejection r, String detail) {
    return new ParsedJwt(null, null, r, detail.isEmpty() ? r.message : r.message + " (" + detail + ")");
  }

  private static @Nullable String text(Map<String, Object> m, String name, List<String> problems) {
    Object v = m.get(name);
    if (v == null) return null;
    if (v instanceof String s) return s;
    problems.add(name + " is not a string");
    return null;
  }

  /** RFC 7519 §4.1.3: {@code aud} is one string or an array of strings. */
  private static List<String> audience(Map<String, Object> claims, List<String> problems) {
    Object v = claims.get("aud");
    if (v == null) return List.of();
    if (v instanceof String s) return List.of(s);
    if (v instanceof List<?> list && list.stream().allMatch(String.class::isInstance)) {
      return list.stream().map(String.class::cast).toList();
    }
    problems.add("aud is neither a string nor an array of strings");
    return List.of();
  }

  /** RFC 7519 §2: a NumericDate is seconds since 1970-01-01T00:00:00Z, possibly fractional. */
  private static @Nullable Instant numericDate(Map<String, Object> claims, String name, List<String> problems) {
    Object v = claims.get(name);
    if (v == null) return null;
    if (v instanceof Number n && Double.isFinite(n.doubleValue()) && Math.abs(n.doubleValue()) < 1e11) {
      double seconds = n.doubleValue();
      long whole = (long) Math.floor(seconds);
      return Instant.ofEpochSecond(whole, Math.round((seconds - whole) * 1e9));
    }
    problems.add(name + " is " + kind(v) + ", not a NumericDate (seconds since 1970)");
    return null;
  }

  private static String kind(Object v) {
    return switch (v) {
      case String s -> "a string";
      case Boolean b -> "a boolean";
      case Number n -> "an out-of-range number";
      case List<?> l -> "an array";
      default -> "an object";
    };
  }
}
