package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.AuthDoctor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.scan.ScanCollector;
import authdoctor.testing.SampleReports;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * SARIF output is valid against the OASIS SARIF 2.1.0 schema ({@code src/test/resources/sarif/}, see
 * NOTICE.md) and follows GitHub code scanning's upload rules: relative URIs, a {@code ruleId} with its
 * rule, {@code startLine} ≥ 1, fingerprints; one result per finding and primary location.
 */
class SarifReporterTest {
  @TempDir Path dir;

  private static final JsonSchema SCHEMA = schema();

  private static JsonSchema schema() {
    try (InputStream in = SarifReporterTest.class.getResourceAsStream("/sarif/sarif-schema-2.1.0.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode sarif(Report report) throws IOException {
    StringWriter w = new StringWriter();
    new SarifReporter().write(report, w);
    JsonNode node = new ObjectMapper().readTree(w.toString());
    Set<ValidationMessage> errors = SCHEMA.validate(node);
    assertThat(errors).as("SARIF 2.1.0 schema").isEmpty();
    return node;
  }

  private Report scan(String conf) throws IOException {
    Files.createDirectories(dir.resolve("deploy/nginx"));
    Files.writeString(dir.resolve("deploy/nginx/site.conf"), conf);
    var collected = new ScanCollector().collect(new ScanCollector.Request(List.of(dir), dir, null, null, 1 << 20));
    return AuthDoctor.prepare(Clock.systemUTC(), TestRedactors.fixed()).diagnose("scan", ".", collected, Scope.ALL);
  }

  private static final String FIVE_LOCATIONS = """
      server {
          listen 443 ssl;
          server_name app.example.com;
          add_header Strict-Transport-Security "max-age=1" always;
          proxy_set_header X-Forwarded-Proto $scheme;
          location /a { proxy_set_header Host $host; proxy_pass http://127.0.0.1:8000; }
          location /b { proxy_set_header Host $host; proxy_pass http://127.0.0.1:8000; }
          location /c { proxy_set_header Host $host; proxy_pass http://127.0.0.1:8000; }
          location /d { proxy_set_header Host $host; proxy_pass http://127.0.0.1:8000; }
          location /e { proxy_set_header Host $host; proxy_pass http://127.0.0.1:8000; }
      }
      """;

  @Test
  void aFindingFromFiveLocationsIsFiveResultsWithTheirLines() throws IOException {
    Report report = scan(FIVE_LOCATIONS);
    assertThat(report.findings()).filteredOn(f -> f.id().equals("proxy.forwarded-proto-missing")).hasSize(1);
    JsonNode run = sarif(report).get("runs").get(0);
    List<Integer> lines = new ArrayList<>();
    for (JsonNode r : run.get("results")) {
      if (!r.get("ruleId").asText().equals("proxy.forwarded-proto-missing")) continue;
      JsonNode pl = r.get("locations").get(0).get("physicalLocation");
      assertThat(pl.get("artifactLocation").get("uri").asText()).isEqualTo("deploy/nginx/site.conf");
      lines.add(pl.get("region").get("startLine").asInt());
      assertThat(r.get("relatedLocations")).as("the server-level header each location loses").hasSize(1);
      assertThat(r.get("relatedLocations").get(0).get("physicalLocation").get("region").get("startLine").asInt()).isEqualTo(5);
    }
    assertThat(lines).containsExactly(6, 7, 8, 9, 10);
  }

  @Test
  void followsGitHubUploadRules() throws IOException {
    JsonNode run = sarif(scan(FIVE_LOCATIONS)).get("runs").get(0);
    List<String> rules = new ArrayList<>();
    run.get("tool").get("driver").get("rules").forEach(r -> rules.add(r.get("id").asText()));
    assertThat(run.get("results")).isNotEmpty();
    for (JsonNode r : run.get("results")) {
      assertThat(rules).contains(r.get("ruleId").asText());
      assertThat(rules.get(r.get("ruleIndex").asInt())).isEqualTo(r.get("ruleId").asText());
      assertThat(r.get("level").asText()).isIn("error", "warning", "note");
      assertThat(r.get("message").get("text").asText()).isNotBlank();
      assertThat(r.get("partialFingerprints").get("authdoctor/v1").asText()).matches("[0-9a-f]{64}");
      JsonNode pl = r.get("locations").get(0).get("physicalLocation");
      String uri = pl.get("artifactLocation").get("uri").asText();
      assertThat(uri).doesNotStartWith("/").doesNotContain("://").doesNotContain("\\");
      assertThat(pl.get("region").get("startLine").asInt()).isGreaterThanOrEqualTo(1);
    }
  }

  @Test
  void fingerprintsAreStableWhenLinesMove() throws IOException {
    JsonNode a = sarif(scan(FIVE_LOCATIONS)).get("runs").get(0).get("results").get(0);
    JsonNode b = sarif(scan("\n\n# moved\n" + FIVE_LOCATIONS)).get("runs").get(0).get("results").get(0);
    assertThat(b.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt())
        .isEqualTo(a.get("locations").get(0).get("physicalLocation").get("region").get("startLine").asInt() + 3);
    assertThat(b.get("partialFingerprints")).isEqualTo(a.get("partialFingerprints"));
  }

  @Test
  void liveFindingsCarryALogicalLocationAndNoSecret() throws IOException {
    var redactor = TestRedactors.fixed();
    Report sample = SampleReports.sample(redactor);
    StringWriter w = new StringWriter();
    new SarifReporter().write(sample, w);
    assertThat(w.toString()).doesNotContain(SampleReports.CANARY);
    JsonNode run = sarif(sample).get("runs").get(0);
    assertThat(run.get("results")).isNotEmpty();
    for (JsonNode r : run.get("results")) {
      JsonNode loc = r.get("locations").get(0);
      assertThat(loc.has("physicalLocation") || loc.get("logicalLocations").get(0).get("name").asText().startsWith("step ")).isTrue();
    }
  }
}
