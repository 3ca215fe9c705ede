package authdoctor.report;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.diff.Difference;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Row;
import authdoctor.diff.StepView;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The text of a {@link Result.Diff} ({@code authdoctor diff}): both targets in one line each, where they
 * diverge first (side by side), the findings that explain the difference, then the whole flow side by
 * side. Fits 80 columns; colour only when asked.
 */
final class DiffText {
  private static final int LABEL = 24, SIDE = 25;
  private final TextReporter text;
  private final boolean trace;

  /** {@code trace}: also print each run's full trace. */
  DiffText(boolean color, boolean trace) {
    this.text = new TextReporter(color, false);
    this.trace = trace;
  }

  void write(DiffReport d, StringBuilder sb) {
    sb.append(text.paint("1", "authdoctor diff")).append('\n');
    target(d.a(), sb);
    target(d.b(), sb);
    Optional<Row> first = d.comparison().firstDivergence();
    long errors = TextReporter.count(d.combined(), Severity.ERROR);
    String headline = first.map(r -> "They diverge first at \"" + r.label() + "\" (" + where(d, r) + "); "
        + d.comparison().divergingSteps() + " of " + d.comparison().rows().size() + " steps differ")
        .orElse("The flow is the same on both (" + d.comparison().rows().size() + " steps)"
            + (errors > 0 ? ": what fails fails on both (the findings on both below)" : ""));
    String mark = text.paint(first.isPresent() || errors > 0 ? "1;31" : "1;32", first.isPresent() ? "≠ " : "= ");
    MarkdownText.wrap(headline, mark, "  ", sb);
    first.ifPresent(r -> divergence(d, r, sb));
    findings(d, sb);
    text.problems(d.combined(), sb);
    table(d, sb);
    if (trace) {
      text.trace(d.combined(), sb);
    } else {
      sb.append("\nEach run's full trace: add --trace\n");
    }
  }

  private void target(DiffReport.Target t, StringBuilder sb) {
    Report r = t.report();
    long e = TextReporter.count(r, Severity.ERROR), w = TextReporter.count(r, Severity.WARN);
    String stack = r.framework() == null ? "" : "  (stack: " + Catalog.stackName(r.framework()) + ")";
    String counts = TextReporter.plural(e, "error") + " · " + TextReporter.plural(w, "warning");
    MarkdownText.wrap(t.url() + stack + "  " + (e > 0 ? "✗ " : w > 0 ? "! " : "✓ ") + counts, "  " + t.name() + "  ", "     ", sb);
  }

  private static String where(DiffReport d, Row r) {
    String a = r.a() == null ? "not on A" : "A step " + d.a().step(r.a().step());
    String b = r.b() == null ? "not on B" : "B step " + d.b().step(r.b().step());
    return a + ", " + b;
  }

  private void divergence(DiffReport d, Row r, StringBuilder sb) {
    StepView any = r.a() != null ? r.a() : r.b();
    sb.append('\n').append(text.paint("1", "First divergence: " + r.label()));
    if (any != null) sb.append("  (").append(any.method()).append(')');
    sb.append('\n');
    boolean fits = r.differences().stream().allMatch(x -> fits(x.aspect(), x.a(), x.b() + note(x.expected())));
    if (fits) sb.append(String.format("  %-" + (LABEL - 2) + "s %-" + SIDE + "s %s%n", "", "A", "B"));
    for (Difference x : r.differences()) {
      String b = x.b() + note(x.expected());
      if (fits) {
        sb.append(String.format("  %-" + (LABEL - 2) + "s %-" + SIDE + "s %s%n", x.aspect(), x.a(), b));
      } else {
        sb.append("  ").append(x.aspect()).append('\n');
        MarkdownText.wrap(x.a(), "    A  ", "       ", sb);
        MarkdownText.wrap(b, "    B  ", "       ", sb);
      }
    }
  }

  private static String note(@Nullable String expected) {
    return expected == null ? "" : " (expected: " + expected + ")";
  }

  /** Whether an aspect and both values fit the columns of one line. */
  private static boolean fits(String aspect, String a, String b) {
    return aspect.length() <= LABEL - 3 && a.length() <= SIDE && b.length() <= 80 - LABEL - SIDE - 2;
  }

  private void findings(DiffReport d, StringBuilder sb) {
    int n = 0;
    for (DiffReport.Target t : List.of(d.b(), d.a())) {
      List<Finding> only = d.only(t);
      sb.append('\n').append(text.paint("1", "Only on " + t.name() + " (" + t.url() + ")"));
      if (only.isEmpty()) {
        sb.append(": no finding\n");
        continue;
      }
      sb.append(" — what explains the difference\n");
      for (Finding f : only) {
        sb.append('\n');
        text.finding(++n, f, sb);
      }
    }
    List<Finding> both = d.both();
    if (!both.isEmpty()) {
      sb.append('\n').append(text.paint("1", "On both")).append(" (not what differs; details: authdoctor probe on either)\n");
      for (Finding f : both) {
        MarkdownText.wrap(f.severity().word().toUpperCase(java.util.Locale.ROOT) + "  " + f.id() + " — " + f.title(), "  ", "        ", sb);
      }
    }
  }

  private void table(DiffReport d, StringBuilder sb) {
    sb.append('\n').append(text.paint("1", "The flow side by side")).append(" (≠ where they diverge, ~ expected difference)\n");
    sb.append(String.format("  %-" + LABEL + "s %-" + SIDE + "s %s%n", "step", "A", "B"));
    for (Row r : d.comparison().rows()) {
      String mark = r.diverges() ? "≠ " : r.differences().isEmpty() ? "  " : "~ ";
      sb.append(String.format("%s%-" + LABEL + "s %-" + SIDE + "s %s%n", mark, cut(r.label(), LABEL),
          cut(summary(r.a()), SIDE), cut(summary(r.b()), 80 - LABEL - SIDE - 4)));
    }
  }

  /** A step in a few characters: status, redirect target, signed in or out. */
  private static String summary(@Nullable StepView v) {
    return v == null ? Difference.NONE : v.summary();
  }

  private static String cut(String s, int width) {
    return s.length() <= width ? s : s.substring(0, width - 1) + "…";
  }
}
