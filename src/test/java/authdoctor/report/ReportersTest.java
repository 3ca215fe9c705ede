package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Version;
import authdoctor.testing.Golden;
import authdoctor.testing.SampleReports;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class ReportersTest {
  private final Redactor redactor = TestRedactors.fixed();
  private final Report report = SampleReports.sample(redactor);

  private String render(Reporter r) throws Exception {
    StringWriter w = new StringWriter();
    r.write(report, w);
    return w.toString();
  }

  @Test
  void textReportMatchesGoldenFile() throws Exception {
    Golden.assertMatches(render(new TextReporter(false)), "report.txt");
  }

  @Test
  void jsonReportMatchesGoldenFile() throws Exception {
    String json = render(new JsonReporter()).replace(Version.get(), "VERSION");
    Golden.assertMatches(json, "report.json");
  }

  @Test
  void jsonHasTheAuthdoctor1ShapeWithLowercaseSeverities() throws Exception {
    JsonNode root = new ObjectMapper().readTree(render(new JsonReporter()));
    assertThat(root.get("schema").asText()).isEqualTo("authdoctor/1");
    assertThat(root.get("tool").get("name").asText()).isEqualTo("authdoctor");
    assertThat(root.get("command").asText()).isEqualTo("probe");
    assertThat(root.get("framework").isNull()).isTrue();
    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("severity").asText()).isEqualTo("info");
    assertThat(f.get("evidence").get(0).get("location").get("step").asInt()).isEqualTo(1);
    assertThat(f.get("fixes").has("nginx")).isTrue();
    assertThat(f.get("fix").asText()).startsWith("nginx: ");
  }

  @Test
  void findingsAreSortedByEarliestStepWithinASeverity() {
    assertThat(report.findings()).extracting(x -> x.position()).containsExactly(1L, 2L);
  }

  @Test
  void canarySecretNeverAppearsInAnyFormat() throws Exception {
    for (Reporter r : new Reporter[] {new TextReporter(false), new TextReporter(true), new JsonReporter()}) {
      String out = render(r);
      assertThat(out).doesNotContain(SampleReports.CANARY).contains("fp:" + redactor.fingerprint(SampleReports.CANARY));
    }
  }

  @Test
  void textFitsEightyColumnsOutsideCodeAndLongTokens() throws Exception {
    for (String line : render(new TextReporter(false)).split("\n")) {
      boolean code = line.startsWith("           ");
      if (line.length() > 80 && !code) {
        // Only a single unbreakable token (a URL, a header) may overflow.
        assertThat(line.strip()).as(line).doesNotContain("  ");
        assertThat(line.strip().split(" ")).anyMatch(w -> w.length() > 40);
      }
    }
  }

  @Test
  void colourIsOnlyAddedWhenAsked() throws Exception {
    assertThat(render(new TextReporter(false))).doesNotContain("\u001b[");
    assertThat(render(new TextReporter(true))).contains("\u001b[1;36m");
  }
}
