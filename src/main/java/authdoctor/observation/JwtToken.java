package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A JSON Web Token as decoded (RFC 7519 §7.2), before any verification: its JOSE header and claims set,
 * both as the exact JSON text and as parsed values. The raw token and its signature are never kept here;
 * only the token's redaction marker is, so an observation can be printed without leaking the token.
 *
 * @param marker the token's {@code ‹redacted N chars fp:…›} marker
 * @param headerJson the decoded header, exactly as it was encoded
 * @param claimsJson the decoded claims set, exactly as it was encoded
 * @param header the header parameters (JSON values as Java maps, lists, strings, numbers, booleans)
 * @param claims the claims (same value types)
 * @param alg the {@code alg} header parameter ({@code none} for an unsecured JWT)
 * @param kid the {@code kid} header parameter, null when absent
 * @param issuer {@code iss}, null when absent or not a string
 * @param subject {@code sub}, null when absent or not a string
 * @param audience {@code aud} as a list (RFC 7519 §4.1.3 allows a string or an array); empty when absent
 * @param expiresAt {@code exp}, null when absent or not a NumericDate
 * @param notBefore {@code nbf}, null when absent or not a NumericDate
 * @param issuedAt {@code iat}, null when absent or not a NumericDate
 * @param problems what could not be read (e.g. {@code exp is a string, not a NumericDate}), in order
 */
public record JwtToken(
    String marker,
    String headerJson,
    String claimsJson,
    Map<String, Object> header,
    Map<String, Object> claims,
    String alg,
    @Nullable String kid,
    @Nullable String issuer,
    @Nullable String subject,
    List<String> audience,
    @Nullable Instant expiresAt,
    @Nullable Instant notBefore,
    @Nullable Instant issuedAt,
    List<String> problems)
    implements Observation {
  public JwtToken {
    requireNonNull(marker);
    requireNonNull(headerJson);
    requireNonNull(claimsJson);
    header = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(header));
    claims = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(claims));
    requireNonNull(alg);
    audience = List.copyOf(audience);
    problems = List.copyOf(problems);
  }

  /** True for {@code alg: none} (RFC 7519 §6): a token without a signature. */
  public boolean isUnsecured() {
    return alg.equalsIgnoreCase("none");
  }

  /** True when the claims set has this claim, whatever its value. */
  public boolean has(String claim) {
    return claims.containsKey(claim);
  }

  /** A claim's value as text (strings as they are, other JSON values as their JSON-ish {@code toString}). */
  public Optional<String> claimText(String claim) {
    return Optional.ofNullable(claims.get(claim)).map(String::valueOf);
  }

  /** Given as an argument or on stdin: the token itself has no location; its claims do ({@link #claimLocation}). */
  @Override
  public @Nullable Location location() {
    return null;
  }

  /** Where one of its claims (or header parameters: {@code alg}, {@code kid}) was seen. */
  public Location claimLocation(String claim) {
    return new Location.ClaimRef(claim);
  }
}
