package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Step;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What one collector saw: its observations in the order it saw them, the problems it met (the run is
 * incomplete), the command's trace, and why the target never answered at all, when it did not.
 *
 * @param observations what was seen, for the checks
 * @param problems failures of the environment while collecting (timeouts, refused connections)
 * @param trace the command's redacted trace (its {@code steps}), empty until a command adds one
 * @param unreachable one line when the target never answered, so there is nothing to diagnose (exit
 *     3); null when it answered
 */
public record Collected(
    List<Observation> observations, List<Problem> problems, List<Step> trace, @Nullable String unreachable) {
  public Collected {
    observations = List.copyOf(observations);
    problems = List.copyOf(problems);
    trace = List.copyOf(trace);
  }

  /** Observations and problems, without a trace; the target answered. */
  public Collected(List<? extends Observation> observations, List<Problem> problems) {
    this(List.copyOf(observations), problems, List.of(), null);
  }

  /** The same with the command's trace. */
  public Collected withTrace(List<Step> steps) {
    return new Collected(observations, problems, steps, unreachable);
  }

  /** The same with one more problem (a part of a combined run that could not be reached). */
  public Collected withProblem(Problem problem) {
    List<Problem> all = new ArrayList<>(problems);
    all.add(requireNonNull(problem));
    return new Collected(observations, all, trace, unreachable);
  }
}
