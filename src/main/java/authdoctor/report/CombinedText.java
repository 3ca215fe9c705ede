package authdoctor.report;

import static java.util.Objects.requireNonNull;

import authdoctor.Finding;
import authdoctor.Report;
import java.util.List;

/**
 * The text of a {@link Result.Combined} ({@code authdoctor demo}): each run's report under a numbered
 * headline, then the summary table — the root cause named first in each run, one line each — and the
 * closing lines.
 */
final class CombinedText {
  private final TextReporter text;
  private final boolean trace;

  /** {@code text} renders each run; {@code trace}: the runs' traces are printed. */
  CombinedText(TextReporter text, boolean trace) {
    this.text = text;
    this.trace = trace;
  }

  void write(Result.Combined c, StringBuilder sb) {
    List<Result.Section> all = c.sections();
    int n = 0;
    for (Result.Section s : all) {
      if (n++ > 0) sb.append('\n');
      MarkdownText.wrap("═══ " + n + "/" + all.size() + " " + s.headline(), "", "    ", sb);
      text.single(s.report(), sb);
    }
    sb.append("\nSummary: the root cause authdoctor names first in each run\n");
    for (Result.Section s : all) sb.append(String.format("  %-31s %s%n", s.name(), firstCause(s.report())));
    if (!c.closing().isEmpty()) {
      sb.append('\n');
      for (String line : c.closing()) sb.append(line).append('\n');
    }
    if (!trace) sb.append("Each run's full trace: authdoctor ").append(c.command()).append(" --trace\n");
  }

  /** The first finding (the root cause) and how many follow it, or that nothing is wrong. */
  private static String firstCause(Report r) {
    List<Finding> f = r.findings();
    if (r.isUnexplained() && (f.isEmpty() || f.get(0).severity() != authdoctor.Severity.ERROR)) {
      return "✗ failed at step " + requireNonNull(r.unexplained()).step() + ", no known cause";
    }
    if (f.isEmpty()) return r.problems().isEmpty() ? "✓ nothing wrong" : "! incomplete";
    return mark(f.get(0)) + " " + f.get(0).id() + (f.size() > 1 ? " (+" + (f.size() - 1) + " more)" : "");
  }

  private static String mark(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "✗";
      case WARN -> "!";
      case INFO -> "i";
    };
  }
}
