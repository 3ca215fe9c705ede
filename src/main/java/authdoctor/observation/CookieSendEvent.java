package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import java.net.URI;

/**
 * A request and, for every cookie in the browser's jar, whether the cookie model sends it and why not.
 *
 * @param step the trace step of the request, from 1
 * @param url the URL requested
 * @param request method, context and initiator of the request
 * @param needed whether the flow needs this request to carry the session (a protected route, a
 *     callback); false for requests that only ask "what would be sent"
 * @param result the model's decisions
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record CookieSendEvent(int step, URI url, RequestContext request, boolean needed, SendResult result, Location location)
    implements Observation {
  public CookieSendEvent {
    requireNonNull(location);
    requireNonNull(url);
    requireNonNull(request);
    requireNonNull(result);
  }

  /** Seen at its trace step. */
  public CookieSendEvent(
      int step, URI url, RequestContext request, boolean needed, SendResult result) {
    this(step, url, request, needed, result, new Location.ExchangeRef(step));
  }

  @Override
  public String toString() {
    return "CookieSendEvent[step=" + step + ", url=" + url + ", cookies=" + result.decisions().size() + "]";
  }
}
