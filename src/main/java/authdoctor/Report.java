package authdoctor;

import static java.util.Objects.requireNonNull;

import authdoctor.check.Outcome;
import authdoctor.observation.Problem;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * @param unexplained the flow's visible failure that no error finding explains, or null when the flow
 *     succeeded or a finding explains it
 * @param lost where a recorded session was lost ({@code har}), or null when it was not or the command
 *     replays no recording
 */
public record Report(
    String command,
    @Nullable String target,
    @Nullable String framework,
    Instant startedAt,
    List<Finding> findings,
    List<Outcome> outcomes,
    List<Problem> problems,
    List<Step> steps,
    @Nullable Unexplained unexplained,
    @Nullable Lost lost) {

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

  /** A report of no recording (every command but {@code har}). */
  public Report(String command, @Nullable String target, @Nullable String framework, Instant startedAt,
      List<Finding> findings, List<Outcome> outcomes, List<Problem> problems, List<Step> steps,
      @Nullable Unexplained unexplained) {
    this(command, target, framework, startedAt, findings, outcomes, problems, steps, unexplained, null);
  }

  /** A report whose flow did not fail unexplained (or that has no flow). */
  public Report(String command, @Nullable String target, @Nullable String framework, Instant startedAt,
      List<Finding> findings, List<Outcome> outcomes, List<Problem> problems, List<Step> steps) {
    this(command, target, framework, startedAt, findings, outcomes, problems, steps, null);
  }

  /** True when the flow visibly failed and no error finding explains it. */
  public boolean isUnexplained() {
    return unexplained != null;
  }

  /** True when some finding not accepted is at least as severe as {@code threshold}. */
  public boolean hasFindingAtLeast(Severity threshold) {
    return findings.stream().anyMatch(f -> f.fails(threshold));
  }

  /** This report with its findings replaced (e.g. marked accepted). */
  public Report withFindings(List<Finding> replaced) {
    return new Report(command, target, framework, startedAt, replaced, outcomes, problems, steps, unexplained, lost);
  }

  /** This report with its trace, unexplained failure and recorded loss replaced ({@code har}, once the checks ran). */
  public Report withLoss(List<Step> replacedSteps, @Nullable Unexplained replacedUnexplained, @Nullable Lost replacedLost) {
    return new Report(command, target, framework, startedAt, findings, outcomes, problems, replacedSteps,
        replacedUnexplained, replacedLost);
  }

  /** One part of a combined report: a deployment of the demo, a target of {@code diff}. */
  public record Part(String name, Report report) {
    public Part {
      requireNonNull(name);
      requireNonNull(report);
    }
  }

  /**
   * Where each part's steps land in a {@linkplain #combine combined} report: for part i, its step number
   * → the combined one (the parts' steps follow each other in order).
   */
  public static List<Map<Integer, Integer>> renumbering(List<Part> parts) {
    List<Map<Integer, Integer>> all = new ArrayList<>();
    int next = 0;
    for (Part p : parts) {
      Map<Integer, Integer> renumber = new LinkedHashMap<>();
      for (Step s : p.report().steps()) {
        next++;
        if (s.json().get("step") instanceof Number num) renumber.put(num.intValue(), next);
      }
      all.add(renumber);
    }
    return all;
  }

  /**
   * One report of several: every finding once, each evidence naming its part in the fact {@code key};
   * the steps renumbered across parts, each naming its part under {@code key} too (and, in its text, as
   * a prefix).
   */
  public static Report combine(String command, @Nullable String target, @Nullable String framework, String key,
      List<Part> parts) {
    List<Finding> findings = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    List<Map<Integer, Integer>> renumbering = renumbering(parts);
    Unexplained unexplained = null;
    for (int i = 0; i < parts.size(); i++) {
      Part part = parts.get(i);
      Map<Integer, Integer> renumber = renumbering.get(i);
      Unexplained u = part.report().unexplained();
      if (unexplained == null && u != null) {
        // The first part's failure leads the combined report; each part keeps its own in its section.
        unexplained = new Unexplained(renumber.getOrDefault(u.step(), u.step()), part.name() + ": " + u.what(),
            u.ruledOut(), u.next());
      }
      for (Step s : part.report().steps()) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", steps.size() + 1);
        json.put(key, part.name());
        s.json().forEach((k, v) -> { if (!k.equals("step")) json.put(k, v); });
        List<String> text = new ArrayList<>(s.text());
        if (!text.isEmpty()) text.set(0, part.name() + " · " + text.get(0)); // which part, when URLs look alike
        steps.add(new Step(json, text));
      }
      for (Finding f : part.report().findings()) {
        List<Evidence> ev = new ArrayList<>();
        for (Evidence e : f.evidence()) {
          Location loc = e.location();
          if (loc instanceof Location.ExchangeRef r && renumber.containsKey(r.step())) {
            loc = new Location.ExchangeRef(renumber.get(r.step()));
          }
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put(key, part.name());
          facts.putAll(e.facts());
          ev.add(new Evidence(e.kind(), e.subject(), e.excerpt(), loc, facts));
        }
        findings.add(new Finding(f.id(), f.severity(), f.title(), ev, f.why(), f.fix(), f.fixes(), f.accepted()));
      }
      outcomes.addAll(part.report().outcomes());
      for (Problem p : part.report().problems()) problems.add(new Problem(part.name() + ": " + p.source(), p.message()));
    }
    Instant started = parts.isEmpty() ? Instant.now() : parts.get(0).report().startedAt();
    return new Report(command, target, framework, started, findings, outcomes, problems, steps, unexplained);
  }
}
