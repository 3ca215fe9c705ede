package authdoctor.check;

import static java.util.Objects.requireNonNull;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.catalog.Catalog;
import authdoctor.catalog.CatalogEntry;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import authdoctor.observation.Problem;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Runs checks over observations and records every check's outcome. A check whose needed observations
 * are missing is {@code NotApplicable}; one that throws is {@code Crashed} and the run goes on.
 *
 * <p>An id may have several detectors, one per source ({@code ProxyForwardedProtoMissing} for the live
 * trials, {@code ProxyForwardedProtoMissingInNginx} for a config file): each runs when its own needs are
 * present and has its own outcome, and when more than one of them reports, their findings become one
 * finding of that id with the evidence of every source (see {@link #merge}). When the run both talked to
 * a deployment and read its configuration ({@code probe --config}), {@link Corroboration} tells the live
 * evidence from the file lines behind it, and a {@link Refuting} live detector's answer drops the
 * configuration findings the live run contradicts.
 */
public final class Engine {
  private final List<Check> checks;
  private final Catalog catalog;
  private final Clock clock;
  private final Redactor redactor;

  public Engine(List<Check> checks, Catalog catalog, Clock clock, Redactor redactor) {
    this.checks = List.copyOf(checks);
    this.catalog = requireNonNull(catalog);
    this.clock = requireNonNull(clock);
    this.redactor = requireNonNull(redactor);
    checks.forEach(this::validate);
  }

  /** Fails fast when a check's spec disagrees with the catalog (a build bug, caught by tests). */
  private void validate(Check check) {
    CheckSpec spec = Check.spec(check);
    CatalogEntry entry =
        catalog
            .find(spec.id())
            .orElseThrow(() -> new IllegalStateException(spec.id() + ": not in the catalog"));
    if (entry.severity() != spec.severity()) {
      throw new IllegalStateException(
          spec.id() + ": severity " + spec.severity() + " but the catalog says " + entry.severity());
    }
  }

  /** The findings and outcomes of all checks over these observations. */
  public Result run(Observations observations, Stack stack) {
    return run(observations, stack, Scope.ALL);
  }

  /** The findings and outcomes of the checks in scope over these observations. */
  public Result run(Observations observations, Stack stack, Scope scope) {
    Map<String, List<List<Finding>>> byId = new LinkedHashMap<>(); // id → each detector's findings
    List<Outcome> outcomes = new ArrayList<>();
    boolean corroborate = Corroboration.applies(observations);
    Map<String, String> refuted = new LinkedHashMap<>(); // id → what the live run showed against it
    for (Check check : checks) {
      CheckSpec spec = Check.spec(check);
      if (!scope.includes(spec.id())) continue;
      List<String> missing =
          Arrays.stream(spec.needs())
              .filter(t -> !observations.has(t))
              .map(Class::getSimpleName)
              .toList();
      if (!missing.isEmpty()) {
        outcomes.add(new Outcome.NotApplicable(spec.id(), "no " + String.join(", ", missing) + " observed"));
        continue;
      }
      try {
        CheckContext ctx = new CheckContext(spec, clock, stack, redactor, catalog);
        List<Finding> found = check.run(observations, ctx);
        if (!found.isEmpty()) byId.computeIfAbsent(spec.id(), k -> new ArrayList<>()).add(List.copyOf(found));
        if (corroborate && found.isEmpty() && check instanceof Refuting r) {
          r.refutation(observations, ctx).ifPresent(why -> refuted.putIfAbsent(spec.id(), why));
        }
        outcomes.add(new Outcome.Ran(spec.id(), found.size()));
      } catch (RuntimeException e) {
        outcomes.add(new Outcome.Crashed(spec.id(), e.getClass().getSimpleName() + ": " + e.getMessage()));
      }
    }
    List<Finding> findings = new ArrayList<>();
    List<Outcome> contradicted = new ArrayList<>();
    for (Map.Entry<String, List<List<Finding>>> e : byId.entrySet()) {
      List<List<Finding>> detectors = e.getValue();
      if (corroborate) {
        Corroboration.Joined j = Corroboration.join(e.getKey(), detectors, refuted.get(e.getKey()), notRun(outcomes, e.getKey()), redactor);
        findings.addAll(j.findings());
        if (j.contradicted() != null) contradicted.add(j.contradicted());
      } else if (detectors.size() == 1) findings.addAll(detectors.get(0));
      else findings.add(merge(detectors));
    }
    outcomes.addAll(contradicted);
    return new Result(findings, outcomes);
  }

  /** Why a detector of this id did not run, or null when every one ran. */
  private static @Nullable String notRun(List<Outcome> outcomes, String id) {
    for (Outcome o : outcomes) if (o instanceof Outcome.NotApplicable n && n.id().equals(id)) return n.missing();
    return null;
  }

  /**
   * One finding of an id several detectors reported: the catalog prose (the same in each), the evidence
   * of every detector in registry order. It sorts by its earliest evidence, as any finding does.
   */
  static Finding merge(List<List<Finding>> detectors) {
    List<Finding> all = detectors.stream().flatMap(List::stream).toList();
    Finding first = all.get(0);
    List<Evidence> evidence = all.stream().flatMap(f -> f.evidence().stream()).toList();
    return new Finding(first.id(), first.severity(), first.title(), evidence, first.why(), first.fix(), first.fixes());
  }

  /** Runs the checks and wraps everything into a report. */
  public Report report(
      String command,
      @Nullable String target,
      Observations observations,
      Stack stack,
      List<Problem> problems,
      List<Step> steps) {
    return report(command, target, observations, stack, problems, steps, Scope.ALL);
  }

  /** Runs the checks in scope and wraps everything into a report. */
  public Report report(
      String command,
      @Nullable String target,
      Observations observations,
      Stack stack,
      List<Problem> problems,
      List<Step> steps,
      Scope scope) {
    Result r = run(observations, stack, scope);
    return new Report(command, target, stack.framework(), clock.instant(), r.findings(), r.outcomes(), problems, steps,
        FailedFlow.decide(observations, r.findings(), r.outcomes(), redactor));
  }

  /** What one engine run produced. */
  public record Result(List<Finding> findings, List<Outcome> outcomes) {}

  /** Convenience for tests and commands: observations from a list. */
  public static Observations observations(List<? extends Observation> list) {
    return new Observations(List.copyOf(list));
  }
}
