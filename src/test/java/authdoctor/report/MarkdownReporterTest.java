package authdoctor.report;

import static authdoctor.testing.MarkdownDoc.all;
import static authdoctor.testing.MarkdownDoc.rows;
import static authdoctor.testing.MarkdownDoc.text;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.testing.MarkdownDoc;
import authdoctor.testing.SampleReports;
import authdoctor.testing.TestRedactors;
import java.io.StringWriter;
import java.util.List;
import org.commonmark.ext.gfm.tables.TableBlock;
import org.commonmark.node.FencedCodeBlock;
import org.commonmark.node.Heading;
import org.commonmark.node.HtmlBlock;
import org.commonmark.node.Node;
import org.junit.jupiter.api.Test;

/** The Markdown summary, parsed as CommonMark with GitHub's tables: its structure, not only its bytes. */
class MarkdownReporterTest {
  private final Redactor redactor = TestRedactors.fixed();

  private Node parse(Result result, Severity failOn) throws Exception {
    StringWriter w = new StringWriter();
    new MarkdownReporter(new Reporter.Options(false, false, failOn)).write(result, w);
    return MarkdownDoc.parse(w.toString());
  }

  @Test
  void verdictRootCauseFixTableWithTheRootCauseFirstAndAFoldedTrace() throws Exception {
    Report report = SampleReports.sample(redactor);
    Node doc = parse(new Result.Single(report), Severity.INFO);
    Heading h = all(doc, Heading.class).get(0);
    assertThat(h.getLevel()).isEqualTo(2);
    assertThat(text(h)).startsWith("authdoctor probe: ✗ fails").contains("--fail-on info");
    assertThat(text(doc)).contains("Root cause:", "Fix:");
    List<TableBlock> tables = all(doc, TableBlock.class);
    assertThat(tables).hasSize(1);
    List<List<String>> rows = rows(tables.get(0));
    assertThat(rows).hasSize(report.findings().size());
    assertThat(rows.get(0).get(1)).isEqualTo(report.findings().get(0).id());
    assertThat(rows).allSatisfy(r -> assertThat(r).hasSize(5).last().isEqualTo("fails"));
    List<HtmlBlock> html = all(doc, HtmlBlock.class);
    assertThat(html).extracting(HtmlBlock::getLiteral).anyMatch(s -> s.startsWith("<details><summary>Trace (1 step)"));
    assertThat(all(doc, FencedCodeBlock.class)).anyMatch(b -> b.getLiteral().contains("GET https://app.example.com/login"));
  }

  @Test
  void belowFailOnTheRunDoesNotFailAndTheRowsSaySo() throws Exception {
    Node doc = parse(new Result.Single(SampleReports.sample(redactor)), Severity.ERROR);
    // The sample's logout timed out: not failed, but not a pass either.
    assertThat(text(all(doc, Heading.class).get(0))).startsWith("authdoctor probe: incomplete");
    assertThat(text(all(parse(new Result.Diff(SampleReports.diff(redactor).diff()), Severity.ERROR), Heading.class).get(0)))
        .startsWith("authdoctor diff: incomplete");
    assertThat(rows(all(doc, TableBlock.class).get(0))).allSatisfy(r -> assertThat(r.get(4)).isEqualTo("info, below --fail-on error"));
  }

  @Test
  void diffNamesEachFindingsTargetAndFoldsTheSideBySideFlow() throws Exception {
    Result.Diff d = SampleReports.diff(redactor);
    Node doc = parse(d, Severity.INFO);
    List<TableBlock> tables = all(doc, TableBlock.class);
    assertThat(tables).hasSize(3); // targets, findings, the flow side by side
    assertThat(rows(tables.get(0))).extracting(r -> r.get(0)).containsExactly("A", "B");
    List<List<String>> findings = rows(tables.get(1));
    assertThat(findings.get(0).get(1)).isEqualTo(d.report().findings().get(0).id());
    assertThat(findings).extracting(r -> r.get(4)).containsOnly("B");
    assertThat(text(doc)).contains("First divergence: login");
  }

  @Test
  void pipesNewlinesAndBackticksStayInsideTheirCell() {
    String row = "| a | " + MarkdownReporter.inline("x | y\n*z*") + " | " + MarkdownReporter.code("Set-Cookie: a=`b`|c") + " |";
    Node doc = MarkdownDoc.parse("| h1 | h2 | h3 |\n|---|---|---|\n" + row + "\n");
    List<String> cells = rows(all(doc, TableBlock.class).get(0)).get(0);
    assertThat(cells).containsExactly("a", "x | y *z*", "Set-Cookie: a=`b`|c");
  }
}
