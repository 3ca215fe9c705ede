package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import java.net.URI;

/**
 * One {@code Set-Cookie} line a response carried, and what the browser cookie model did with it
 * (stored, refused with Chromium's reasons, deleted).
 *
 * @param step the trace step of the response, from 1
 * @param url the URL that answered
 * @param request the request the response answered (method, context, initiator)
 * @param line the raw {@code Set-Cookie} value — holds the cookie value: redact before showing
 * @param result the model's decision
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record CookieSetEvent(int step, URI url, RequestContext request, String line, SetResult result, Location location)
    implements Observation {
  /**
   * How many Set-Cookie lines of one response the probe keeps as events and shows; the rest go to the
   * jar and are counted (a hostile response with 12,000 of them stays a bounded report).
   */
  public static final int KEPT_PER_RESPONSE = 10;

  public CookieSetEvent {
    requireNonNull(location);
    requireNonNull(url);
    requireNonNull(request);
    requireNonNull(line);
    requireNonNull(result);
  }

  /** Seen at its trace step. */
  public CookieSetEvent(
      int step, URI url, RequestContext request, String line, SetResult result) {
    this(step, url, request, line, result, new Location.ExchangeRef(step));
  }

  @Override
  public String toString() {
    return "CookieSetEvent[step=" + step + ", url=" + url + ", cookie=" + result.name() + "]";
  }
}
