package authdoctor.observation;

import static java.util.Objects.requireNonNull;

/**
 * A failure of the environment while collecting (timeout, refused connection, unreadable file). A run
 * with problems is incomplete (exit 3) unless a finding explains it.
 *
 * @param source what failed (the step label, file name or URL)
 * @param message one line saying what went wrong, already free of secrets
 */
public record Problem(String source, String message) {
  public Problem {
    requireNonNull(source);
    requireNonNull(message);
  }
}
