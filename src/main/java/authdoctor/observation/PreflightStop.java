package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.util.List;

/**
 * A frontend's {@code fetch} the browser never sent because the answer to its CORS preflight did not let
 * it through (Fetch §4.8 "CORS-preflight fetch", step 7: the CORS check, then the method and every
 * requested header; for a fetch with {@code credentials: 'include'} also {@code
 * Access-Control-Allow-Credentials: true} and an origin that is not {@code *}). The flow stopped at the
 * preflight: its exchange, at the same step, is the evidence the CORS checks cite.
 *
 * @param step the trace step of the preflight
 * @param method the method of the fetch that was not sent
 * @param url the URL it would have gone to
 * @param origin the frontend's origin
 * @param credentials whether the fetch was {@code credentials: 'include'} (cookies would have gone with it)
 * @param requestedHeaders the headers the preflight asked for ({@code Access-Control-Request-Headers})
 * @param location its trace step
 */
public record PreflightStop(int step, String method, URI url, String origin, boolean credentials,
    List<String> requestedHeaders, Location location) implements Observation {
  public PreflightStop {
    requireNonNull(method);
    requireNonNull(url);
    requireNonNull(origin);
    requestedHeaders = List.copyOf(requestedHeaders);
    requireNonNull(location);
  }

  /** Seen at the preflight's trace step. */
  public PreflightStop(int step, String method, URI url, String origin, boolean credentials, List<String> requestedHeaders) {
    this(step, method, url, origin, credentials, requestedHeaders, new Location.ExchangeRef(step));
  }
}
