package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/**
 * What the verifier expects of a token, as the user stated it (command-line flags) or as the identity
 * provider's discovery document stated it: issuer, audience and the allowed clock skew.
 *
 * @param issuer the expected {@code iss}, null when none was given
 * @param issuerSource where the expected issuer came from ({@code --issuer}, or the discovery URL)
 * @param audience the expected {@code aud} value, null when none was given
 * @param leeway the clock skew the verifier allows on {@code exp}, {@code nbf} and {@code iat}
 * @param reference what "now" is for the time claims: {@code the local clock}, or {@code --now}
 * @param userClaim the claim the verifier reads the user from and requires ({@code --user-claim}), null
 *     when not stated: then no user claim is required
 * @param expOptional the verifier accepts tokens without {@code exp} ({@code --allow-no-exp})
 */
public record JwtExpectation(
    @Nullable String issuer,
    String issuerSource,
    @Nullable String audience,
    Duration leeway,
    String reference,
    @Nullable String userClaim,
    boolean expOptional)
    implements Observation {
  public JwtExpectation {
    requireNonNull(issuerSource);
    requireNonNull(reference);
    requireNonNull(leeway);
    if (leeway.isNegative()) throw new IllegalArgumentException("negative leeway " + leeway);
  }

  /** A verifier that requires {@code exp} and names no user claim. */
  public JwtExpectation(
      @Nullable String issuer, String issuerSource, @Nullable String audience, Duration leeway, String reference) {
    this(issuer, issuerSource, audience, leeway, reference, null, false);
  }

  /** No location of its own: evidence about it points at the token's claims. */
  @Override
  public @Nullable Location location() {
    return null;
  }
}
