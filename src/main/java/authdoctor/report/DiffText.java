package authdoctor.report;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Unexplained;
import authdoctor.catalog.Catalog;
import authdoctor.diff.Difference;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Row;
import authdoctor.diff.StepView;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The text of a {@link Result.Diff} ({@code authdoctor diff}): both targets in one line each, where they
 * diverge first (side by side), the findings that explain the difference, then the whole flow side by
 * side. Fits 80 columns; colour only when asked.
 */
final class DiffText {
  private static final int LABEL = 24, SIDE = 25;
  /** Findings only one side has, shown in full; the rest are counted by id (the JSON lists each). */
  static final int MAX_SHOWN = 20;
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
    // A green check never stands above a side whose flow failed or whose run is incomplete.
    String mark = e > 0 || r.isUnexplained() ? "✗ " : w > 0 || !r.problems().isEmpty() ? "! " : "✓ ";
    MarkdownText.wrap(t.url() + stack + "  " + mark + counts, "  " + t.name() + "  ", "     ", sb);
    Unexplained u = r.unexplained();
    if (u != null) {
      Unexplained own = new Unexplained(t.step(u.step()), u.what(), u.ruledOut(), u.next());
      for (String l : own.lines()) MarkdownText.wrap(ServerText.render(l), "       ", "         ", sb);
    }
  }

  private static String where(DiffReport d, Row r) {
    String a = r.a() == null ? "not on A" : "A step " + d.a().step(r.a().step());
    String b = r.b() == null ? "not on B" : "B step " + d.b().step(r.b().step());
    return a + ", " + b;
  }

  private void divergence(DiffReport d, Row r, StringBuilder sb) {
    StepView any = r.a() != null ? r.a() : r.b();
    sb.append('\n').append(text.paint("1", "First divergence: " + ServerText.render(r.label())));
    if (any != null) sb.append("  (").append(any.method()).append(')');
    sb.append('\n');
    boolean fits = r.differences().stream().allMatch(x -> fits(ServerText.render(x.aspect()), ServerText.render(x.a()),
        ServerText.render(x.b() + note(x.expected()))));
    if (fits) sb.append(String.format("  %-" + (LABEL - 2) + "s %-" + SIDE + "s %s%n", "", "A", "B"));
    for (Difference x : r.differences()) {
      String b = x.b() + note(x.expected());
      String aspect = ServerText.render(x.aspect()), a = ServerText.render(x.a());
      b = ServerText.render(b);
      if (fits) {
        sb.append(String.format("  %-" + (LABEL - 2) + "s %-" + SIDE + "s %s%n", aspect, a, b));
      } else {
        sb.append("  ").append(aspect).append('\n');
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
      for (Finding f : only.subList(0, Math.min(only.size(), MAX_SHOWN))) {
        sb.append('\n');
        text.finding(++n, f, sb);
      }
      if (only.size() > MAX_SHOWN) {
        sb.append('\n');
        MarkdownText.wrap("… and " + (only.size() - MAX_SHOWN) + " more findings only on " + t.name() + ":", "  ", "  ", sb);
        summarised(only.subList(MAX_SHOWN, only.size()), sb);
      }
    }
    List<Finding> both = d.both();
    if (!both.isEmpty()) {
      sb.append('\n').append(text.paint("1", "On both")).append(" (not what differs; details: authdoctor probe on either)\n");
      summarised(both, sb);
    }
  }

  /** One line per catalog id, in order of first appearance, with how many findings it stands for. */
  private static void summarised(List<Finding> findings, StringBuilder sb) {
    Map<String, List<Finding>> byId = new LinkedHashMap<>();
    for (Finding f : findings) byId.computeIfAbsent(f.id(), k -> new ArrayList<>()).add(f);
    for (List<Finding> same : byId.values()) {
      Finding f = same.get(0);
      String times = same.size() == 1 ? "" : " (" + same.size() + " findings)";
      MarkdownText.wrap(f.severity().word().toUpperCase(java.util.Locale.ROOT) + "  " + f.id() + " — " + f.title() + times,
          "  ", "        ", sb);
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
    String shown = ServerText.render(s);
    return shown.length() <= width ? shown : shown.substring(0, width - 1) + "…";
  }
}
