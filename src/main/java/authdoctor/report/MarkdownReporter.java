package authdoctor.report;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Step;
import authdoctor.catalog.Catalog;
import authdoctor.check.Outcome;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Row;
import authdoctor.observation.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.List;

/**
 * A CommonMark summary for a CI job page or a pull-request comment: the verdict under {@code --fail-on},
 * the root cause and its fix, a table of the findings (root cause first, GitHub's table extension), and
 * the trace folded in a {@code <details>} block.
 */
public final class MarkdownReporter implements Reporter {
  private final Severity failOn;

  public MarkdownReporter(Reporter.Options options) {
    this.failOn = options.failOn();
  }

  @Override
  public void write(Result result, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    switch (result) {
      case Result.Single s -> single(s.report(), "##", sb);
      case Result.Combined c -> {
        sb.append("## authdoctor ").append(c.command()).append(": ").append(verdict(c.report())).append("\n");
        for (Result.Section s : c.sections()) {
          sb.append("\n### ").append(inline(s.headline())).append("\n\n");
          body(s.report(), false, sb);
        }
      }
      case Result.Diff d -> diff(d.diff(), sb);
    }
    out.write(sb.toString());
  }

  private void single(Report r, String level, StringBuilder sb) {
    sb.append(level).append(" authdoctor ").append(r.command()).append(": ").append(verdict(r)).append("\n\n");
    if (r.target() != null) {
      sb.append("Target: ").append(code(r.target()));
      if (r.framework() != null) sb.append(" (stack: ").append(inline(Catalog.stackName(r.framework()))).append(')');
      sb.append("\n\n");
    }
    body(r, false, sb);
  }

  private void diff(DiffReport d, StringBuilder sb) {
    sb.append("## authdoctor diff: ").append(verdict(d.combined())).append("\n\n");
    sb.append("| Target | URL | Findings |\n|---|---|---|\n");
    for (DiffReport.Target t : List.of(d.a(), d.b())) {
      sb.append("| ").append(t.name()).append(" | ").append(code(t.url())).append(" | ")
          .append(summary(t.report())).append(" |\n");
    }
    sb.append('\n');
    d.comparison().firstDivergence().ifPresentOrElse(
        row -> sb.append("First divergence: **").append(inline(row.label())).append("** (")
            .append(d.comparison().divergingSteps()).append(" of ").append(d.comparison().rows().size())
            .append(" steps differ)\n\n"),
        () -> sb.append("The two flows do not diverge.\n\n"));
    body(d.combined(), true, sb);
    sb.append("\n<details><summary>The flow side by side</summary>\n\n");
    sb.append("| | Step | A | B |\n|---|---|---|---|\n");
    for (Row row : d.comparison().rows()) {
      sb.append("| ").append(row.diverges() ? "≠" : "").append(" | ").append(inline(row.label())).append(" | ")
          .append(row.a() == null ? "(not made)" : inline(row.a().summary())).append(" | ")
          .append(row.b() == null ? "(not made)" : inline(row.b().summary())).append(" |\n");
    }
    sb.append("\n</details>\n");
  }

  /** Root cause and fix, the findings table, problems and crashes, the folded trace. */
  private void body(Report r, boolean targets, StringBuilder sb) {
    List<Finding> findings = r.findings();
    if (!findings.isEmpty()) {
      Finding root = findings.get(0);
      sb.append("**Root cause:** ").append(code(root.id())).append(" — ").append(inline(root.title())).append("\n\n");
      sb.append("**Fix:**\n\n").append(root.fix().strip()).append("\n\n");
      sb.append("| Severity | Finding | Title | Evidence |").append(targets ? " Target |" : "").append(" Verdict |\n");
      sb.append("|---|---|---|---|").append(targets ? "---|" : "").append("---|\n");
      for (Finding f : findings) {
        Evidence e = f.evidence().isEmpty() ? null : f.evidence().get(0);
        sb.append("| ").append(f.severity().word()).append(" | ").append(code(f.id())).append(" | ")
            .append(inline(f.title())).append(" | ")
            .append(String.join("<br>", f.evidence().stream().map(MarkdownReporter::evidence).toList())).append(" | ");
        if (targets) sb.append(e == null ? "" : inline(e.facts().getOrDefault(DiffReport.TARGET, ""))).append(" | ");
        sb.append(Verdicts.fails(f, failOn) ? "fails" : inline(Verdicts.passNote(f, failOn))).append(" |\n");
      }
      sb.append('\n');
    }
    for (Problem p : r.problems()) {
      sb.append("- **Incomplete:** ").append(inline(p.source())).append(": ").append(inline(p.message())).append('\n');
    }
    for (Outcome o : r.outcomes()) {
      if (o instanceof Outcome.Crashed c) {
        sb.append("- **Bug:** check ").append(code(c.id())).append(" crashed: ").append(inline(c.message())).append('\n');
      }
      if (o instanceof Outcome.Contradicted c) {
        sb.append("- **Dropped:** ").append(code(c.id())).append(": ").append(inline(c.note())).append('\n');
      }
    }
    if (!r.problems().isEmpty() || r.outcomes().stream().anyMatch(o -> o instanceof Outcome.Crashed || o instanceof Outcome.Contradicted)) sb.append('\n');
    trace(r, sb);
  }

  private static void trace(Report r, StringBuilder sb) {
    if (r.steps().isEmpty()) return;
    StringBuilder lines = new StringBuilder();
    int i = 0;
    for (Step s : r.steps()) {
      i++;
      for (int j = 0; j < s.text().size(); j++) {
        lines.append(j == 0 ? String.format("%3d. ", i) : "     ").append(s.text().get(j)).append('\n');
      }
    }
    String fence = fence(lines);
    sb.append("<details><summary>Trace (").append(r.steps().size()).append(r.steps().size() == 1 ? " step" : " steps")
        .append(")</summary>\n\n").append(fence).append('\n').append(lines).append(fence).append("\n\n</details>\n");
  }

  /** CommonMark §4.5: a code fence longer than any backtick run inside, so the content cannot close it. */
  static String fence(CharSequence content) {
    return "`".repeat(Math.max(3, longestBacktickRun(content) + 1));
  }

  private static int longestBacktickRun(CharSequence content) {
    int longest = 0, run = 0;
    for (int i = 0; i < content.length(); i++) {
      run = content.charAt(i) == '`' ? run + 1 : 0;
      longest = Math.max(longest, run);
    }
    return longest;
  }

  private String verdict(Report r) {
    long failing = r.findings().stream().filter(f -> Verdicts.fails(f, failOn)).count();
    String counts = summary(r);
    if (failing > 0) return "✗ fails (" + counts + "; --fail-on " + failOn.word() + ")";
    if (!r.problems().isEmpty()) return "incomplete (" + counts + ")";
    return "✓ passes (" + counts + ")";
  }

  /** {@code 1 error · 0 warnings · 2 notes}. */
  static String summary(Report r) {
    return TextReporter.plural(TextReporter.count(r, Severity.ERROR), "error") + " · "
        + TextReporter.plural(TextReporter.count(r, Severity.WARN), "warning") + " · "
        + TextReporter.plural(TextReporter.count(r, Severity.INFO), "note");
  }

  private static String evidence(Evidence e) {
    String where = e.location() == null ? "" : TextReporter.where(e.location()) + ": ";
    String subject = e.subject().isEmpty() ? "" : "[" + e.subject() + "] ";
    return inline(where + subject) + code(e.excerpt().text());
  }

  /** Text in a table cell or a line: one line, CommonMark's punctuation escaped (§2.4), pipes too. */
  static String inline(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.replace('\n', ' ').replace('\r', ' ').toCharArray()) {
      if ("\\`*_[]<>#|!~&".indexOf(c) >= 0) sb.append('\\');
      sb.append(c);
    }
    return sb.toString();
  }

  /**
   * A code span (§6.1) around {@code s}, on one line: delimited by one backtick more than its longest run; a
   * pipe is escaped so a table cell stays one cell (GFM tables).
   */
  static String code(String s) {
    String one = s.replace('\n', ' ').replace('\r', ' ').replace("|", "\\|");
    String ticks = "`".repeat(longestBacktickRun(one) + 1);
    boolean pad = one.startsWith("`") || one.endsWith("`");
    return ticks + (pad ? " " : "") + one + (pad ? " " : "") + ticks;
  }
}
