package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.check.Outcome;
import authdoctor.testing.JUnitXml;
import authdoctor.testing.SampleReports;
import authdoctor.testing.TestRedactors;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/** JUnit XML: valid per the Surefire report rules, one failure per finding at or above --fail-on. */
class JUnitReporterTest {
  private final Redactor redactor = TestRedactors.fixed();

  private static String render(Result result, Severity failOn) throws Exception {
    StringWriter w = new StringWriter();
    new JUnitReporter(new Reporter.Options(false, false, failOn)).write(result, w);
    return w.toString();
  }

  /** The runs a result reports, each on its own. */
  private static List<Report> runs(Result result) {
    return switch (result) {
      case Result.Single s -> List.of(s.report());
      case Result.Combined c -> c.sections().stream().map(Result.Section::report).toList();
      case Result.Diff d -> List.of(d.diff().a().report(), d.diff().b().report());
    };
  }

  @Test
  void everyShapeIsValidAndHasOneFailurePerFindingAtOrAboveFailOn() throws Exception {
    for (Result result : SampleReports.results(redactor).values()) {
      for (Severity failOn : Severity.values()) {
        Document doc = JUnitXml.validate(render(result, failOn));
        long expected = runs(result).stream().flatMap(r -> r.findings().stream())
            .filter(f -> f.severity().atLeast(failOn)).count();
        assertThat(JUnitXml.failures(doc)).as("%s --fail-on %s", result.getClass().getSimpleName(), failOn)
            .hasSize((int) expected);
      }
    }
  }

  @Test
  void aFindingBelowFailOnPassesWithItsTextInSystemOut() throws Exception {
    Document doc = JUnitXml.validate(render(new Result.Single(SampleReports.sample(redactor)), Severity.ERROR));
    Element hsts = testCase(doc, "tls.hsts-missing");
    assertThat(hsts.getElementsByTagName("failure").getLength()).isZero();
    assertThat(hsts.getElementsByTagName("system-out").item(0).getTextContent())
        .startsWith("info, below --fail-on error").contains("Fix: ");
    Element failing = testCase(JUnitXml.validate(render(new Result.Single(SampleReports.sample(redactor)), Severity.INFO)),
        "tls.hsts-missing");
    Element failure = (Element) failing.getElementsByTagName("failure").item(0);
    assertThat(failure.getAttribute("type")).isEqualTo("tls.hsts-missing");
    assertThat(failure.getAttribute("message")).isNotBlank();
    assertThat(failure.getTextContent()).contains("Evidence (step 1)", "Fix: ", "authdoctor explain tls.hsts-missing")
        .doesNotContain(SampleReports.CANARY);
  }

  @Test
  void suitesAreAreasCrashedIsAnErrorNotApplicableSkippedProblemsAnIncompleteRun() throws Exception {
    Report sample = SampleReports.sample(redactor);
    List<Outcome> outcomes = new ArrayList<>(sample.outcomes());
    // Two detectors of one id: one ran, one lacked its input: one case, which ran.
    outcomes.add(new Outcome.NotApplicable("tls.hsts-missing", "nginx config"));
    outcomes.add(new Outcome.NotApplicable("cors.origin-not-allowed", "a frontend origin"));
    outcomes.add(new Outcome.Ran("csrf.token-missing", 0));
    Report report = new Report(sample.command(), sample.target(), null, sample.startedAt(), sample.findings(), outcomes,
        sample.problems(), sample.steps());
    Document doc = JUnitXml.validate(render(new Result.Single(report), Severity.ERROR));
    List<String> suites = new ArrayList<>();
    var nodes = doc.getElementsByTagName("testsuite");
    for (int i = 0; i < nodes.getLength(); i++) suites.add(((Element) nodes.item(i)).getAttribute("name"));
    assertThat(suites).containsExactly("authdoctor.cookie", "authdoctor.csrf-cors", "authdoctor.tls", "authdoctor.run");
    assertThat(doc.getElementsByTagName("testcase").getLength()).isEqualTo(5);
    Element crashed = (Element) testCase(doc, "cookie.missing").getElementsByTagName("error").item(0);
    assertThat(crashed.getAttribute("type")).isEqualTo("crashed");
    assertThat(testCase(doc, "cors.origin-not-allowed").getElementsByTagName("skipped").getLength()).isEqualTo(1);
    assertThat(testCase(doc, "tls.hsts-missing").getElementsByTagName("skipped").getLength()).isZero();
    assertThat(testCase(doc, "csrf.token-missing").getChildNodes().getLength()).isZero();
    Element run = testCase(doc, "collector: step 3 (logout)");
    assertThat(((Element) run.getElementsByTagName("error").item(0)).getAttribute("type")).isEqualTo("incomplete");
  }

  @Test
  void controlCharactersAreDroppedSoTheXmlStaysWellFormed() {
    assertThat(JUnitReporter.clean("a\u0000b\u001bc\td\n")).isEqualTo("abc\td\n");
  }

  private static Element testCase(Document doc, String name) {
    var nodes = doc.getElementsByTagName("testcase");
    for (int i = 0; i < nodes.getLength(); i++) {
      Element e = (Element) nodes.item(i);
      if (e.getAttribute("name").equals(name)) return e;
    }
    throw new AssertionError("no testcase " + name);
  }
}
