package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.cookie.RequestContext;
import org.jspecify.annotations.Nullable;

/**
 * How the emulated browser sent one step's request: the cookie context the jar was asked in (RFC 6265bis
 * §5.8.3), or none for a raw request the browser model never saw (a replay standing for an attacker or a
 * stale tab). The cookies it sent or withheld are the step's {@link CookieSendEvent}.
 *
 * @param step the trace step of the request
 * @param context the cookie context, null for a raw request
 * @param location its trace step
 */
public record BrowserRequest(int step, @Nullable RequestContext context, Location location) implements Observation {
  public BrowserRequest {
    requireNonNull(location);
  }

  /** Seen at its trace step. */
  public BrowserRequest(int step, @Nullable RequestContext context) {
    this(step, context, new Location.ExchangeRef(step));
  }
}
