package authdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.check.Scope;
import authdoctor.observation.Collected;
import authdoctor.observation.HttpExchange;
import authdoctor.report.JsonReporter;
import authdoctor.report.Reporter;
import authdoctor.report.TextReporter;
import authdoctor.testing.Exchanges;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.StringWriter;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An observation carries where it was seen, and a check reports exactly there: the same exchange read
 * from a HAR entry or from a file line gives a finding at that entry or line, in text and in JSON.
 */
class ObservationLocationTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final String ID = "tls.hsts-missing";

  /** An https answer without Strict-Transport-Security (tls.hsts-missing), seen at {@code where}. */
  private static HttpExchange seenAt(Location where) {
    HttpExchange x = Exchanges.https(3, "https://app.example.com/", 200);
    return new HttpExchange(x.step(), x.label(), x.method(), x.url(), x.requestHeaders(), x.status(), x.protocol(),
        x.responseHeaders(), x.body(), x.bodyTruncated(), x.elapsed(), x.tls(), x.error(), x.requestBody(),
        x.withheldHeaders(), x.transport(), x.timings(), where);
  }

  private static Report diagnose(HttpExchange x) {
    return AuthDoctor.prepare(CLOCK, TestRedactors.fixed())
        .diagnose("har", "session.har", new Collected(List.of(x), List.of()), Scope.ALL);
  }

  private static String render(Reporter reporter, Report report) throws Exception {
    StringWriter w = new StringWriter();
    reporter.write(report, w);
    return w.toString();
  }

  private static Evidence evidence(Report report) {
    return report.findings().stream().filter(f -> f.id().equals(ID)).findFirst().orElseThrow().evidence().get(0);
  }

  private static JsonNode jsonLocation(Report report) throws Exception {
    JsonNode root = new ObjectMapper().readTree(render(new JsonReporter(), report));
    for (JsonNode f : root.get("findings")) {
      if (f.get("id").asText().equals(ID)) return f.get("evidence").get(0).get("location");
    }
    throw new AssertionError("no " + ID + " in the JSON");
  }

  @Test
  void aHarEntryIsReportedAsThatEntry() throws Exception {
    Report report = diagnose(seenAt(new Location.HarEntryRef(7)));
    assertThat(evidence(report).location()).isEqualTo(new Location.HarEntryRef(7));
    assertThat(jsonLocation(report).toString()).isEqualTo("{\"har_entry\":7}");
    assertThat(render(new TextReporter(false), report)).contains("Evidence (HAR entry 7): ").doesNotContain("(step 3)");
  }

  @Test
  void aFileLineIsReportedAsThatLineAndColumn() throws Exception {
    Report report = diagnose(seenAt(new Location.FileLine("captures/login.http", 12, 5)));
    assertThat(evidence(report).location()).isEqualTo(new Location.FileLine("captures/login.http", 12, 5));
    assertThat(jsonLocation(report).toString()).isEqualTo("{\"file\":\"captures/login.http\",\"line\":12,\"column\":5}");
    assertThat(render(new TextReporter(false), report)).contains("Evidence (captures/login.http:12:5): ");
  }

  @Test
  void aFileLineWithoutColumnHasNoColumnField() throws Exception {
    Report report = diagnose(seenAt(new Location.FileLine("captures/login.http", 12)));
    assertThat(jsonLocation(report).toString()).isEqualTo("{\"file\":\"captures/login.http\",\"line\":12}");
    assertThat(render(new TextReporter(false), report)).contains("Evidence (captures/login.http:12): ");
  }

  @Test
  void anObservationMadeWithoutALocationIsSeenAtItsStep() throws Exception {
    HttpExchange x = Exchanges.https(3, "https://app.example.com/", 200);
    assertThat(x.location()).isEqualTo(new Location.ExchangeRef(3));
    Report report = diagnose(x);
    assertThat(jsonLocation(report).toString()).isEqualTo("{\"step\":3}");
    assertThat(render(new TextReporter(false), report)).contains("Evidence (step 3): ");
  }
}
