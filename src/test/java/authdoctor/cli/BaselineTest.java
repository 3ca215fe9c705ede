package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.testing.JUnitXml;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Accepted findings: shown as accepted, no exit 1 until their day, then failing again. */
class BaselineTest {
  private static final String ID = "cookie.samesite-none-insecure";
  @TempDir Path dir;
  private HttpServer app;
  private String url;

  @BeforeEach
  void start() throws Exception {
    app = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    app.createContext("/", x -> {
      try (x) {
        x.getResponseHeaders().add("Set-Cookie", "sid=abc123def456; Path=/; SameSite=None");
        x.sendResponseHeaders(200, -1);
      }
    });
    app.start();
    url = "http://127.0.0.1:" + app.getAddress().getPort() + "/";
  }

  @AfterEach
  void stop() {
    app.stop(0);
  }

  private ProbeCommandTest.Run probe(String... more) {
    String[] args = new String[more.length + 5];
    args[0] = "probe";
    args[1] = url;
    args[2] = "--refresh";
    args[3] = "0";
    args[4] = "-q";
    System.arraycopy(more, 0, args, 5, more.length);
    return ProbeCommandTest.run(args);
  }

  private static JsonNode finding(ProbeCommandTest.Run r) throws Exception {
    for (JsonNode f : new ObjectMapper().readTree(r.out()).get("findings")) if (f.get("id").asText().equals(ID)) return f;
    throw new AssertionError("no " + ID + " in " + r.out());
  }

  @Test
  void anAcceptedFindingIsShownAsSuchAndDoesNotFailTheRunUntilItsDay() throws Exception {
    ProbeCommandTest.Run plain = probe("--format", "json");
    assertThat(plain.code()).isEqualTo(1);
    assertThat(finding(plain).has("accepted")).isFalse();

    Path baseline = dir.resolve("baseline.yml");
    assertThat(probe("--format", "json", "--save-baseline", baseline.toString()).code()).isEqualTo(1);
    String saved = Files.readString(baseline);
    assertThat(saved).contains("id: " + ID, "fingerprint: \"", "reason: ");

    String accepted = saved.replaceAll("reason: .*", "reason: \"the cookie is only read by an http-only intranet tool\"");
    Files.writeString(baseline, accepted);
    ProbeCommandTest.Run ok = probe("--format", "json", "--baseline", baseline.toString());
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(finding(ok).get("accepted").get("reason").asText()).isEqualTo("the cookie is only read by an http-only intranet tool");
    assertThat(finding(ok).get("accepted").get("until").isNull()).isTrue();
    ProbeCommandTest.Run junit = probe("--format", "junit", "--baseline", baseline.toString());
    assertThat(JUnitXml.failures(JUnitXml.validate(junit.out()))).isEmpty();
    assertThat(junit.out()).contains("accepted: the cookie is only read");

    Files.writeString(baseline, accepted.replace("    # ", "    until: 2999-12-31\n    # "));
    ProbeCommandTest.Run future = probe("--format", "json", "--baseline", baseline.toString());
    assertThat(future.code()).isZero();
    assertThat(finding(future).get("accepted").get("until").asText()).isEqualTo("2999-12-31");

    Files.writeString(baseline, accepted.replace("    # ", "    until: 2001-01-31\n    # "));
    ProbeCommandTest.Run expired = probe("--format", "json", "--baseline", baseline.toString());
    assertThat(expired.code()).isEqualTo(1);
    assertThat(finding(expired).has("accepted")).isFalse();
    assertThat(expired.err()).contains("the acceptance of " + ID + " ended on 2001-01-31; it fails again");

    ProbeCommandTest.Run failOnInfo = probe("--format", "json", "--baseline", baseline.toString(), "--fail-on", "info");
    assertThat(failOnInfo.code()).isEqualTo(1);
  }

  @Test
  void aFlowFilesAcceptedSectionAcceptsToo() throws Exception {
    Path baseline = dir.resolve("baseline.yml");
    probe("--save-baseline", baseline.toString());
    String entries = Files.readString(baseline).lines().filter(l -> l.startsWith("  ")).reduce("", (a, b) -> a + b + "\n");
    Path flow = dir.resolve("authdoctor.yml");
    Files.writeString(flow, "url: " + url + "\nrefresh: 0\nquiet: true\naccepted:\n" + entries);
    ProbeCommandTest.Run r = ProbeCommandTest.run("probe", "--flow", flow.toString(), "--format", "json");
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(finding(r).get("accepted").get("reason").asText()).startsWith("recorded by --save-baseline on ");
  }

  @Test
  void aBadBaselineIsExitTwoNamingItsLine() throws Exception {
    Path baseline = dir.resolve("baseline.yml");
    Files.writeString(baseline, "accepted:\n  - id: " + ID + "\n    fingerprint: \"00\"\n    reason: ok\n    until: someday\n");
    ProbeCommandTest.Run r = probe("--baseline", baseline.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("authdoctor: " + baseline + ":2: until: 'someday' is not a date");
    Files.writeString(baseline, "accepted:\n  - id: " + ID + "\n    fingerprint: \"00\"\n    reson: ok\n");
    assertThat(probe("--baseline", baseline.toString()).err()).contains(baseline + ":4: unknown key 'reson'");
  }

  @Test
  void theFingerprintIgnoresStepNumbersButNotTheSubjectOrTheFile() {
    var r = TestRedactors.fixed();
    Finding a = finding(new Evidence("header", "sid", r.plain("Set-Cookie: sid"), new Location.ExchangeRef(2)));
    Finding b = finding(new Evidence("header", "sid", r.plain("Set-Cookie: sid (again)"), new Location.ExchangeRef(7)));
    Finding other = finding(new Evidence("header", "csrftoken", r.plain("Set-Cookie: sid"), new Location.ExchangeRef(2)));
    Finding file = finding(new Evidence("config", "sid", r.plain("x"), new Location.FileLine("nginx.conf", 3)));
    Finding moved = finding(new Evidence("config", "sid", r.plain("x"), new Location.FileLine("nginx.conf", 9)));
    assertThat(a.fingerprint()).hasSize(16).isEqualTo(b.fingerprint()).isNotEqualTo(other.fingerprint());
    assertThat(file.fingerprint()).isEqualTo(moved.fingerprint()).isNotEqualTo(a.fingerprint());
  }

  private static Finding finding(Evidence e) {
    return new Finding(ID, Severity.ERROR, "t", List.of(e), "why", "fix", Map.of());
  }
}
