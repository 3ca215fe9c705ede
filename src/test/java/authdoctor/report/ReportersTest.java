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
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The reporters: every {@link Format} renders every {@link Result} shape, golden-tested, without secrets. */
class ReportersTest {
  private final Redactor redactor = TestRedactors.fixed();
  private final Report report = SampleReports.sample(redactor);

  private String render(Reporter r) throws Exception {
    StringWriter w = new StringWriter();
    r.write(report, w);
    return w.toString();
  }

  private static String render(Reporter r, Result result) throws Exception {
    StringWriter w = new StringWriter();
    r.write(result, w);
    return w.toString();
  }

  /** Every format × every result shape: the golden file {@code <shape>.<extension>}. */
  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("formatsAndShapes")
  void everyFormatOfEveryShapeMatchesItsGoldenFile(Format format, String shape) throws Exception {
    String out = render(format.reporter(new Reporter.Options(false, true)), SampleReports.results(redactor).get(shape));
    Golden.assertMatches(out.replace(Version.get(), "VERSION"), shape + "." + format.extension());
  }

  /** Every format × every result shape, in colour or not, with the trace or not: the planted secret never shows. */
  @ParameterizedTest(name = "{0} × {1}")
  @MethodSource("formatsAndShapes")
  void canarySecretNeverAppearsInAnyFormatOfAnyShape(Format format, String shape) throws Exception {
    for (boolean color : new boolean[] {false, true}) {
      for (boolean trace : new boolean[] {false, true}) {
        String out = render(format.reporter(new Reporter.Options(color, trace)), SampleReports.results(redactor).get(shape));
        assertThat(out).as("%s %s color=%s trace=%s", format, shape, color, trace)
            .doesNotContain(SampleReports.CANARY).contains("fp:" + redactor.fingerprint(SampleReports.CANARY));
      }
    }
  }

  @Test
  void theSamplesCoverEveryResultShape() {
    assertThat(SampleReports.results(redactor).values()).extracting(r -> (Object) r.getClass())
        .containsExactlyInAnyOrder((Object[]) Result.class.getPermittedSubclasses());
  }

  static Stream<Arguments> formatsAndShapes() {
    return Stream.of(Format.values())
        .flatMap(f -> SampleReports.results(TestRedactors.fixed()).keySet().stream().map(shape -> Arguments.of(f, shape)));
  }

  @Test
  void aSingleReportIsWrittenAsOneRunWhicheverEntryPoint() throws Exception {
    for (Format f : Format.values()) {
      Reporter r = f.reporter(new Reporter.Options(false, true));
      assertThat(render(r)).isEqualTo(render(r, new Result.Single(report)));
    }
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
