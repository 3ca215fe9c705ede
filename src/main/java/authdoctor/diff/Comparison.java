package authdoctor.diff;

import java.util.List;
import java.util.Optional;

/** The two runs side by side: every step, aligned, with what differs. */
public record Comparison(List<Row> rows) {
  public Comparison {
    rows = List.copyOf(rows);
  }

  /** The first step where the targets diverge (a difference the targets alone do not explain). */
  public Optional<Row> firstDivergence() {
    return rows.stream().filter(Row::diverges).findFirst();
  }

  /** How many steps diverge. */
  public long divergingSteps() {
    return rows.stream().filter(Row::diverges).count();
  }
}
