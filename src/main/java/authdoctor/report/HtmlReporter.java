package authdoctor.report;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Lost;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Step;
import authdoctor.Unexplained;
import authdoctor.catalog.Catalog;
import authdoctor.check.Outcome;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Row;
import authdoctor.observation.Problem;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * One self-contained HTML page to attach to a ticket: the verdict, the findings root cause first (each
 * with why, the fix for the detected stack and links to the arrows of its evidence), and each run's flow
 * as an SVG {@link SequenceDiagram} with the same steps as a numbered list. Styles and script are inline
 * and a Content-Security-Policy forbids every fetch, so the page loads nothing; every string is escaped
 * ({@link Html#text}). {@code diff} shows its two flows side by side with the first divergence marked.
 */
public final class HtmlReporter implements Reporter {
  private final Severity failOn;

  public HtmlReporter(Reporter.Options options) {
    this.failOn = options.failOn();
  }

  /** Where a finding's evidence points in the page: the anchor of its step, or null. */
  private interface Anchors extends Function<Evidence, @Nullable String> {}

  @Override
  public void write(Result result, Writer out) throws IOException {
    StringBuilder sb = new StringBuilder(16_384);
    Report report = result.report();
    String title = "authdoctor " + report.command() + ": " + verdict(report);
    sb.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; ")
        .append("script-src 'unsafe-inline'; img-src data:\">\n")
        .append("<meta name=\"generator\" content=\"authdoctor ").append(Html.text(authdoctor.Version.get())).append("\">\n")
        .append("<link rel=\"icon\" href=\"data:,\">\n")
        .append("<title>").append(Html.text(title)).append("</title>\n<style>\n").append(Html.STYLE).append("</style>\n</head>\n<body>\n");
    sb.append("<header><h1 class=\"").append(fails(report) ? "verdict-fail" : "verdict-pass").append("\">")
        .append(Html.text(title)).append("</h1>\n");
    switch (result) {
      case Result.Single s -> {
        target(s.report(), sb);
        sb.append("</header>\n<main>\n");
        body(s.report(), "r", localAnchors(s.report(), "r"), marks(s.report(), localAnchorsSteps(s.report()), s.report().unexplained(), Set.of(), null), sb);
      }
      case Result.Combined c -> {
        sb.append("</header>\n<main>\n");
        for (int i = 0; i < c.sections().size(); i++) {
          Result.Section s = c.sections().get(i);
          String p = "d" + (i + 1);
          sb.append("<section class=\"part\" id=\"").append(p).append("\"><h2>").append(Html.text(s.headline())).append("</h2>\n");
          target(s.report(), sb);
          body(s.report(), p, localAnchors(s.report(), p), marks(s.report(), localAnchorsSteps(s.report()), s.report().unexplained(), Set.of(), null), sb);
          sb.append("</section>\n");
        }
        if (!c.closing().isEmpty()) {
          sb.append("<h2>Next</h2>\n<ul class=\"closing\">\n");
          for (String line : c.closing()) sb.append("<li>").append(Html.text(line)).append("</li>\n");
          sb.append("</ul>\n");
        }
      }
      case Result.Diff d -> {
        sb.append("</header>\n<main>\n");
        diff(d.diff(), sb);
      }
    }
    sb.append("<p class=\"legend\">Legend: ✗ failed here or not stored/withheld · ⚠ cited by a finding · ≠ the flows differ · "
        + "↪ redirect (dashed arrow) · ✓ stored. Hover an arrow for its full URL; Tab moves between arrows, Enter goes to its "
        + "step in the list. Secrets are shown as ‹redacted N chars fp:…›.</p>\n");
    sb.append("</main>\n<script>\n").append(Html.SCRIPT).append("</script>\n</body>\n</html>\n");
    out.write(sb.toString());
  }

  private static void target(Report r, StringBuilder sb) {
    if (r.target() == null) return;
    sb.append("<p>Target: <code>").append(Html.text(r.target())).append("</code>");
    if (r.framework() != null) sb.append(" (stack: ").append(Html.text(Catalog.stackName(r.framework()))).append(')');
    sb.append("</p>\n");
  }

  /** The unexplained failure, the findings, problems and crashes, then the flow. */
  private void body(Report r, String prefix, Anchors anchors, SequenceDiagram.Marks marks, StringBuilder sb) {
    lost(r.lost(), prefix, r.steps(), sb);
    unexplained(r.unexplained(), prefix, r.steps(), sb);
    findings(r.findings(), prefix, anchors, sb);
    incomplete(r, sb);
    flow(r.steps(), prefix, r.target(), marks, sb);
  }

  /** Where a recorded session was lost ({@code har}), linked to the entry and to its cause. */
  private static void lost(@Nullable Lost l, String prefix, List<Step> steps, StringBuilder sb) {
    if (l == null) return;
    sb.append("<section class=\"lost\"><h2>✗ Session lost at HAR entry ").append(l.entry()).append(" (")
        .append(Html.text(l.kind().word())).append(")</h2>\n<p>").append(Html.text(l.kind().describe())).append(".");
    String at = anchor(prefix, l.entry() + 1, steps);
    if (at != null) sb.append(" <a href=\"#").append(at).append("\">Go to entry ").append(l.entry()).append("</a>");
    if (l.causeEntry() != null) {
      String cause = anchor(prefix, l.causeEntry() + 1, steps);
      sb.append(" The cause is at entry ").append(l.causeEntry());
      if (cause != null) sb.append(" (<a href=\"#").append(cause).append("\">go to it</a>)");
      sb.append('.');
    }
    sb.append("</p></section>\n");
  }

  private static void unexplained(@Nullable Unexplained u, String prefix, List<Step> steps, StringBuilder sb) {
    if (u == null) return;
    sb.append("<section class=\"unexplained\"><h2>✗ ").append(Html.text(u.headline())).append("</h2>\n");
    String at = anchor(prefix, u.step(), steps);
    if (at != null) sb.append("<p><a href=\"#").append(at).append("\">Go to step ").append(u.step()).append("</a></p>\n");
    if (!u.ruledOut().isEmpty()) {
      sb.append("<p>Ruled out:</p><ul>\n");
      for (String s : u.ruledOut()) sb.append("<li>").append(Html.text(s)).append("</li>\n");
      sb.append("</ul>\n");
    }
    if (!u.next().isEmpty()) {
      sb.append("<p>Try next:</p><ol>\n");
      for (String s : u.next()) sb.append("<li>").append(Html.text(s)).append("</li>\n");
      sb.append("</ol>\n");
    }
    sb.append("</section>\n");
  }

  private void findings(List<Finding> findings, String prefix, Anchors anchors, StringBuilder sb) {
    if (findings.isEmpty()) {
      sb.append("<p class=\"no-findings\">✓ No findings.</p>\n");
      return;
    }
    sb.append("<h2>Findings, root cause first</h2>\n<ol class=\"findings\">\n");
    for (int i = 0; i < findings.size(); i++) {
      Finding f = findings.get(i);
      String sev = f.severity().word();
      sb.append("<li class=\"finding sev-").append(sev).append(i == 0 ? " root" : "").append("\" id=\"").append(prefix)
          .append("-finding-").append(i + 1).append("\" data-id=\"").append(Html.text(f.id())).append("\">\n<h3>");
      if (i == 0) sb.append("<span class=\"badge root-cause\">★ root cause</span>");
      sb.append("<span class=\"badge sev\">").append(symbol(f.severity())).append(' ').append(sev.toUpperCase(java.util.Locale.ROOT))
          .append("</span><code>").append(Html.text(f.id())).append("</code> — ").append(Html.text(f.title()));
      if (authdoctor.check.Corroboration.notSeenLive(f)) sb.append(" <span class=\"badge not-live\">in the configuration, not seen live</span>");
      sb.append("</h3>\n");
      sb.append("<p class=\"finding-verdict\">").append(Verdicts.fails(f, failOn) ? "fails the run" : Html.text("passes: " + Verdicts.passNote(f, failOn)))
          .append("</p>\n<ul class=\"evidence\">\n");
      for (Evidence e : f.evidence()) evidence(e, anchors.apply(e), sb);
      sb.append("</ul>\n<details").append(i == 0 ? " open" : "").append("><summary>Why</summary>\n");
      Html.prose(f.why(), sb);
      sb.append("</details>\n<details").append(i == 0 ? " open" : "").append("><summary>Fix</summary>\n");
      Html.prose(f.fix(), sb);
      sb.append("</details>\n</li>\n");
    }
    sb.append("</ol>\n");
  }

  private static String symbol(Severity s) {
    return switch (s) {
      case ERROR -> "✗";
      case WARN -> "⚠";
      case INFO -> "ℹ";
    };
  }

  private static void evidence(Evidence e, @Nullable String anchor, StringBuilder sb) {
    sb.append("<li class=\"evidence-item\">");
    Location loc = e.location();
    if (loc != null) {
      String where = TextReporter.where(loc);
      if (e.facts().get(DiffReport.TARGET) instanceof String t) where = t + " " + where;
      if (anchor != null) {
        sb.append("<a class=\"evidence-link\" href=\"#").append(anchor).append("\">").append(Html.text(where)).append("</a> ");
      } else {
        sb.append("<span class=\"where\">").append(Html.text(where)).append("</span> ");
      }
    }
    if (!e.subject().isEmpty()) sb.append('[').append(Html.text(e.subject())).append("] ");
    if (loc instanceof Location.FileLine fl) {
      sb.append("<pre class=\"config\"><span class=\"line-number\">").append(fl.line()).append(" │ </span>")
          .append(Html.text(e.excerpt().text())).append("</pre>");
    } else {
      sb.append("<code>").append(Html.text(e.excerpt().text())).append("</code>");
    }
    sb.append("</li>\n");
  }

  private static void incomplete(Report r, StringBuilder sb) {
    List<String> lines = new ArrayList<>();
    for (Problem p : r.problems()) lines.add("Incomplete: " + p.source() + ": " + p.message());
    for (Outcome o : r.outcomes()) {
      if (o instanceof Outcome.Crashed c) lines.add("Bug: check " + c.id() + " crashed: " + c.message());
      if (o instanceof Outcome.Contradicted c) lines.add("Dropped " + c.id() + ": " + c.note());
    }
    if (lines.isEmpty()) return;
    sb.append("<ul class=\"problems\">\n");
    for (String l : lines) sb.append("<li>").append(Html.text(l)).append("</li>\n");
    sb.append("</ul>\n");
  }

  /** The diagrams and, as their text alternative, the numbered steps (every step, drawn or not). */
  private static void flow(List<Step> steps, String prefix, @Nullable String target, SequenceDiagram.Marks marks, StringBuilder sb) {
    if (steps.isEmpty()) return;
    sb.append("<section class=\"flow\"><h2>The flow (").append(steps.size()).append(steps.size() == 1 ? " step" : " steps").append(")</h2>\n");
    SequenceDiagram.draw(steps, prefix, target, marks, sb);
    sb.append("<details class=\"steps-text\" open><summary>The same steps as text</summary>\n<ol class=\"steps\">\n");
    for (Step s : steps) {
      int n = number(s);
      List<String> mark = marks.of(n);
      sb.append("<li value=\"").append(n).append("\" id=\"").append(prefix).append("-text-").append(n).append("\"")
          .append(SequenceDiagram.trial(s) ? " class=\"trial\"" : "").append('>');
      if (!mark.isEmpty()) sb.append("<strong class=\"mark\">").append(Html.text(String.join(" · ", mark))).append("</strong> ");
      if (SequenceDiagram.drawn(s)) {
        sb.append("<a href=\"#").append(prefix).append("-step-").append(n).append("\">in the diagram</a>");
      }
      sb.append("<pre>").append(Html.lines(String.join("\n", s.text()))).append("</pre></li>\n");
    }
    sb.append("</ol>\n</details>\n</section>\n");
  }

  private static int number(Step s) {
    return s.json().get("step") instanceof Number n ? n.intValue() : 0;
  }

  /** The anchor of step {@code n}: its arrows when drawn, else its line in the text list; null when there is no such step. */
  private static @Nullable String anchor(String prefix, int n, List<Step> steps) {
    for (Step s : steps) {
      if (number(s) == n) return prefix + (SequenceDiagram.drawn(s) ? "-step-" : "-text-") + n;
    }
    return null;
  }

  private static Anchors localAnchors(Report r, String prefix) {
    return e -> {
      Integer n = localAnchorsSteps(r).apply(e);
      return n == null ? null : anchor(prefix, n, r.steps());
    };
  }

  /** The step an evidence points at: its trace step, or a recording's entry (whose step is {@code entry + 1}). */
  private static Function<Evidence, @Nullable Integer> localAnchorsSteps(Report r) {
    return e -> switch (e.location()) {
      case Location.ExchangeRef x -> x.step();
      case Location.HarEntryRef h -> h.entry() + 1;
      case null, default -> null;
    };
  }

  /**
   * The marks of a run's diagram: its failing step, per step the findings of {@code r} citing it ({@code step}
   * says which step of this run an evidence points at), and the steps that differ from the other run.
   */
  private static SequenceDiagram.Marks marks(Report r, Function<Evidence, @Nullable Integer> step,
      @Nullable Unexplained unexplained, Set<Integer> diverging, @Nullable Integer firstDivergence) {
    Map<Integer, List<String>> cited = new HashMap<>();
    for (Finding f : r.findings()) {
      for (Evidence e : f.evidence()) {
        Integer n = step.apply(e);
        if (n == null) continue;
        List<String> ids = cited.computeIfAbsent(n, k -> new ArrayList<>());
        if (!ids.contains(f.id())) ids.add(f.id());
      }
    }
    Integer failed = unexplained != null ? Integer.valueOf(unexplained.step()) : r.lost() != null ? Integer.valueOf(r.lost().entry() + 1) : null;
    return new SequenceDiagram.Marks(failed, cited, diverging, firstDivergence);
  }

  // ------------------------------------------------------------------------------------------ diff

  private void diff(DiffReport d, StringBuilder sb) {
    List<DiffReport.Target> targets = List.of(d.a(), d.b());
    sb.append("<table class=\"targets\"><tr><th>Target</th><th>URL</th><th>Findings</th></tr>\n");
    for (DiffReport.Target t : targets) {
      sb.append("<tr><td>").append(Html.text(t.name())).append("</td><td><code>").append(Html.text(t.url()))
          .append("</code></td><td>").append(Html.text(MarkdownReporter.summary(t.report()))).append("</td></tr>\n");
    }
    sb.append("</table>\n");
    @Nullable Row first = d.comparison().firstDivergence().orElse(null);
    if (first != null) {
      sb.append("<p class=\"first-divergence\">≠ The flows diverge first at <strong>").append(Html.text(first.label()))
          .append("</strong> (").append(d.comparison().divergingSteps()).append(" of ").append(d.comparison().rows().size())
          .append(" steps differ)");
      for (DiffReport.Target t : targets) {
        var view = t == d.a() ? first.a() : first.b();
        String at = view == null ? null : anchor(t.name(), view.step(), t.report().steps());
        if (at != null) sb.append(" · <a href=\"#").append(at).append("\">").append(Html.text(t.name())).append("'s step</a>");
      }
      sb.append("</p>\n");
    } else {
      sb.append("<p class=\"first-divergence\">The two flows do not diverge.</p>\n");
    }
    // Combined step numbers → (side, its own step number): findings cite the combined trace.
    Map<String, Map<Integer, Integer>> own = new LinkedHashMap<>();
    for (DiffReport.Target t : targets) {
      Map<Integer, Integer> back = new HashMap<>();
      t.steps().forEach((mine, combined) -> back.put(combined, mine));
      own.put(t.name(), back);
    }
    Function<Evidence, String @Nullable []> side = e -> {
      if (!(e.location() instanceof Location.ExchangeRef x)) return null;
      String name = e.facts().get(DiffReport.TARGET);
      if (name == null || !own.containsKey(name)) return null;
      Integer n = own.get(name).get(x.step());
      return n == null ? null : new String[] {name, String.valueOf(n)};
    };
    findings(d.combined().findings(), "diff", e -> {
      String[] s = side.apply(e);
      if (s == null) return null;
      DiffReport.Target t = s[0].equals("A") ? d.a() : d.b();
      return anchor(s[0], Integer.parseInt(s[1]), t.report().steps());
    }, sb);
    incomplete(d.combined(), sb);
    sb.append("<div class=\"sides\">\n");
    for (DiffReport.Target t : targets) {
      Set<Integer> diverging = new HashSet<>();
      Integer firstStep = null;
      for (Row row : d.comparison().rows()) {
        var view = t == d.a() ? row.a() : row.b();
        if (view == null) continue;
        if (row.diverges()) diverging.add(view.step());
        if (row == first) firstStep = view.step();
      }
      Function<Evidence, @Nullable Integer> step = e -> {
        String[] s = side.apply(e);
        return s == null || !s[0].equals(t.name()) ? null : Integer.parseInt(s[1]);
      };
      Report r = t.report();
      sb.append("<section class=\"side\" id=\"side-").append(Html.text(t.name())).append("\"><h2>").append(Html.text(t.name()))
          .append(": <code>").append(Html.text(t.url())).append("</code></h2>\n");
      unexplained(r.unexplained(), t.name(), r.steps(), sb);
      flow(r.steps(), t.name(), t.url(), marks(d.combined(), step, r.unexplained(), diverging, firstStep), sb);
      sb.append("</section>\n");
    }
    sb.append("</div>\n");
    sb.append("<details class=\"comparison\" open><summary>The flow side by side</summary>\n<table>\n")
        .append("<tr><th></th><th>Step</th><th>A</th><th>B</th></tr>\n");
    for (Row row : d.comparison().rows()) {
      sb.append("<tr").append(row.diverges() ? " class=\"diverges\"" : "").append("><td>").append(row.diverges() ? "≠" : "")
          .append("</td><td>").append(Html.text(row.label())).append("</td>");
      cell(d.a(), row.a(), sb);
      cell(d.b(), row.b(), sb);
      sb.append("</tr>\n");
    }
    sb.append("</table>\n</details>\n");
  }

  private static void cell(DiffReport.Target side, authdoctor.diff.@Nullable StepView v, StringBuilder sb) {
    if (v == null) {
      sb.append("<td>(not made)</td>");
      return;
    }
    String at = anchor(side.name(), v.step(), side.report().steps());
    sb.append("<td>").append(at == null ? "" : "<a href=\"#" + at + "\">").append(Html.text(v.summary()))
        .append(at == null ? "" : "</a>").append("</td>");
  }

  private boolean fails(Report r) {
    return r.findings().stream().anyMatch(f -> Verdicts.fails(f, failOn)) || r.isUnexplained();
  }

  private String verdict(Report r) {
    long failing = r.findings().stream().filter(f -> Verdicts.fails(f, failOn)).count();
    String counts = MarkdownReporter.summary(r);
    if (failing > 0) return "✗ fails (" + counts + "; --fail-on " + failOn.word() + ")";
    if (r.isUnexplained()) return "✗ the flow failed, unexplained (" + counts + ")";
    if (!r.problems().isEmpty()) return "incomplete (" + counts + ")";
    return "✓ passes (" + counts + ")";
  }
}
