package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * An API refused a bearer token: its status and its {@code WWW-Authenticate: Bearer} challenge (RFC 6750
 * §3), with the verifier's own reason classified from {@code error_description}.
 *
 * @param step the trace step of the refused request
 * @param url the API URL called
 * @param status 401 or 403
 * @param challenge the {@code WWW-Authenticate} value as received (it names no secret)
 * @param error the {@code error} parameter ({@code invalid_token}, {@code insufficient_scope}, …), or null
 * @param description the {@code error_description} parameter, or null
 * @param reason what the description says is wrong with the token
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record BearerRefusal(
    int step, URI url, int status, String challenge, @Nullable String error, @Nullable String description, Reason reason,
    Location location)
    implements Observation {
  public BearerRefusal {
    requireNonNull(location);
    requireNonNull(url);
    requireNonNull(challenge);
    requireNonNull(reason);
  }

  /** Seen at its trace step. */
  public BearerRefusal(
      int step,
      URI url,
      int status,
      String challenge,
      @Nullable String error,
      @Nullable String description,
      Reason reason) {
    this(step, url, status, challenge, error, description, reason, new Location.ExchangeRef(step));
  }

  /** The token property an API's refusal names. */
  public enum Reason {
    EXPIRED,
    NOT_YET_VALID,
    ISSUER,
    AUDIENCE,
    UNKNOWN_KID,
    SIGNATURE,
    ALGORITHM,
    MISSING_CLAIM,
    /** no reason given, or one none of the above */
    OTHER
  }
}
