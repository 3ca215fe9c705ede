package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.FORM;
import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.testing.RawServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code authdoctor diff}: usage, unreachable targets, and two small in-process apps that differ in one
 * cookie attribute (the real-stack pairs are in {@code DiffLabTest}).
 */
class DiffCommandTest {
  private static final String PASSWORD_B = "canary-b-5f1e0a77";
  private static final String SESSION = "sid=c4n4ry-session-0123456789abcdef";

  /** An app whose login sets the session cookie with {@code attributes}; /home needs the cookie. */
  private static App app(String attributes) throws IOException {
    return new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 302, "", "Location", "/home", "Set-Cookie", SESSION + "; Path=/; HttpOnly" + attributes),
        "GET /home", DiffCommandTest::home));
  }

  /** /home: the welcome page with the session cookie, else back to the login page. */
  private static void home(com.sun.net.httpserver.HttpExchange x) throws IOException {
    boolean in = String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("sid=");
    if (in) reply(x, 200, "<h1>welcome</h1>");
    else reply(x, 302, "", "Location", "/login");
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  @Test
  void aCookieThatOnlyOneTargetLosesIsTheFirstDivergenceAndItsFindingIsOnlyOnThatSide() throws IOException {
    try (App a = app("; SameSite=Lax"); App b = app("; SameSite=None")) {
      String[] flow = {"--login", "/login", "--user", "u@example.com", "--password-env", "PW", "--protected", "/home",
          "--refresh", "2"};
      Run json = run(concat(new String[] {"diff", a.url("/"), b.url("/"), "--format", "json"}, flow));
      assertThat(json.code()).as(json.err()).isEqualTo(1);
      JsonNode root = new ObjectMapper().readTree(json.out());
      assertThat(root.get("schema").asText()).isEqualTo("authdoctor/1");
      assertThat(root.get("command").asText()).isEqualTo("diff");
      JsonNode diff = root.get("diff");
      JsonNode first = diff.get("first_divergence");
      assertThat(first.get("label").asText()).isEqualTo("login");
      assertThat(StreamSupport.stream(first.get("differences").spliterator(), false).map(d -> d.get("aspect").asText()))
          .contains("cookie sid", "cookie sid SameSite");
      assertThat(texts(diff.get("only_b"))).containsExactly("cookie.samesite-none-insecure");
      assertThat(texts(diff.get("only_a"))).isEmpty();
      assertThat(root.get("targets").get(0).get("summary").get("error").asInt()).isZero();
      // Every finding's evidence names its target; its step is a step of the combined trace.
      JsonNode finding = root.get("findings").get(0);
      assertThat(finding.get("evidence").get(0).get("facts").get("target").asText()).isEqualTo("B");
      int step = finding.get("evidence").get(0).get("location").get("step").asInt();
      assertThat(root.get("steps").get(step - 1).get("target").asText()).isEqualTo("B");

      Run text = run(concat(new String[] {"diff", a.url("/"), b.url("/")}, flow));
      assertThat(text.code()).isEqualTo(1);
      assertThat(text.out()).contains("They diverge first at \"login\"", "First divergence: login",
          "Only on B", "cookie.samesite-none-insecure", "The flow side by side");
      // Root cause first: the divergence, then the finding that explains it, before the table.
      assertThat(text.out().indexOf("First divergence")).isLessThan(text.out().indexOf("ERROR  cookie.samesite-none-insecure"));
      assertThat(text.out().indexOf("ERROR  cookie.samesite-none-insecure")).isLessThan(text.out().indexOf("The flow side by side"));
      for (Run r : List.of(json, text)) {
        assertThat(r.out() + r.err()).doesNotContain(ProbeCommandTest.PASSWORD).doesNotContain("c4n4ry-session");
      }
    }
  }

  @Test
  void theSameTargetTwiceDoesNotDivergeAndExitsZero() throws IOException {
    try (App a = app("; SameSite=Lax")) {
      Run r = run("diff", a.url("/"), a.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--protected", "/home", "--refresh", "1");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).contains("The flow is the same on both").doesNotContain("First divergence");
    }
  }

  @Test
  void urlsOnTheOriginOfATargetAreUsedOnTheOtherTargetsOrigin() throws IOException {
    try (App a = app("; SameSite=Lax"); App b = app("; SameSite=Lax")) {
      Run r = run("diff", a.url("/"), b.url("/"), "--login", a.url("/login"), "--user", "u@example.com", "--password-env", "PW",
          "--protected", a.url("/home"), "--refresh", "0", "--format", "json");
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode steps = new ObjectMapper().readTree(r.out()).get("steps");
      List<String> bUrls = StreamSupport.stream(steps.spliterator(), false)
          .filter(s -> s.get("target").asText().equals("B") && s.has("url")).map(s -> s.get("url").asText()).toList();
      assertThat(bUrls).isNotEmpty().allSatisfy(u -> assertThat(u).startsWith(b.url("/")));
    }
  }

  @Test
  void bLogsInWithItsOwnAccountWhenGivenOne() throws IOException {
    List<String> users = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (App a = app("; SameSite=Lax"); App b = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> {
          users.add(new String(x.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8));
          reply(x, 302, "", "Location", "/home", "Set-Cookie", SESSION + "; Path=/; HttpOnly; SameSite=Lax");
        },
        "GET /home", DiffCommandTest::home))) {
      Run r = run("diff", a.url("/"), b.url("/"), "--login", "/login", "--user", "dev@localhost", "--password-env", "PW",
          "--user-b", "qa@example.com", "--password-env-b", "PW_B", "--protected", "/home", "--refresh", "0");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(users).singleElement().satisfies(body -> assertThat(body).contains("email=qa%40example.com", "pw=" + PASSWORD_B));
      assertThat(r.out() + r.err()).doesNotContain(PASSWORD_B).doesNotContain(ProbeCommandTest.PASSWORD);
    }
  }

  @Test
  void anUnreachableTargetIsNamedAndExitsThree() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (App a = app("")) {
      Run r = run("diff", a.url("/"), "http://127.0.0.1:" + port + "/", "--max-time", "5");
      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err()).startsWith("authdoctor: B (http://127.0.0.1:" + port + "/) is unreachable").doesNotContain("Exception");
    }
  }

  @Test
  void aTargetThatNeverAnswersEndsWithinMaxTimeAndIsNamed() throws IOException {
    try (App a = app(""); RawServer silent = new RawServer(s -> s.getInputStream().readAllBytes())) {
      long start = System.nanoTime();
      Run r = run("diff", a.url("/"), silent.url("/").toString(), "--max-time", "1");
      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err()).startsWith("authdoctor: B (").contains("unreachable").doesNotContain("Exception");
      assertThat(java.time.Duration.ofNanos(System.nanoTime() - start)).isLessThan(java.time.Duration.ofSeconds(10));
    }
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    Run perTarget = run("diff", "http://localhost:5000/", "https://app.example.com/", "--direct", "http://127.0.0.1:8000");
    assertThat(perTarget.code()).isEqualTo(2);
    assertThat(perTarget.err()).contains("--direct").contains("authdoctor probe").doesNotContain("Exception");
    assertThat(perTarget.err().strip().lines()).hasSize(1);
    Run badResolve = run("diff", "http://localhost:5000/", "https://app.example.com/", "--resolve-b", "app.example.com");
    assertThat(badResolve.code()).isEqualTo(2);
    assertThat(badResolve.err()).contains("--resolve-b");
    Run halfB = run("diff", "http://localhost:5000/", "https://app.example.com/", "--user", "u", "--password-env", "PW",
        "--user-b", "v");
    assertThat(halfB.code()).isEqualTo(2);
    assertThat(halfB.err()).contains("--password-env-b");
    Run oneUrl = run("diff", "http://localhost:5000/");
    assertThat(oneUrl.code()).isEqualTo(2);
    assertThat(oneUrl.err()).contains("URL_B");
    Run badUrl = run("diff", "http://localhost:5000/", "ftp://x/");
    assertThat(badUrl.code()).isEqualTo(2);
    assertThat(badUrl.err()).contains("URL_B");
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
