package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.testing.lab.LabCase;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The lab's case descriptions keep their contract (lab/README.md) without starting anything: ids from
 * the catalog, one symptom test and one smoke check per case, ports inside the lab's range and not
 * shared, config files that exist.
 */
class LabCasesTest {
  private static final Path LAB = Path.of("lab");
  private static final List<Class<?>> SYMPTOM_TESTS = List.of(HealthyTwinsLabTest.class, ForwardedProtoLabTest.class,
      CookieLabTest.class, SessionLabTest.class, CsrfCorsLabTest.class, ProxyLabTest.class, TokenLabTest.class,
      OAuthLabTest.class, TokenFlowLabTest.class, SessionEvidenceLabTest.class,
      ThirdPartyLabTest.class);

  static List<JsonNode> cases() throws IOException {
    ObjectMapper json = new ObjectMapper();
    List<JsonNode> out = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(LAB.resolve("cases"))) {
      for (Path d : dirs.sorted().toList()) out.add(json.readTree(d.resolve("case.json").toFile()));
    }
    return out;
  }

  @Test
  void everyCaseNamesItsDirectoryAndHasTheRequiredFields() throws IOException {
    List<String> fields = List.of("name", "stack", "healthy", "base_url", "resolve", "direct_urls", "login", "user",
        "password", "protected", "logout", "frontend_origin", "config_files", "expect_errors", "acceptable",
        "symptom", "run");
    for (JsonNode c : cases()) {
      assertThat(fields).allSatisfy(f -> assertThat(c.has(f)).as(c.get("name") + " has " + f).isTrue());
      assertThat(Files.isDirectory(LAB.resolve("cases").resolve(c.get("name").asText()))).isTrue();
      assertThat(c.get("stack").asText()).matches("[a-z-]+\\+[a-z-]+\\+[a-z]+");
      assertThat(c.get("symptom").asText()).isNotBlank();
      for (JsonNode f : c.get("config_files")) {
        assertThat(Path.of(f.asText())).as(c.get("name") + " config file").isRegularFile();
      }
    }
  }

  @Test
  void expectedIdsAreCatalogErrorsAndOnlyHealthyCasesExpectNone() throws IOException {
    Catalog catalog = Catalog.bundled();
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      boolean healthy = c.get("healthy").asBoolean();
      // expect_warnings: a case whose root cause is a warn-level id (jwt.missing-claim, oauth.discovery-mismatch)
      JsonNode warnings = c.path("expect_warnings");
      // expect_unexplained: a broken case whose cause no check knows (the probe's unexplained report)
      boolean unexplained = c.path("expect_unexplained").asBoolean(false);
      assertThat(c.get("expect_errors").isEmpty() && warnings.isEmpty() && !unexplained)
          .as(name + ": healthy iff no expected error, warning or unexplained failure").isEqualTo(healthy);
      if (unexplained) assertThat(c.get("expect_errors")).as(name + ": unexplained, so no expected error").isEmpty();
      for (JsonNode id : c.get("expect_errors")) {
        assertThat(catalog.find(id.asText())).as(name + " expects " + id).isPresent();
        assertThat(catalog.severity(id.asText())).as(name + " expects " + id).isEqualTo(Severity.ERROR);
      }
      for (JsonNode id : warnings) {
        assertThat(catalog.find(id.asText())).as(name + " expects " + id).isPresent();
        assertThat(catalog.severity(id.asText())).as(name + " expects warning " + id).isEqualTo(Severity.WARN);
      }
      for (JsonNode id : c.path("forbid_warnings")) {
        assertThat(catalog.severity(id.asText())).as(name + " forbids warning " + id).isEqualTo(Severity.WARN);
      }
      for (JsonNode id : c.get("acceptable")) {
        assertThat(catalog.find(id.asText())).as(name + " accepts " + id).isPresent();
      }
    }
  }

  @Test
  void pendingMarksNameTheirIssueAndExplicitFlagsAreTheUsers() throws IOException {
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      if (c.has("probe_pending")) {
        assertThat(c.get("probe_pending").asText()).as(name + ": probe_pending names the issue and what goes wrong")
            .matches("#\\d+: .{20,}");
        assertThat(c.path("probe_today").path("report").asText()).as(name + ": what the probe reports today").isNotBlank();
      }
      if (c.has("probe_args")) {
        List<String> args = new ArrayList<>();
        c.get("probe_args").forEach(a -> args.add(a.asText()));
        assertThat(args).as(name + ": --resolve and --cacert come from the lab run").doesNotContain("--resolve", "--cacert");
        assertThat(args).as(name + ": the password only by --password-env").noneMatch(a -> a.contains(c.get("password").asText()));
        assertThat(c.has("probe_today")).as(name + ": what the probe reports today").isTrue();
      }
    }
  }

  @Test
  void portsStayInTheLabRangeAndNoTwoCasesShareOne() throws IOException {
    Map<Integer, String> owner = new HashMap<>();
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      Set<Integer> ports = new HashSet<>();
      c.get("run").path("ports").forEach(p -> ports.add(p.asInt()));
      c.get("run").path("apps").forEach(a -> ports.add(a.get("port").asInt()));
      for (int p : ports) {
        // 18000–18979 (full), then 19000–19979; 18980–18999 are the shared processes'.
        assertThat(p).as(name).satisfiesAnyOf(q -> assertThat(q).isBetween(18000, 18979), q -> assertThat(q).isBetween(19000, 19979));
        String before = owner.putIfAbsent(p, name);
        assertThat(before).as("port " + p + " of " + name).isNull();
      }
    }
  }

  @Test
  void everyCaseHasOneSymptomTestAndOneSmokeCheck() throws IOException {
    Map<String, Integer> tests = new HashMap<>();
    for (Class<?> k : SYMPTOM_TESTS) {
      for (Method m : k.getDeclaredMethods()) {
        LabCase lc = m.getAnnotation(LabCase.class);
        if (lc != null) tests.merge(lc.value(), 1, Integer::sum);
      }
    }
    String smoke = Files.readString(LAB.resolve("smoke.d/checks.sh"));
    for (JsonNode c : cases()) {
      String name = c.get("name").asText();
      assertThat(tests.get(name)).as("symptom tests of " + name).isEqualTo(1);
      if (!c.get("healthy").asBoolean()) {
        assertThat(smoke).as("smoke check of " + name).contains("check_" + name.replace('-', '_') + "()");
      }
    }
    assertThat(tests.keySet()).as("tests of cases that do not exist")
        .allSatisfy(n -> assertThat(LAB.resolve("cases").resolve(n).resolve("case.json")).isRegularFile());
  }

  @Test
  void theCommonCausesHaveCasesInTwoFrameworks() throws IOException {
    Map<String, Set<String>> frameworks = new HashMap<>();
    for (JsonNode c : cases()) {
      String framework = c.get("stack").asText().split("\\+")[1];
      c.get("expect_errors").forEach(id -> frameworks.computeIfAbsent(id.asText(), k -> new HashSet<>()).add(framework));
    }
    for (String id : List.of("proxy.forwarded-proto-missing", "proxy.forwarded-proto-untrusted",
        "cookie.samesite-none-insecure", "cookie.domain-mismatch", "cookie.path-excludes-route",
        "session.secret-mismatch", "session.store-not-shared", "session.lost-on-restart", "csrf.origin-untrusted",
        "cors.wildcard-with-credentials", "proxy.authorization-stripped", "session.logout-cookie-not-cleared",
        "session.logout-not-invalidated")) {
      assertThat(frameworks.getOrDefault(id, Set.of())).as(id).hasSizeGreaterThanOrEqualTo(2);
    }
  }
}
