package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.checks.Checks;
import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import authdoctor.testing.lab.LabExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code authdoctor probe} on every case of the real-stack lab: it must report exactly the case's
 * {@code expect_errors} (extras only from {@code acceptable}), and nothing at error level on the
 * healthy twins. Cases whose expected ids have no registered check yet are probed and shown in the
 * table, then skipped with the missing ids named. The table (case → error ids found) is printed and
 * written to {@code target/lab-probe-table.txt}. {@code -Dlab.cases=a,b} probes only those cases. The
 * shared processes it starts (Keycloak, Spring, Redis, the provider) outlive it for the rest of the test
 * run ({@link LabExtension} stops them at its end).
 *
 * <p>A case marked {@code probe_pending} (a deployment the probe does not diagnose correctly yet, with
 * the issue and what it gets wrong) is probed and shown in the table, then skipped with that reason;
 * the mark comes off when the probe is fixed. A case with {@code expect_unexplained} (a deliberately
 * unknown cause) must end with exit 3, no error finding and an {@code unexplained} block. A case with
 * {@code probe_args} is probed with exactly those flags (the ones its user would pass), plus its
 * {@code --resolve} pins and the lab's {@code --cacert}.
 */
@Tag("lab")
@ExtendWith(LabExtension.class)
class ProbeLabTest {
  private static final Map<String, String> TABLE = new LinkedHashMap<>();

  /**
   * Cases a black-box probe cannot decide, with the reason; the probe must still report one of the
   * ids named, and the test is then skipped with the reason (visible in the report, not hidden).
   */
  private static final Map<String, Known> KNOWN_LIMITS = Map.of();

  record Known(Set<String> oneOf, String reason) {}
  private static final Set<String> CHECKED =
      Checks.ALL.stream().map(c -> Checks.spec(c).id()).collect(Collectors.toUnmodifiableSet());

  @TestFactory
  Stream<DynamicTest> probeFindsExactlyTheExpectedErrors() throws IOException {
    List<String> cases;
    try (Stream<Path> dirs = Files.list(Lab.dir().resolve("cases"))) {
      cases = dirs.filter(d -> Files.isRegularFile(d.resolve("case.json")))
          .map(d -> d.getFileName().toString())
          .filter(n -> System.getProperty("lab.cases", "").isEmpty()
              || List.of(System.getProperty("lab.cases").split(",")).contains(n))
          .sorted().toList();
    }
    return cases.stream().map(name -> DynamicTest.dynamicTest(name, () -> probe(name)));
  }

  private static void probe(String name) throws IOException {
    String info = Lab.up(name);
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, info);
    Set<String> errors;
    Set<String> warnings = new TreeSet<>();
    String out;
    int code;
    try {
      StringWriter o = new StringWriter();
      StringWriter e = new StringWriter();
      code = Main.run(args(lab).toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(o),
          new PrintWriter(e), Map.of("LAB_PASSWORD", lab.password()), false));
      out = o.toString();
      assertThat(code).as(name + ": " + e).isIn(0, 1, 3);
      assertThat(out + e).as(name + ": the password never appears").doesNotContain(lab.password());
      errors = new TreeSet<>();
      if (!out.isBlank()) {
        for (JsonNode f : new ObjectMapper().readTree(out).get("findings")) {
          if (f.get("severity").asText().equals("error")) errors.add(f.get("id").asText());
          if (f.get("severity").asText().equals("warn")) warnings.add(f.get("id").asText());
        }
      }
    } finally {
      Lab.downKeepShared(name);
    }
    String expected = lab.healthy() ? "healthy"
        : lab.raw().path("expect_unexplained").asBoolean(false) ? "unexplained (exit 3)" : String.join(",", lab.expectErrors());
    TABLE.put(name, expected + " → " + (errors.isEmpty() ? "(none)" : String.join(",", errors)) + " (exit " + code + ")"
        + (lab.raw().has("probe_pending") ? " [probe pending]" : "")
        + (lab.raw().path("expect_warnings").isEmpty() && lab.raw().path("forbid_warnings").isEmpty() ? "" : " (warnings: " + String.join(",", warnings) + ")"));
    String pending = lab.raw().path("probe_pending").asText("");
    Assumptions.assumeTrue(pending.isEmpty(), "probe pending: " + pending);
    if (lab.raw().path("expect_unexplained").asBoolean(false)) {
      assertThat(code).as(name + ": a flow that failed for no known cause").isEqualTo(3);
      assertThat(errors).as(name + ": no error finding").isEmpty();
      assertThat(new ObjectMapper().readTree(out).path("unexplained").isObject()).as(name + ": the unexplained block").isTrue();
      return;
    }
    Known known = KNOWN_LIMITS.get(name);
    if (known != null) {
      assertThat(errors).as(name).containsAnyElementsOf(known.oneOf());
      Assumptions.abort(known.reason());
    }
    List<String> unchecked = lab.expectErrors().stream().filter(id -> !CHECKED.contains(id)).toList();
    Assumptions.assumeTrue(unchecked.isEmpty(), "no check yet for " + unchecked);
    // forbid_warnings: warn-level ids that would be false findings on this deployment
    List<String> forbidden = new ArrayList<>();
    lab.raw().path("forbid_warnings").forEach(w -> forbidden.add(w.asText()));
    if (!forbidden.isEmpty()) {
      assertThat(warnings).as(name + ": warnings that are false on this deployment").doesNotContainAnyElementsOf(forbidden);
    }
    if (lab.healthy()) {
      assertThat(errors).as(name + " (healthy twin)").isEmpty();
    } else {
      Set<String> allowed = new TreeSet<>(lab.expectErrors());
      allowed.addAll(lab.acceptable());
      assertThat(errors).as(name + ": expected " + lab.expectErrors() + ", acceptable " + lab.acceptable())
          .containsAll(lab.expectErrors()).isSubsetOf(allowed);
      // A case whose root cause is a warn-level id (expect_warnings) must show it.
      List<String> expectWarnings = new ArrayList<>();
      lab.raw().path("expect_warnings").forEach(w -> expectWarnings.add(w.asText()));
      assertThat(warnings).as(name + ": expected warnings").containsAll(expectWarnings);
    }
  }

  /** The probe's flags for a case, from its case.json. */
  static List<String> args(LabDeployment lab) throws IOException {
    List<String> a = new ArrayList<>(List.of("probe", lab.baseUrl().toString(), "--format", "json", "--quiet"));
    LabDeployment.Login login = lab.login();
    JsonNode raw = lab.raw();
    if (raw.has("probe_args")) {
      raw.get("probe_args").forEach(v -> a.add(v.asText()));
      for (String r : lab.resolve()) a.addAll(List.of("--resolve", r));
      a.addAll(List.of("--cacert", lab.caCert().toString()));
      return a;
    }
    if (raw.hasNonNull("oauth_start")) {
      // An OAuth client: the provider's login, not a password form of the app.
      a.addAll(List.of("--oauth-start", raw.get("oauth_start").asText(), "--idp-user", lab.user()));
      if (raw.hasNonNull("expect_redirect_uri")) a.addAll(List.of("--expect-redirect-uri", raw.get("expect_redirect_uri").asText()));
    } else if (login.contentType().contains("json")) {
      a.addAll(List.of("--login", login.url().toString(), "--login-json", json(login.fields())));
      a.addAll(List.of("--user", lab.user(), "--password-env", "LAB_PASSWORD"));
    } else {
      a.addAll(List.of("--login", (login.formUrl() != null ? login.formUrl() : login.url()).toString()));
      if (login.formUrl() == null) {
        // A form POST without a form page (a token endpoint): its fields come from case.json.
        login.fields().forEach((k, v) -> {
          if (v.equals("{user}")) a.addAll(List.of("--user-field", k));
          else if (v.equals("{password}")) a.addAll(List.of("--password-field", k));
          else a.addAll(List.of("--form-field", k + "=" + v));
        });
      }
      a.addAll(List.of("--user", lab.user(), "--password-env", "LAB_PASSWORD"));
    }
    for (JsonNode api : raw.path("api")) a.addAll(List.of("--api", api.asText()));
    if (raw.hasNonNull("oidc_issuer") && raw.hasNonNull("oauth_start")) a.addAll(List.of("--oidc-issuer", raw.get("oidc_issuer").asText()));
    for (URI p : lab.protectedUrls()) a.addAll(List.of("--protected", p.toString()));
    if (lab.logout() != null) {
      a.addAll(List.of("--logout", lab.logout().url().toString(), "--logout-method", lab.logout().method()));
    }
    for (String r : lab.resolve()) a.addAll(List.of("--resolve", r));
    a.addAll(List.of("--cacert", lab.caCert().toString()));
    List<URI> direct = lab.directUrls();
    if (!direct.isEmpty()) a.addAll(List.of("--direct", direct.get(0).toString()));
    if (direct.size() > 1) for (URI d : direct) a.addAll(List.of("--instance", d.toString()));
    if (lab.frontendOrigin() != null) {
      String flow = lab.raw().path("flow").asText("");
      boolean navigation = flow.contains("navigation") || flow.contains("link");
      a.addAll(List.of(navigation ? "--link-from" : "--frontend-origin", lab.frontendOrigin().toString()));
    }
    // A deploy between login and replay: where the case loses sessions on restart (or may: a key made
    // at start-up), and on the healthy twins (which must keep them).
    if (lab.raw().path("restart_loses_session").asBoolean(false) || lab.healthy()
        || lab.acceptable().contains("session.lost-on-restart")) {
      a.addAll(List.of("--restart-command", "'" + Lab.dir().resolve("restart") + "' " + lab.name()));
    }
    JsonNode second = lab.raw().path("second_login");
    if (second.isObject()) a.addAll(List.of("--second-login", second.path("form_url").asText(second.path("url").asText())));
    String store = store(lab);
    if (store != null) a.addAll(List.of("--store", store));
    // The app's own key prefix, so that a refused session is looked up where the app keeps it.
    if (store != null && lab.raw().hasNonNull("store_key_prefix")) {
      a.addAll(List.of("--store-prefix", lab.raw().get("store_key_prefix").asText()));
    }
    return a;
  }

  /**
   * The Redis the case's app is configured with, as its operator would give it: {@code REDIS_URL} from
   * the app's env files, else the lab's shared Redis when the case uses it; null when none.
   */
  static String store(LabDeployment lab) throws IOException {
    for (JsonNode app : lab.raw().path("run").path("apps")) {
      for (JsonNode f : app.path("env_files")) {
        for (String line : Files.readAllLines(Lab.dir().getParent().resolve(f.asText()))) {
          if (line.startsWith("REDIS_URL=")) return line.substring("REDIS_URL=".length()).strip();
        }
      }
    }
    for (JsonNode s : lab.raw().path("run").path("services")) {
      if (s.asText().equals("redis")) return "redis://127.0.0.1:18990/0";
    }
    return null;
  }

  private static String json(Map<String, String> fields) {
    Map<String, String> ordered = new LinkedHashMap<>(fields);
    try {
      return new ObjectMapper().writeValueAsString(ordered);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @AfterAll
  static void printTable() throws IOException {
    StringBuilder sb = new StringBuilder("case → expected → error ids the probe found\n");
    TABLE.forEach((k, v) -> sb.append(String.format("%-40s %s%n", k, v)));
    System.out.print(sb);
    Path target = Path.of("target");
    if (Files.isDirectory(target)) Files.writeString(target.resolve("lab-probe-table.txt"), sb.toString());
  }
}
