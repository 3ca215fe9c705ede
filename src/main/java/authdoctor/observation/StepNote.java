package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;

/**
 * A remark a collector made as a step of its own rather than a request: a redirect not followed, a
 * host outside the deployment, how a restart went.
 *
 * @param step the trace step of the remark
 * @param label what the remark is about ({@code restart}, {@code login (redirect 2)})
 * @param message the remark, already redacted
 * @param location its trace step
 */
public record StepNote(int step, String label, String message, Location location) implements Observation {
  public StepNote {
    requireNonNull(label);
    requireNonNull(message);
    requireNonNull(location);
  }

  /** Seen at its trace step. */
  public StepNote(int step, String label, String message) {
    this(step, label, message, new Location.ExchangeRef(step));
  }
}
