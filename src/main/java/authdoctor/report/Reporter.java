package authdoctor.report;

import authdoctor.Report;
import authdoctor.Severity;
import java.io.IOException;
import java.io.Writer;

/**
 * Turns a finished result into bytes: one per {@link Format}, handling every shape of {@link Result}.
 * Pure: the same result always gives the same output.
 */
public interface Reporter {
  void write(Result result, Writer out) throws IOException;

  /** Writes one run's report. */
  default void write(Report report, Writer out) throws IOException {
    write(new Result.Single(report), out);
  }

  /**
   * How a human format renders: {@code color} adds ANSI colour (a terminal without {@code NO_COLOR});
   * {@code trace} adds every run's trace after the findings. Machine formats always carry the trace.
   * {@code failOn} is the command's {@code --fail-on}: formats that pass or fail (JUnit, Markdown) fail on
   * the findings at or above it.
   */
  record Options(boolean color, boolean trace, Severity failOn) {
    public Options {
      java.util.Objects.requireNonNull(failOn);
    }

    /** Failing on errors, the default {@code --fail-on}. */
    public Options(boolean color, boolean trace) {
      this(color, trace, Severity.ERROR);
    }
  }
}
