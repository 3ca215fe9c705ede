package authdoctor.report;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Lost;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Step;
import authdoctor.Unexplained;
import authdoctor.Version;
import authdoctor.catalog.Catalog;
import authdoctor.check.Corroboration;
import authdoctor.check.Outcome;
import authdoctor.observation.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;

/**
 * The human report: the root cause first, each finding with its evidence, why, and the fix for the
 * detected stack; then the trace. Fits 80 columns; ANSI colour only when asked (a terminal without
 * {@code NO_COLOR}).
 */
public final class TextReporter implements Reporter {
  private static final String INDENT = "       ";
  private final boolean color;
  private final boolean trace;

  public TextReporter(boolean color) {
    this(color, true);
  }

  /** {@code trace}: also print the command's trace after the findings. */
  public TextReporter(boolean color, boolean trace) {
    this.color = color;
    this.trace = trace;
  }

  public TextReporter(Reporter.Options options) {
    this(options.color(), options.trace());
  }

  @Override
  public void write(Result result, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder();
    switch (result) {
      case Result.Single s -> single(s.report(), sb);
      case Result.Combined c -> new CombinedText(this, trace).write(c, sb);
      case Result.Diff d -> new DiffText(color, trace).write(d.diff(), sb);
    }
    out.write(sb.toString());
  }

  /** One run: the header, the findings root cause first, the problems, then (when asked) the trace. */
  void single(Report report, StringBuilder sb) {
    header(report, sb);
    int n = 0;
    for (Finding f : report.findings()) {
      if (Corroboration.notSeenLive(f)) continue;
      sb.append('\n');
      finding(++n, f, sb);
    }
    // probe --config: what the configuration shows and the live run did not, apart from what it saw.
    boolean heading = false;
    for (Finding f : report.findings()) {
      if (!Corroboration.notSeenLive(f)) continue;
      if (!heading) sb.append('\n').append(paint("1", "In the configuration, not seen live")).append('\n');
      heading = true;
      sb.append('\n');
      finding(++n, f, sb);
    }
    problems(report, sb);
    if (trace) trace(report, sb);
  }

  private void header(Report r, StringBuilder sb) {
    sb.append(paint("1", "authdoctor " + r.command()));
    if (r.target() != null) sb.append(' ').append(ServerText.render(r.target()));
    if (r.framework() != null) sb.append("  (stack: ").append(Catalog.stackName(r.framework())).append(')');
    sb.append('\n');
    unexplained(r, sb);
    lost(r, sb);
    long e = count(r, Severity.ERROR), w = count(r, Severity.WARN), i = count(r, Severity.INFO);
    String summary =
        plural(e, "error") + " · " + plural(w, "warning") + " · " + plural(i, "note");
    // A green check never stands above a failed or incomplete run.
    if (e > 0) sb.append(paint("1;31", "✗ " + summary));
    else if (r.isUnexplained()) sb.append(paint("1;31", "✗ " + summary));
    else if (w > 0 || !r.problems().isEmpty()) sb.append(paint("1;33", "! " + summary));
    else sb.append(paint("1;32", "✓ " + summary));
    if (e > 0) sb.append(" — root cause first");
    else if (r.isUnexplained()) sb.append(" — none explains the failure above");
    else if (!r.problems().isEmpty()) sb.append(" — the run is incomplete");
    sb.append('\n');
  }

  /** The flow's failure that no error finding explains: it leads the report. */
  void unexplained(Report r, StringBuilder sb) {
    Unexplained u = r.unexplained();
    if (u == null) return;
    List<String> lines = u.lines();
    wrapHanging(paint("1;31", "✗ " + ServerText.render(lines.get(0))), "", "  ", sb);
    for (String l : lines.subList(1, lines.size())) wrapHanging(ServerText.render(l), "  ", "    ", sb);
  }

  /** Where a recorded session was lost ({@code har}): the entry, the kind, and the entry of its cause. */
  void lost(Report r, StringBuilder sb) {
    Lost l = r.lost();
    if (l == null) return;
    String line = "✗ session lost at HAR entry " + l.entry() + " (" + l.kind().word() + "): " + l.kind().describe()
        + (l.causeEntry() == null ? "; no known cause matched" : "; the cause is at HAR entry " + l.causeEntry());
    wrapHanging(paint("1;31", line), "", "  ", sb);
  }

  /** The command's trace, numbered as the steps the evidence refers to (a recording's by its entry index). */
  void trace(Report report, StringBuilder sb) {
    if (report.steps().isEmpty()) return;
    sb.append('\n').append(paint("1", "Trace")).append('\n');
    int i = 0;
    for (Step s : report.steps()) {
      i++;
      List<String> lines = s.text();
      for (int j = 0; j < lines.size(); j++) {
        int n = s.json().get("entry") instanceof Number entry ? entry.intValue() : i;
        String prefix = j == 0 ? String.format("%3d. ", n) : "     ";
        wrapHanging(lines.get(j), prefix, "       ", sb);
      }
    }
  }

  /**
   * The collectors' problems (the run is incomplete), crashed checks (bugs), and configuration findings
   * the live run contradicted (dropped, with the reason).
   */
  void problems(Report report, StringBuilder sb) {
    for (Problem p : report.problems()) {
      sb.append('\n').append(paint("1;33", "INCOMPLETE")).append(' ').append(ServerText.render(p.source())).append('\n');
      wrap(p.message(), INDENT, sb);
    }
    for (Outcome o : report.outcomes()) {
      if (o instanceof Outcome.Crashed c) {
        sb.append('\n').append(paint("1;35", "BUG")).append("    check ").append(c.id())
            .append(" crashed: ").append(ServerText.render(c.message())).append('\n');
        wrap(Version.BUG_REPORT, INDENT, sb);
      }
      if (o instanceof Outcome.Contradicted c) {
        sb.append('\n').append(paint("1;36", "DROPPED")).append(' ').append(c.id()).append('\n');
        wrap(ServerText.render(c.note()), INDENT, sb);
      }
    }
  }

  /** One finding: severity and id, title, evidence, why, the fix for the detected stack. */
  void finding(int n, Finding f, StringBuilder sb) {
    String sev =
        switch (f.severity()) {
          case ERROR -> paint("1;31", "ERROR ");
          case WARN -> paint("1;33", "WARN  ");
          case INFO -> paint("1;36", "INFO  ");
        };
    sb.append(sev).append(' ').append(paint("1", f.id())).append('\n');
    wrap(f.title(), INDENT, sb);
    if (f.accepted() != null) wrap(Verdicts.accepted(f.accepted()), INDENT, sb);
    for (Evidence e : f.evidence()) {
      String where = e.location() == null ? "" : " (" + where(e.location()) + ")";
      String label = "Evidence" + where + ": ";
      String subject = e.subject().isEmpty() ? "" : "[" + e.subject() + "] ";
      wrapHanging(label + subject + e.excerpt().text(), INDENT, INDENT + "  ", sb);
      e.facts().forEach((k, v) -> wrapHanging(k + ": " + v, INDENT + "  ", INDENT + "    ", sb));
    }
    wrapHanging("Why: " + firstParagraph(f.why()), INDENT, INDENT, sb);
    markdownBlock("Fix: ", f.fix(), sb);
    sb.append(INDENT).append(paint("2", "More: authdoctor explain " + f.id())).append('\n');
  }

  private void markdownBlock(String label, String text, StringBuilder sb) {
    MarkdownText.render(text, label, INDENT, color ? "\u001b[36m" : "", color ? "\u001b[0m" : "", sb);
  }

  private static String firstParagraph(String s) {
    int i = s.indexOf("\n\n");
    return (i < 0 ? s : s.substring(0, i)).replace('\n', ' ');
  }

  static String where(Location l) {
    return switch (l) {
      case Location.ExchangeRef r -> "step " + r.step();
      case Location.FileLine f -> f.file() + ":" + f.line() + (f.column() > 0 ? ":" + f.column() : "");
      case Location.HarEntryRef h -> "HAR entry " + h.entry();
      case Location.ClaimRef c -> "claim " + c.claim();
      case Location.StoreKey k -> "key " + k.key();
    };
  }

  static long count(Report r, Severity s) {
    return r.findings().stream().filter(f -> f.severity() == s).count();
  }

  static String plural(long n, String word) {
    return n + " " + word + (n == 1 ? "" : "s");
  }

  String paint(String code, String s) {
    return color ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  private static void wrap(String text, String indent, StringBuilder sb) {
    MarkdownText.wrap(text, indent, indent, sb);
  }

  private static void wrapHanging(String text, String first, String rest, StringBuilder sb) {
    MarkdownText.wrap(text, first, rest, sb);
  }
}
