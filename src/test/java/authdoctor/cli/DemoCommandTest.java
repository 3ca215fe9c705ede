package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Severity;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code authdoctor demo}: the real probe over the in-process deployments, end to end. */
class DemoCommandTest {
  private static final String CANARY = "canary-demo-password-5f2e91";

  /** The planted bug of each deployment, and exactly the error ids it must produce. */
  private static final Map<String, Set<String>> EXPECTED_ERRORS = Map.of(
      "tls-proxy-no-forwarded-proto",
      Set.of("proxy.forwarded-proto-missing", "redirect.https-downgrade"),
      "samesite-none-without-secure", Set.of("cookie.samesite-none-insecure"),
      // Logout reaches one instance and the replay another: no separate logout finding.
      "load-balancer-secret-mismatch", Set.of("session.secret-mismatch"),
      "logout-keeps-session", Set.of("session.logout-not-invalidated"),
      "healthy", Set.of());

  private static Run json;
  private static Run text;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err),
        Map.of(DemoCommand.PASSWORD_ENV, CANARY), false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  @BeforeAll
  static void runDemoTwice() {
    json = run("demo", "--format", "json");
    text = run("demo");
  }

  @Test
  void exitsOneBecauseTheDeploymentsHaveErrors() {
    assertThat(json.code()).as(json.err()).isEqualTo(1);
    assertThat(text.code()).as(text.err()).isEqualTo(1);
    assertThat(text.err()).isEmpty(); // no progress line without a terminal
  }

  @Test
  void eachDeploymentYieldsExactlyItsErrorIds() throws Exception {
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("schema").asText()).isEqualTo("authdoctor/1");
    assertThat(root.get("command").asText()).isEqualTo("demo");
    Map<String, Set<String>> errors = new TreeMap<>();
    EXPECTED_ERRORS.keySet().forEach(k -> errors.put(k, new TreeSet<>()));
    for (JsonNode f : root.get("findings")) {
      Set<String> deployments = new TreeSet<>();
      for (JsonNode e : f.get("evidence")) deployments.add(e.get("facts").get("deployment").asText());
      assertThat(deployments).as("evidence of one finding names one deployment: " + f.get("id")).hasSize(1);
      if (f.get("severity").asText().equals(Severity.ERROR.word())) {
        errors.get(deployments.iterator().next()).add(f.get("id").asText());
      }
    }
    assertThat(errors).isEqualTo(new TreeMap<>(EXPECTED_ERRORS));
  }

  @Test
  void healthyDeploymentHasNoFindingAtAll() throws Exception {
    JsonNode root = new ObjectMapper().readTree(json.out());
    for (JsonNode f : root.get("findings")) {
      for (JsonNode e : f.get("evidence")) {
        assertThat(e.get("facts").get("deployment").asText()).as(f.get("id").asText()).isNotEqualTo("healthy");
      }
    }
    assertThat(text.out()).contains("deployment 5/5: healthy").contains("✓ 0 errors · 0 warnings · 0 notes");
  }

  @Test
  void evidenceStepsPointIntoTheCombinedTrace() throws Exception {
    JsonNode root = new ObjectMapper().readTree(json.out());
    Map<Integer, String> stepDeployment = new TreeMap<>();
    for (JsonNode s : root.get("steps")) stepDeployment.put(s.get("step").asInt(), s.get("deployment").asText());
    assertThat(stepDeployment).hasSize(root.get("steps").size());
    for (JsonNode f : root.get("findings")) {
      for (JsonNode e : f.get("evidence")) {
        if (!e.hasNonNull("location")) continue;
        int step = e.get("location").get("step").asInt();
        assertThat(stepDeployment.get(step)).as(f.get("id") + " step " + step)
            .isEqualTo(e.get("facts").get("deployment").asText());
      }
    }
  }

  @Test
  void rootCauseComesFirstBehindTheTlsProxy() {
    String section = text.out().substring(text.out().indexOf("tls-proxy-no-forwarded-proto"),
        text.out().indexOf("═══ deployment 2/5"));
    assertThat(section.indexOf("ERROR  proxy.forwarded-proto-missing"))
        .isPositive()
        .isLessThan(section.indexOf("ERROR  redirect.https-downgrade"));
  }

  @Test
  void noSecretInAnyFormat() {
    for (Run r : new Run[] {json, text}) {
      assertThat(r.out()).doesNotContain(CANARY).contains("‹redacted");
      // session ids (32 hex digits), signed session values and CSRF tokens never appear
      assertThat(r.out()).doesNotContainPattern("[0-9a-f]{32}").doesNotContain("eyJ");
      assertThat(r.err()).doesNotContain(CANARY);
    }
  }
}
