package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.report.Format;
import authdoctor.report.Reporter;
import authdoctor.report.Result;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * {@code --format}, {@code --output}, {@code --fail-on}: shared by every command that reports. The
 * command declares its formats with {@link WritesFormats}.
 */
public final class OutputMixin {
  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).",
      defaultValue = "text")
  Format format = Format.TEXT;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "FILE",
      description = "Write the report to FILE instead of standard output.")
  @Nullable Path output;

  @Option(
      names = "--fail-on",
      paramLabel = "SEVERITY",
      description = "Exit 1 when a finding is at least this severe: error, warn or info (default: ${DEFAULT-VALUE}).",
      defaultValue = "error",
      converter = SeverityConverter.class)
  Severity failOn = Severity.ERROR;

  /** Writes one run's report where asked, through the redactor's safety net, and returns the exit code. */
  public int emit(Report report, Redactor redactor, Io io) {
    return emit(new Result.Single(report), true, redactor, io);
  }

  /**
   * Writes the result in the chosen format where asked, scrubbed of every secret seen, and returns the
   * exit code; {@code trace}: human formats print every run's trace too.
   */
  public int emit(Result result, boolean trace, Redactor redactor, Io io) {
    StringWriter buf = new StringWriter();
    try {
      format.reporter(new Reporter.Options(color(io), trace, failOn)).write(result, buf);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    write(redactor.safetyNet(buf.toString()), io);
    return exitCode(result.report()).code;
  }

  /** Loads what writing this format needs (the JSON mapper), e.g. while a live command waits on the network. */
  public void prepare() {
    format.warmUp();
  }

  /** Writes finished (already scrubbed) output to {@code --output}, or to stdout. */
  public void write(String text, Io io) {
    if (output == null) {
      io.out().print(text);
      io.out().flush();
      return;
    }
    Path parent = output.toAbsolutePath().getParent();
    if (parent != null && !Files.isDirectory(parent)) {
      // A typo in a path is not a reason to create directories: say so instead.
      throw new UsageError("--output " + output + ": the directory " + parent + " does not exist");
    }
    try {
      Files.writeString(output, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("--output " + output + ": cannot write it: " + Args.fileProblem(output, e));
    }
  }

  /** Whether text output may use colour: a terminal, no NO_COLOR, and not writing to a file. */
  public boolean color(Io io) {
    return output == null && io.color();
  }

  /** 1 for findings at or above --fail-on, else 3 when the run was incomplete, else 0. */
  public ExitCode exitCode(Report report) {
    if (report.hasFindingAtLeast(failOn)) return ExitCode.FINDINGS;
    if (!report.problems().isEmpty()) return ExitCode.INCOMPLETE;
    return ExitCode.OK;
  }

  public Format format() {
    return format;
  }

  /** Accepts {@code error}, {@code warn}, {@code info}. */
  public static final class SeverityConverter implements picocli.CommandLine.ITypeConverter<Severity> {
    @Override
    public Severity convert(String value) {
      return Severity.parse(value);
    }
  }
}
