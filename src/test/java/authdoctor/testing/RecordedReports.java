package authdoctor.testing;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.diff.Comparison;
import authdoctor.diff.DiffReport;
import authdoctor.diff.FlowDiff;
import authdoctor.observation.Collected;
import authdoctor.report.Result;
import authdoctor.report.trace.ProbeSteps;
import java.io.IOException;
import java.time.Clock;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * Whole reports of the recorded lab runs ({@link RecordedRun}): the real probe replayed and diagnosed by
 * the real checks, as {@code probe} and {@code diff} report them, without the lab.
 */
public final class RecordedReports {
  private RecordedReports() {}

  /** {@code authdoctor probe} of the recorded run {@code name}. */
  public static Report probe(String name, Redactor redactor) throws IOException {
    RecordedRun run = RecordedRun.read(name);
    return probe(run, run.replay(redactor), redactor);
  }

  private static Report probe(RecordedRun run, Collected collected, Redactor redactor) {
    return AuthDoctor.prepare(Clock.fixed(run.at(), ZoneOffset.UTC), redactor)
        .diagnose("probe", redactor.url(run.flow().base().toString()), ProbeSteps.traced(collected, redactor), Scope.ALL);
  }

  /** {@code authdoctor diff A B} of two recorded runs, as the diff command builds it. */
  public static Result.Diff diff(String a, String b, Redactor redactor) throws IOException {
    RecordedRun runA = RecordedRun.read(a);
    RecordedRun runB = RecordedRun.read(b);
    Collected ca = runA.replay(redactor);
    Collected cb = runB.replay(redactor);
    Report ra = probe(runA, ca, redactor);
    Report rb = probe(runB, cb, redactor);
    List<Report.Part> parts = List.of(new Report.Part("A", ra), new Report.Part("B", rb));
    Report combined = Report.combine("diff", ra.target() + " vs " + rb.target(), null, DiffReport.TARGET, parts);
    List<Map<Integer, Integer>> steps = Report.renumbering(parts);
    Comparison comparison = FlowDiff.compare(new FlowDiff.Side("A", runA.flow().base(), ca.observations()),
        new FlowDiff.Side("B", runB.flow().base(), cb.observations()), redactor);
    return new Result.Diff(new DiffReport(combined, new DiffReport.Target("A", ra.target(), ra, steps.get(0)),
        new DiffReport.Target("B", rb.target(), rb, steps.get(1)), comparison));
  }
}
