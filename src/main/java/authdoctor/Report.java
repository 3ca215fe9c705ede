package authdoctor;

import static java.util.Objects.requireNonNull;

import authdoctor.check.Outcome;
import authdoctor.check.Problem;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The finished result of one command run: findings sorted root cause first, the outcome of every
 * check, the collectors' problems, and the command's trace. Reporters turn it into bytes; they never
 * compute anything from the outside world.
 *
 * @param command the command that produced it ({@code probe}, {@code cookie}, {@code demo}, …)
 * @param target what was examined (URL, file), or null
 * @param framework the detected framework key ({@code flask}, …), or null
 * @param steps the command's trace, in order
 */
public record Report(
    String command,
    @Nullable String target,
    @Nullable String framework,
    Instant startedAt,
    List<Finding> findings,
    List<Outcome> outcomes,
    List<Problem> problems,
    List<Step> steps) {

  /** Root cause first: errors, then warnings, then info; within one, the earliest point in the flow; then id. */
  public static final Comparator<Finding> ROOT_CAUSE_FIRST =
      Comparator.comparing(Finding::severity)
          .thenComparingLong(Finding::position)
          .thenComparing(Finding::id);

  public Report {
    requireNonNull(command);
    requireNonNull(startedAt);
    findings = List.copyOf(CausalOrder.sort(findings)); // ROOT_CAUSE_FIRST, with causes before their symptoms
    outcomes = List.copyOf(outcomes);
    problems = List.copyOf(problems);
    steps = List.copyOf(steps);
  }

  /** True when some finding is at least as severe as {@code threshold}. */
  public boolean hasFindingAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.severity().atLeast(threshold));
  }

  /** A copy with more findings, problems and steps appended (used to combine several targets). */
  public Report merge(Report other) {
    return new Report(
        command,
        target,
        framework,
        startedAt,
        concat(findings, other.findings),
        concat(outcomes, other.outcomes),
        concat(problems, other.problems),
        concat(steps, other.steps));
  }

  private static <T> List<T> concat(List<T> a, List<T> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
