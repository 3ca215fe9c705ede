package authdoctor;

import static java.util.Objects.requireNonNull;

import java.time.LocalDate;
import org.jspecify.annotations.Nullable;

/**
 * A team's acceptance of one finding (from a baseline): why, and until when (inclusive; null: no
 * expiry). An accepted finding is still reported but does not fail the run.
 */
public record Acceptance(String reason, @Nullable LocalDate until) {
  public Acceptance {
    requireNonNull(reason);
  }

  /** True when the acceptance still holds on {@code today}. */
  public boolean holdsOn(LocalDate today) {
    return until == null || !today.isAfter(until);
  }
}
