package authdoctor.observation;

import static java.util.Objects.requireNonNull;

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
 */
public record CookieSetEvent(int step, URI url, RequestContext request, String line, SetResult result)
    implements Observation {
  public CookieSetEvent {
    requireNonNull(url);
    requireNonNull(request);
    requireNonNull(line);
    requireNonNull(result);
  }

  @Override
  public String toString() {
    return "CookieSetEvent[step=" + step + ", url=" + url + ", cookie=" + result.name() + "]";
  }
}
