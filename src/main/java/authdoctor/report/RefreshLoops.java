package authdoctor.report;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Where a long flow repeats itself: runs of consecutive steps whose request/response pattern is the same
 * as the steps just before them — five refreshes answered alike, a redirect loop bouncing between two
 * URLs — so the diagram draws the pattern once and folds the repeats behind one toggle with their count.
 * Pure: it compares the keys it is given (null for a step that must stay visible: a note, a marked step).
 */
final class RefreshLoops {
  /** The fewest repeated steps worth folding. */
  static final int MIN_FOLDED = 2;
  /** The longest pattern looked for (a redirect loop between a few URLs). */
  static final int MAX_PERIOD = 3;

  /**
   * A fold: steps {@code [from, to)} (indexes into the keys) repeat the {@code period} steps before them
   * {@code repeats} times.
   */
  record Loop(int from, int to, int period, int repeats) {}

  private RefreshLoops() {}

  static List<Loop> find(List<@Nullable String> keys) {
    List<Loop> out = new ArrayList<>();
    int i = 0;
    while (i < keys.size()) {
      Loop best = null;
      for (int p = 1; p <= MAX_PERIOD && i + p <= keys.size(); p++) {
        if (!visible(keys, i, p)) continue;
        int k = 0;
        while (same(keys, i, i + (k + 1) * p, p)) k++;
        if (k * p >= MIN_FOLDED && (p > 1 || k >= MIN_FOLDED) && (best == null || k * p > best.to() - best.from())) {
          best = new Loop(i + p, i + p + k * p, p, k);
        }
      }
      if (best == null) {
        i++;
      } else {
        out.add(best);
        i = best.to();
      }
    }
    return out;
  }

  /** The pattern starting at {@code i}, {@code p} steps long, has no step that must stay visible. */
  private static boolean visible(List<@Nullable String> keys, int i, int p) {
    for (int j = i; j < i + p; j++) if (keys.get(j) == null) return false;
    return true;
  }

  /** Steps {@code [at, at + p)} repeat {@code [i, i + p)}. */
  private static boolean same(List<@Nullable String> keys, int i, int at, int p) {
    if (at + p > keys.size()) return false;
    for (int j = 0; j < p; j++) {
      if (keys.get(at + j) == null || !Objects.equals(keys.get(i + j), keys.get(at + j))) return false;
    }
    return true;
  }
}
