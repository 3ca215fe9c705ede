package authdoctor.collect.jwt;

import authdoctor.observation.BearerRefusal;
import authdoctor.observation.BearerRefusal.Reason;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an API's {@code WWW-Authenticate: Bearer} challenge (RFC 6750 §3: {@code error},
 * {@code error_description}) and what its description says is wrong with the token. The descriptions
 * are the verifiers' own words: Spring Security ("Jwt expired at …", "The aud claim is not valid"),
 * PyJWT ("Signature has expired", "Invalid audience"), jose / express-jwt ("jwt expired",
 * "unexpected \"iss\" claim value"), Microsoft.IdentityModel (IDX10223 lifetime, IDX10214 audience,
 * IDX10205 issuer, IDX10503 signature, IDX10501 kid), and the lab's APIs.
 */
public final class BearerChallenges {
  private BearerChallenges() {}

  private static final Pattern PARAM = Pattern.compile("([A-Za-z_]+)\\s*=\\s*(?:\"((?:[^\"\\\\]|\\\\.)*)\"|([^\\s,]+))");

  /** Order matters: the first that matches names the reason ("required claim exp missing" is a missing claim). */
  private static final List<Map.Entry<Reason, Pattern>> REASONS = List.of(
      Map.entry(Reason.MISSING_CLAIM, words("required claim|missing (?:required )?claim|claim \\S+ (?:is )?missing|missing \\S+ claim|"
          + "missing required|idx10225")),
      Map.entry(Reason.EXPIRED, words("expired|idx10223")),
      Map.entry(Reason.NOT_YET_VALID, words("not yet valid|used before|immature|nbf|not active|issued in the future|"
          + "iat claim|idx10222")),
      Map.entry(Reason.ISSUER, words("issuer|iss claim|\"iss\"|idx10205|idx10211")),
      Map.entry(Reason.AUDIENCE, words("audience|aud claim|\"aud\"|idx10214|idx10208")),
      Map.entry(Reason.UNKNOWN_KID, words("kid|no matching key|key not found|no key|signing key|idx10501|idx10503")),
      Map.entry(Reason.SIGNATURE, words("signature")),
      Map.entry(Reason.ALGORITHM, words("alg|algorithm|idx10511")));

  private static Pattern words(String alternatives) {
    return Pattern.compile("(?<![a-z0-9])(?:" + alternatives + ")(?![a-z0-9])");
  }

  /** The refusal a 401/403 with a {@code Bearer} challenge records; empty for other answers. */
  public static Optional<BearerRefusal> refusal(int step, URI url, int status, @Nullable String challenge) {
    if (status != 401 && status != 403 || challenge == null) return Optional.empty();
    String c = challenge.strip();
    if (!c.regionMatches(true, 0, "Bearer", 0, 6)) return Optional.empty();
    Map<String, String> params = params(c.substring(6));
    String description = params.get("error_description");
    return Optional.of(new BearerRefusal(step, url, status, c, params.get("error"), description, reason(description)));
  }

  /** The challenge's auth-params, names in lower case. */
  public static Map<String, String> params(String text) {
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = PARAM.matcher(text);
    while (m.find()) {
      String v = m.group(2) != null ? m.group(2).replaceAll("\\\\(.)", "$1") : m.group(3);
      out.putIfAbsent(m.group(1).toLowerCase(Locale.ROOT), v);
    }
    return out;
  }

  /** What a description says is wrong; {@link Reason#OTHER} when it says nothing we know. */
  public static Reason reason(@Nullable String description) {
    if (description == null) return Reason.OTHER;
    String d = description.toLowerCase(Locale.ROOT);
    // Nimbus (Spring) lumps two causes together: "Another algorithm expected, or no matching key(s) found".
    if (d.contains("another algorithm expected, or no matching key")) return Reason.OTHER;
    for (Map.Entry<Reason, Pattern> e : REASONS) if (e.getValue().matcher(d).find()) return e.getKey();
    return Reason.OTHER;
  }
}
