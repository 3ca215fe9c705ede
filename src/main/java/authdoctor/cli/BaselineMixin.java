package authdoctor.cli;

import authdoctor.Baseline;
import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.internal.LocatedYaml;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --baseline FILE} and {@code --save-baseline FILE}: the findings a team accepted, which are
 * reported as accepted and do not fail the run until their day; shared by {@code probe} and {@code diff}.
 */
public final class BaselineMixin {
  @Option(names = "--baseline", paramLabel = "FILE",
      description = "Accepted findings (id, fingerprint, reason, optional until: YYYY-MM-DD): reported as accepted, they do not fail the run until that day. A flow file's accepted: section adds to it.")
  @Nullable Path baseline;

  @Option(names = "--save-baseline", paramLabel = "FILE",
      description = "Write this run's findings as a baseline to FILE (each with its fingerprint; give each its reason).")
  @Nullable Path saveBaseline;

  private @Nullable Baseline loaded;

  /** Reads --baseline and the flow file's accepted: section (a bad one is exit 2, before any request). */
  void prepare(@Nullable Path flowFile) {
    Baseline b = baseline == null ? new Baseline(List.of()) : Baseline.read(baseline);
    if (flowFile != null && LocatedYaml.read(flowFile) instanceof LocatedYaml.Mapping m
        && m.entries().get(FlowFile.ACCEPTED) instanceof LocatedYaml.Entry section) {
      b = b.plus(Baseline.section(flowFile.toString(), section.value()));
    }
    loaded = b;
  }

  /** The report with accepted findings marked; an expired acceptance is said on stderr (it fails again). */
  Report apply(Report report, Io io) {
    if (loaded == null) throw new IllegalStateException("prepare() first");
    Baseline.Applied applied = loaded.apply(report, today());
    for (Baseline.Entry e : applied.expired()) {
      io.err().println("authdoctor: " + e.where() + ": the acceptance of " + e.id() + " ended on " + e.until()
          + "; it fails again");
    }
    io.err().flush();
    return applied.report();
  }

  /** Writes {@code findings} as a baseline to --save-baseline, when given. */
  void save(List<Finding> findings) {
    if (saveBaseline == null) return;
    try {
      Path parent = saveBaseline.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(saveBaseline, Baseline.yaml(findings, today()), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("--save-baseline " + saveBaseline + ": cannot write it (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static LocalDate today() {
    return LocalDate.now(Clock.systemUTC());
  }
}
