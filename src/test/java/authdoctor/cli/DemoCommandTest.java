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
  private static final Map<String, Set<String>> EXPECTED_ERRORS = Map.ofEntries(
      Map.entry("tls-proxy-no-forwarded-proto", Set.of("proxy.forwarded-proto-missing", "redirect.https-downgrade")),
      Map.entry("samesite-none-without-secure", Set.of("cookie.samesite-none-insecure")),
      // Logout reaches one instance and the replay another: no separate logout finding.
      Map.entry("load-balancer-secret-mismatch", Set.of("session.secret-mismatch")),
      Map.entry("logout-keeps-session", Set.of("session.logout-not-invalidated")),
      Map.entry("healthy", Set.of()),
      // the bundled cookie scenarios, replayed through the cookie model
      Map.entry("oauth-state-strict", Set.of("cookie.samesite-blocks-flow")),
      Map.entry("saml-post-lax", Set.of("cookie.samesite-blocks-flow")),
      Map.entry("embedded-widget-3pc", Set.of()), // cookie.third-party-context is a warning
      Map.entry("api-subdomain-host-only", Set.of("cookie.scope-excludes-host")),
      Map.entry("logout-wrong-path", Set.of("session.logout-cookie-not-cleared")),
      Map.entry("http-login-secure-cookie", Set.of("cookie.secure-over-http")),
      Map.entry("host-prefix-with-domain", Set.of("cookie.prefix-violation")));

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
    assertThat(text.out()).contains("═══ 5/12 deployment healthy").contains("✓ 0 errors · 0 warnings · 0 notes");
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
        text.out().indexOf("═══ 2/12 "));
    assertThat(section.indexOf("ERROR  proxy.forwarded-proto-missing"))
        .isPositive()
        .isLessThan(section.indexOf("ERROR  redirect.https-downgrade"));
  }

  @Test
  void traceOnlyWhenAsked() {
    assertThat(text.out()).doesNotContain("\nTrace\n").contains("authdoctor demo --trace");
    assertThat(text.out()).contains("Summary: the root cause").contains("  tls-proxy-no-forwarded-proto    ✗ proxy.forwarded-proto-missing (+1 more)");
    Run traced = run("demo", "--trace", "--quiet");
    assertThat(traced.out()).contains("\nTrace\n").contains("login page: GET https://");
    assertThat(traced.out()).doesNotContain(CANARY);
  }

  @Test
  void cookieScenariosNameTheSymptomTheyReproduce() {
    assertThat(text.out()).contains("═══ 6/12 cookie scenario oauth-state-strict — reported:");
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
