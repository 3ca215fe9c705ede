package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * A state-changing request the probe sent as the browser would (login or logout POST): the
 * {@code Origin} it carried, the CSRF token it found and sent, and whether the server refused it.
 *
 * @param step the trace step of the request
 * @param purpose {@code login} or {@code logout}
 * @param url the request URL
 * @param origin the {@code Origin} header sent (the public site), null when none
 * @param tokenSource where the probe found the CSRF token it sent ("hidden input csrfmiddlewaretoken",
 *     "cookie XSRF-TOKEN", "meta csrf-token"), null when it found none
 * @param tokenSentAs how the token was sent ("field csrfmiddlewaretoken, header X-CSRFToken"), null
 *     when not sent
 * @param status the response status, 0 when none
 * @param refusal what the response said, classified: {@link Refusal#NONE} when not refused
 * @param serverSaid the line of the response body that says why (bounded, secret-free), null when none
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record CsrfAttempt(
    int step,
    String purpose,
    URI url,
    @Nullable String origin,
    @Nullable String tokenSource,
    @Nullable String tokenSentAs,
    int status,
    Refusal refusal,
    @Nullable String serverSaid,
    Location location)
    implements Observation {
  /** How a server refused a state-changing request. */
  public enum Refusal {
    /** Not refused (or not for CSRF reasons). */
    NONE,
    /** The response says the Origin/Referer/host is not trusted ("Origin checking failed"). */
    ORIGIN,
    /** The response says the token (or the CSRF cookie) is missing or wrong. */
    TOKEN,
    /** 403 (or 400/419) naming CSRF without saying which part failed. */
    UNSPECIFIED
  }

  public CsrfAttempt {
    requireNonNull(location);
    requireNonNull(purpose);
    requireNonNull(url);
    requireNonNull(refusal);
  }

  /** Seen at its trace step. */
  public CsrfAttempt(
      int step,
      String purpose,
      URI url,
      @Nullable String origin,
      @Nullable String tokenSource,
      @Nullable String tokenSentAs,
      int status,
      Refusal refusal,
      @Nullable String serverSaid) {
    this(step, purpose, url, origin, tokenSource, tokenSentAs, status, refusal, serverSaid,
        new Location.ExchangeRef(step));
  }
}
