package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.AuthDoctor;
import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Report;
import authdoctor.collect.scan.ScanCollector;
import authdoctor.observation.Collected;
import authdoctor.observation.Observation;
import authdoctor.report.JsonReporter;
import authdoctor.report.SarifReporter;
import authdoctor.report.TextReporter;
import authdoctor.testing.ProbeFixture;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A live run diagnosed with the deployment's configuration ({@code probe --config}), through the real
 * pipeline: the scan's collector on a checked-in nginx file, the live detectors' fixtures as the run, the
 * engine with every check, the reporters.
 */
class CorroborationTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final String ID = "proxy.forwarded-proto-missing";
  private static final Path DIR = Path.of("src/test/resources/corroboration/nginx-without-proto");
  /** The proxy_pass of the location that sends no X-Forwarded-Proto, as the scan names it (relative to DIR). */
  private static final String CAUSE = "site.conf:6";

  /** A live run on a deployment whose proxy sends X-Forwarded-Proto: https through the proxy, the upstream's http directly. */
  private static final String HEALTHY = """
      - forwarding: {step: 2, request: "POST /login", via: PUBLIC, url: "https://app.example.com/login",
                     public_url: "https://app.example.com/login", app_url: "https://app.example.com/dashboard",
                     app_url_source: Location, status: 302}
      - forwarding: {step: 10, request: "POST /login", via: DIRECT, url: "http://127.0.0.1:8000/login",
                     public_url: "https://app.example.com/login", app_url: "http://127.0.0.1:8000/dashboard",
                     app_url_source: Location, status: 302}
      """;

  /** The same run without the direct trial: an https answer could come from a configured base URL. */
  private static final String UNDECIDED = """
      - forwarding: {step: 2, request: "POST /login", via: PUBLIC, url: "https://app.example.com/login",
                     public_url: "https://app.example.com/login", app_url: "https://app.example.com/dashboard",
                     app_url_source: Location, status: 302}
      """;

  private static Report diagnose(List<Observation> live, boolean withConfig) {
    List<Observation> all = new ArrayList<>(live);
    if (withConfig) {
      all.addAll(new ScanCollector().collect(new ScanCollector.Request(List.of(DIR), DIR, null, null, 1 << 20)).observations());
    }
    return AuthDoctor.prepare(CLOCK, TestRedactors.fixed()).diagnose("probe", "https://app.example.com",
        new Collected(all, List.of()), Scope.ALL);
  }

  private static List<Observation> fixture(String yaml) throws IOException {
    return ProbeFixture.parse(yaml).observations();
  }

  private static List<Observation> broken() throws IOException {
    return fixture(Files.readString(Path.of("src/test/resources/checks", ID, "fires-direct-with-header-fixes-it.probe.yaml")));
  }

  private static Finding only(Report r, String id) {
    List<Finding> found = r.findings().stream().filter(f -> f.id().equals(id)).toList();
    assertThat(found).as(id).hasSize(1);
    return found.get(0);
  }

  private static String write(authdoctor.report.Reporter reporter, Report r) throws IOException {
    StringWriter out = new StringWriter();
    reporter.write(r, out);
    return out.toString();
  }

  @Test
  void aLiveFindingGainsTheConfigurationLineThatCausesIt() throws IOException {
    Finding f = only(diagnose(broken(), true), ID);
    Evidence note = f.evidence().get(0);
    assertThat(note.subject()).isEqualTo(Corroboration.SEEN_LIVE);
    assertThat(note.excerpt().text()).isEqualTo("seen live at step 2, step 10, step 11; caused by " + CAUSE);
    assertThat(f.evidence()).anySatisfy(e -> assertThat(e.location()).isEqualTo(new Location.FileLine("site.conf", 6, 9)));
    assertThat(f.evidence()).filteredOn(e -> e.location() instanceof Location.ExchangeRef).isNotEmpty()
        .allSatisfy(e -> assertThat(e.facts()).containsEntry(Evidence.RELATED_TO, CAUSE));
    assertThat(Corroboration.notSeenLive(f)).isFalse();
  }

  @Test
  void inSarifTheLiveFindingStandsAtTheConfigurationLineWithTheStepsRelated() throws IOException {
    JsonNode sarif = new ObjectMapper().readTree(write(new SarifReporter(), diagnose(broken(), true)));
    List<JsonNode> results = new ArrayList<>();
    sarif.at("/runs/0/results").forEach(r -> { if (r.get("ruleId").asText().equals(ID)) results.add(r); });
    assertThat(results).hasSize(1);
    JsonNode r = results.get(0);
    assertThat(r.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).isEqualTo("site.conf");
    assertThat(r.at("/locations/0/physicalLocation/region/startLine").asInt()).isEqualTo(6);
    List<String> related = new ArrayList<>();
    r.get("relatedLocations").forEach(l -> related.add(l.at("/message/text").asText()));
    assertThat(related).anyMatch(t -> t.startsWith("seen live at step 2")).hasSizeGreaterThan(2);
  }

  @Test
  void aConfigurationFindingTheLiveRunContradictsIsDroppedWithANote() throws IOException {
    Report r = diagnose(fixture(HEALTHY), true);
    assertThat(r.findings()).noneMatch(f -> f.id().equals(ID));
    assertThat(r.outcomes()).filteredOn(o -> o instanceof Outcome.Contradicted).singleElement()
        .satisfies(o -> {
          assertThat(o.id()).isEqualTo(ID);
          assertThat(((Outcome.Contradicted) o).note()).contains(CAUSE).contains("step 2")
              .contains("https://app.example.com/dashboard");
        });
    JsonNode json = new ObjectMapper().readTree(write(new JsonReporter(), r));
    assertThat(json.at("/contradicted/0/id").asText()).isEqualTo(ID);
    assertThat(write(new TextReporter(false), r)).contains("DROPPED " + ID);
    JsonNode sarif = new ObjectMapper().readTree(write(new SarifReporter(), r));
    assertThat(sarif.at("/runs/0/invocations/0/toolExecutionNotifications").toString()).contains(ID).contains(CAUSE);
  }

  @Test
  void aConfigurationFindingTheLiveRunCannotJudgeIsKeptAndListedApart() throws IOException {
    Report r = diagnose(fixture(UNDECIDED), true);
    Finding f = only(r, ID);
    assertThat(Corroboration.notSeenLive(f)).isTrue();
    assertThat(f.evidence().get(0).excerpt().text()).startsWith("in the configuration at " + CAUSE + ", not seen live");
    assertThat(r.outcomes()).noneMatch(o -> o instanceof Outcome.Contradicted);
    String text = write(new TextReporter(false), r);
    assertThat(text).contains("In the configuration, not seen live");
    assertThat(text.indexOf("In the configuration, not seen live")).isLessThan(text.indexOf("ERROR  " + ID));
  }

  @Test
  void withoutTheConfigurationTheLiveRunIsReportedAsBefore() throws IOException {
    Finding f = only(diagnose(broken(), false), ID);
    assertThat(f.evidence()).noneMatch(e -> e.kind().equals("note") && e.subject().equals(Corroboration.SEEN_LIVE))
        .noneMatch(e -> e.facts().containsKey(Evidence.RELATED_TO));
  }

  @Test
  void theScanAloneIsReportedAsBefore() {
    Report r = AuthDoctor.prepare(CLOCK, TestRedactors.fixed()).diagnose("scan", DIR.toString(),
        new ScanCollector().collect(new ScanCollector.Request(List.of(DIR), DIR, null, null, 1 << 20)), Scope.ALL);
    assertThat(only(r, ID).evidence()).noneMatch(e -> e.kind().equals("note"));
    assertThat(r.findings()).noneMatch(Corroboration::notSeenLive);
  }
}
