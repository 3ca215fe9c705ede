package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;

/**
 * The probe's {@code PING} to the session store the app is configured with ({@code --store URL}).
 *
 * @param step the trace step of the ping
 * @param store the store URL as given ({@code redis://sessions:6379/0}; never with a password)
 * @param answered whether the store answered: {@code PONG}, or {@code NOAUTH} (it wants a password the
 *     probe does not have: reachable all the same)
 * @param reply what came back: {@code PONG}, the server's error line ({@code -NOAUTH …}), or what failed
 *     ("connection refused", "timed out after 3000 ms")
 * @param millis how long connect and ping took
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record StorePing(int step, String store, boolean answered, String reply, long millis, Location location) implements Observation {
  public StorePing {
    requireNonNull(location);
    requireNonNull(store);
    requireNonNull(reply);
  }

  /** Seen at its trace step. */
  public StorePing(
      int step, String store, boolean answered, String reply, long millis) {
    this(step, store, answered, reply, millis, new Location.ExchangeRef(step));
  }
}
