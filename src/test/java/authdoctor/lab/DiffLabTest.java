package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code authdoctor diff} on real deployments: a healthy twin (A, "where it works") next to a broken
 * case of the same stack (B, "production"). The first divergence is named, the findings only B has
 * are exactly the case's expected errors, A has none; a healthy twin against itself does not diverge.
 */
@Tag("lab")
class DiffLabTest {
  record Run(int code, String out, String err) {}

  @AfterAll
  static void stopShared() {
    Lab.downIdle();
  }

  private static LabDeployment up(String name) {
    return LabDeployment.load(Lab.dir(), name, Lab.up(name));
  }

  /** The flow flags of case {@code b}'s own URLs (diff moves them to A's origin for A). */
  static List<String> args(LabDeployment a, LabDeployment b, String format) {
    List<String> args = new ArrayList<>(List.of("diff", a.baseUrl().toString(), b.baseUrl().toString(), "--format", format, "--quiet"));
    LabDeployment.Login login = b.login();
    args.addAll(List.of("--login", (login.formUrl() != null ? login.formUrl() : login.url()).toString(),
        "--user", b.user(), "--password-env", "LAB_PASSWORD"));
    for (URI p : b.protectedUrls()) args.addAll(List.of("--protected", p.toString()));
    if (b.logout() != null) args.addAll(List.of("--logout", b.logout().url().toString(), "--logout-method", b.logout().method()));
    Set<String> resolve = new LinkedHashSet<>(a.resolve());
    resolve.addAll(b.resolve());
    for (String r : resolve) args.addAll(List.of("--resolve", r));
    args.addAll(List.of("--cacert", b.caCert().toString()));
    return args;
  }

  static Run run(List<String> args, String password) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(out),
        new PrintWriter(err), Map.of("LAB_PASSWORD", password), false));
    return new Run(code, out.toString(), err.toString());
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> errorIds(JsonNode root, String target) {
    return StreamSupport.stream(root.get("findings").spliterator(), false)
        .filter(f -> f.get("severity").asText().equals("error"))
        .filter(f -> f.get("evidence").get(0).get("facts").get("target").asText().equals(target))
        .map(f -> f.get("id").asText()).distinct().toList();
  }

  @ParameterizedTest(name = "{0} vs {1}: diverge first at \"{2}\"")
  @CsvSource({
    "flask-healthy, flask-samesite-none-insecure, login, cookie session SameSite",
    "flask-healthy, flask-forwarded-proto-missing, login page, Location",
    "express-healthy, express-samesite-none-insecure, login, cookie sid SameSite",
    "flask-healthy, flask-logout-not-invalidated, replay the pre-logout Cookie header (1/2), session",
  })
  void theBrokenTwinDivergesWhereItsBugIsAndOnlyItHasTheExpectedErrors(String healthy, String broken, String label,
      String aspect) throws Exception {
    LabDeployment a = up(healthy);
    LabDeployment b = up(broken);
    try {
      Run r = run(args(a, b, "json"), b.password());
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      JsonNode root = new ObjectMapper().readTree(r.out());
      JsonNode first = root.get("diff").get("first_divergence");
      assertThat(first.get("label").asText()).as(first.toPrettyString()).isEqualTo(label);
      assertThat(StreamSupport.stream(first.get("differences").spliterator(), false).map(d -> d.get("aspect").asText()))
          .as(first.toPrettyString()).contains(aspect);
      assertThat(errorIds(root, "A")).as("the healthy twin").isEmpty();
      List<String> onlyB = texts(root.get("diff").get("only_b"));
      assertThat(onlyB).containsAll(b.expectErrors());
      Set<String> allowed = new LinkedHashSet<>(b.expectErrors());
      allowed.addAll(b.acceptable());
      assertThat(errorIds(root, "B")).as("B's errors").isSubsetOf(allowed);

      Run text = run(args(a, b, "text"), b.password());
      assertThat(text.code()).isEqualTo(1);
      String out = text.out();
      assertThat(out).contains("They diverge first at \"" + label + "\"");
      int firstError = out.indexOf("ERROR  " + b.expectErrors().get(0));
      assertThat(firstError).as(out).isPositive().isLessThan(out.indexOf("The flow side by side"));
      for (Run each : List.of(r, text)) assertThat(each.out() + each.err()).doesNotContain(b.password());
    } finally {
      Lab.downKeepShared(broken);
      Lab.downKeepShared(healthy);
    }
  }

  @Test
  void aHealthyTwinAgainstItselfDoesNotDiverge() throws Exception {
    LabDeployment a = up("django-healthy");
    try {
      Run r = run(args(a, a, "json"), a.password());
      assertThat(r.code()).as(r.out()).isZero();
      JsonNode root = new ObjectMapper().readTree(r.out());
      assertThat(root.get("diff").get("first_divergence").isNull()).as(root.get("diff").toPrettyString()).isTrue();
      assertThat(root.get("summary").get("error").asInt()).isZero();
    } finally {
      Lab.downKeepShared("django-healthy");
    }
  }
}
