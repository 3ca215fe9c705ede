package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import authdoctor.Finding;
import authdoctor.Report;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * What {@code authdoctor diff} reports: both runs combined into one report (every finding once, each
 * evidence naming its target; the steps of A, then those of B), each target's own report, and the
 * step-by-step comparison.
 */
public record DiffReport(Report combined, Target a, Target b, Comparison comparison) {
  /** The evidence fact and step field that name the target in the combined report. */
  public static final String TARGET = "target";

  public DiffReport {
    requireNonNull(combined);
    requireNonNull(a);
    requireNonNull(b);
    requireNonNull(comparison);
  }

  /**
   * One target.
   *
   * @param name {@code A} or {@code B}
   * @param url its base URL (redacted)
   * @param report its own report (its own step numbers)
   * @param steps its step numbers → those of the combined report
   */
  public record Target(String name, String url, Report report, Map<Integer, Integer> steps) {
    public Target {
      requireNonNull(name);
      requireNonNull(url);
      requireNonNull(report);
      steps = Map.copyOf(steps);
    }

    /** The combined report's number of this target's step {@code n}. */
    public int step(int n) {
      return steps.getOrDefault(n, n);
    }

    public @Nullable String framework() {
      return report.framework();
    }
  }

  /**
   * The findings of {@code side} (from the combined report: evidence names the target, steps are those of
   * the combined trace) whose id the other target does not report.
   */
  public List<Finding> only(Target side) {
    Target other = side == a ? b : a;
    Set<String> theirs = ids(other);
    return of(side).stream().filter(f -> !theirs.contains(f.id())).toList();
  }

  /** The findings of A whose id B reports too. */
  public List<Finding> both() {
    Set<String> theirs = ids(b);
    return of(a).stream().filter(f -> theirs.contains(f.id())).toList();
  }

  private List<Finding> of(Target side) {
    return combined.findings().stream()
        .filter(f -> !f.evidence().isEmpty() && side.name().equals(f.evidence().get(0).facts().get(TARGET)))
        .toList();
  }

  private static Set<String> ids(Target t) {
    return t.report().findings().stream().map(Finding::id).collect(Collectors.toSet());
  }
}
