package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token the probe's client sends, read as a JWT (RFC 7519) when it is one.
 *
 * @param step the trace step where it was read
 * @param fromLogin whether the login answered it (else it came from {@code -H Authorization})
 * @param jwt the token decoded, null when it is not a JWT
 * @param notJwt why it is not a JWT (redacted), null when {@code jwt} is given
 * @param location its trace step
 */
public record BearerToken(int step, boolean fromLogin, @Nullable JwtToken jwt, @Nullable String notJwt, Location location)
    implements Observation {
  public BearerToken {
    requireNonNull(location);
    if ((jwt == null) == (notJwt == null)) throw new IllegalArgumentException("either a JWT or why it is not one");
  }

  /** Seen at its trace step. */
  public BearerToken(int step, boolean fromLogin, @Nullable JwtToken jwt, @Nullable String notJwt) {
    this(step, fromLogin, jwt, notJwt, new Location.ExchangeRef(step));
  }
}
