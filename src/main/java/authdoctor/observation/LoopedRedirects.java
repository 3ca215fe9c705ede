package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;

/**
 * A request of the user's flow whose redirects the browser followed until it gave up, coming back to a URL
 * it had already been sent to and getting the same redirect again (no progress: the browser shows "too
 * many redirects"). Recorded only for the flow a browser makes (the login page, the login, the OAuth round
 * trip, the logout), never for the probe's own trials.
 *
 * @param step the trace step of the first request of the chain
 * @param hops the trace steps of the chain's exchanges, in order (the first request included)
 * @param location its trace step
 */
public record LoopedRedirects(int step, List<Integer> hops, Location location) implements Observation {
  public LoopedRedirects {
    requireNonNull(location);
    hops = List.copyOf(hops);
    if (hops.size() < 2) throw new IllegalArgumentException("a loop has at least two hops");
  }

  /**
   * Whether {@code b} requested what {@code a} requested and got the same redirect (method, URL, status and
   * {@code Location}): a browser that comes back there makes no progress.
   */
  public static boolean sameRedirect(HttpExchange a, HttpExchange b) {
    return a.isRedirect() && b.isRedirect() && a.url().equals(b.url()) && a.method().equals(b.method())
        && a.status() == b.status() && a.responseHeader("Location").equals(b.responseHeader("Location"));
  }

  /** Seen at its trace step. */
  public LoopedRedirects(int step, List<Integer> hops) {
    this(step, hops, new Location.ExchangeRef(step));
  }
}
