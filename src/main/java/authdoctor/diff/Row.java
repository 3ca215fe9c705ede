package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One step of the flow on both targets, aligned by the probe's label; a side is null when that target
 * did not make the request (an extra redirect hop, a run cut short).
 */
public record Row(String label, @Nullable StepView a, @Nullable StepView b, List<Difference> differences) {
  public Row {
    requireNonNull(label);
    differences = List.copyOf(differences);
  }

  /** True when some difference is not explained by the targets alone. */
  public boolean diverges() {
    return differences.stream().anyMatch(d -> d.expected() == null);
  }
}
