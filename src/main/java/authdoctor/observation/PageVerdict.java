package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;

/**
 * Whether a response looked signed in, judged for the trace only: the request is no session measurement
 * (a CORS call, a cross-site link), so there is no {@link SessionCheck} for it.
 *
 * @param step the trace step of the response
 * @param verdict signed in, signed out, or cannot tell
 * @param reason why, in a few words (may quote the server: redacted when shown)
 * @param location its trace step
 */
public record PageVerdict(int step, SessionCheck.Verdict verdict, String reason, Location location) implements Observation {
  public PageVerdict {
    requireNonNull(verdict);
    requireNonNull(reason);
    requireNonNull(location);
  }

  /** Seen at its trace step. */
  public PageVerdict(int step, SessionCheck.Verdict verdict, String reason) {
    this(step, verdict, reason, new Location.ExchangeRef(step));
  }
}
