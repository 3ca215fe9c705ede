package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.RawServer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/** {@code authdoctor probe}: usage, unreachable and hostile targets, and small flows on plain http. */
class ProbeCommandTest {
  static final String PASSWORD = "canary-secret-83a0c1";

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), Map.of("PW", PASSWORD, "PW_B", "canary-b-5f1e0a77"), false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  /** A tiny app on plain http: handlers by "METHOD /path". */
  static final class App implements AutoCloseable {
    interface Handler {
      void handle(HttpExchange x) throws IOException;
    }

    final HttpServer server;

    App(Map<String, Handler> routes) throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", x -> {
        try (x) {
          Handler h = routes.get(x.getRequestMethod() + " " + x.getRequestURI().getPath());
          if (h == null) reply(x, 404, "");
          else h.handle(x);
        }
      });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static void reply(HttpExchange x, int status, String body, String... headers) throws IOException {
    x.getRequestBody().readAllBytes();
    for (int i = 0; i < headers.length; i += 2) x.getResponseHeaders().add(headers[i], headers[i + 1]);
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) {
      try (OutputStream o = x.getResponseBody()) {
        o.write(b);
      }
    }
  }

  static final String FORM = "<form method=post action=/login><input name=email type=email>"
      + "<input name=pw type=password></form>";

  private static List<String> ids(Run r) throws IOException {
    JsonNode root = new ObjectMapper().readTree(r.out());
    return StreamSupport.stream(root.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
  }

  @Test
  void refusedConnectionIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Run r = run("probe", "http://127.0.0.1:" + port + "/", "--max-time", "5");
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("authdoctor: http://127.0.0.1:" + port + "/ is unreachable").doesNotContain("Exception");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void aServerThatNeverAnswersEndsWithinMaxTime() throws IOException {
    try (RawServer silent = new RawServer(s -> s.getInputStream().readAllBytes())) {
      long start = System.nanoTime();
      Run r = run("probe", silent.url("/").toString(), "--max-time", "1");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err()).contains("unreachable");
      assertThat(took).isLessThan(Duration.ofSeconds(10));
    }
  }

  @Test
  void aSlowServerCannotStretchTheRunPastMaxTime() throws IOException {
    // The login page comes after most of --max-time, then the login POST never answers: with each request
    // bounded by --max-time alone the run would last ≈ 1.9 × --max-time (7.5 s here).
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    try (RawServer slow = new RawServer(s -> {
      while (true) {
        String head = RawServer.readHead(s);
        if (!head.startsWith("GET ")) break;
        await(release, Duration.ofMillis(3500));
        byte[] body = FORM.getBytes(StandardCharsets.UTF_8);
        OutputStream o = s.getOutputStream();
        o.write(("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length + "\r\n\r\n")
            .getBytes(StandardCharsets.ISO_8859_1));
        o.write(body);
        o.flush();
      }
      await(release, Duration.ofSeconds(30));
    })) {
      long start = System.nanoTime();
      Run r = run("probe", slow.url("/").toString(), "--user", "u@example.com", "--password-env", "PW",
          "--max-time", "4", "--format", "json");
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      release.countDown();
      assertThat(r.code()).isEqualTo(3);
      assertThat(r.err()).contains("longer than --max-time");
      JsonNode login = StreamSupport.stream(new ObjectMapper().readTree(r.out()).get("steps").spliterator(), false)
          .filter(s -> s.path("label").asText().equals("login")).findFirst().orElseThrow();
      assertThat(login.get("error").asText()).contains("(what was left of --max-time 4s)");
      assertThat(took).isLessThan(Duration.ofMillis(6500)); // generous: the bound is 4 s, the old worst case 7.5 s
    }
  }

  private static void await(java.util.concurrent.CountDownLatch latch, Duration d) {
    try {
      latch.await(d.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Test
  void aLoginPageRenderedByJavaScriptStopsWithTheFlagsThatHelpAndSendsNoCredential() throws IOException {
    java.util.concurrent.atomic.AtomicInteger posts = new java.util.concurrent.atomic.AtomicInteger();
    String shell = "<!doctype html><html><body><div id=root></div><script src=/app.js></script></body></html>";
    try (App app = new App(Map.of("GET /login", x -> reply(x, 200, shell, "Content-Type", "text/html"),
        "POST /login", x -> {
          posts.incrementAndGet();
          reply(x, 200, "");
        },
        "GET /", x -> reply(x, 200, shell, "Content-Type", "text/html")))) {
      Run r = run("probe", app.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--format", "json");
      assertThat(r.code()).isEqualTo(3);
      assertThat(ids(r)).isEmpty();
      assertThat(posts.get()).isZero();
      assertThat(r.err()).contains("no login form at " + app.url("/login") + ": the page is rendered by JavaScript")
          .contains("--login-json").contains("--browser chromium");
    }
  }

  @Test
  void endlessRedirectsAreALoopNotAHang() throws IOException {
    try (App app = new App(Map.of("GET /", x -> reply(x, 302, "", "Location", "/"),
        "GET /login", x -> reply(x, 302, "", "Location", "/login")))) {
      Run r = run("probe", app.url("/"), "--format", "json");
      // The loop is the finding (redirect.loop, exit 1), and the run says the login was not attempted.
      assertThat(r.code()).isEqualTo(1);
      assertThat(ids(r)).contains("redirect.loop");
      assertThat(r.out() + r.err()).contains("redirect loop").contains("10 hops");
    }
  }

  @Test
  void tenMegabytesOfHeadersAreRefusedInBoundedTime() throws IOException {
    try (RawServer huge = new RawServer(s -> {
      s.getInputStream().read(new byte[4096]);
      OutputStream o = s.getOutputStream();
      o.write("HTTP/1.1 200 OK\r\n".getBytes(StandardCharsets.ISO_8859_1));
      byte[] line = ("X-Filler: " + "a".repeat(1000) + "\r\n").getBytes(StandardCharsets.ISO_8859_1);
      for (int i = 0; i < 10_000; i++) o.write(line);
      o.write("\r\n".getBytes(StandardCharsets.ISO_8859_1));
    })) {
      long start = System.nanoTime();
      Run r = run("probe", huge.url("/").toString(), "--max-time", "5");
      assertThat(r.code()).isEqualTo(3);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(15));
    }
  }

  @Test
  void aSuccessfulLoginWithoutCookieOrTokenIsCookieMissing() throws IOException {
    try (App app = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 302, "", "Location", "/home"),
        "GET /home", x -> reply(x, 302, "", "Location", "/login")))) {
      Run r = run("probe", app.url("/"), "--user", "u@example.com", "--password-env", "PW", "--format", "json");
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(ids(r)).contains("cookie.missing");
      assertThat(r.out()).doesNotContain(PASSWORD);
    }
  }

  @Test
  void theFormIsPostedWithItsOwnFieldNamesAndCsrfToken() throws IOException {
    List<String> bodies = new ArrayList<>();
    try (App app = new App(Map.of(
        "GET /login", x -> reply(x, 200, "<form method=post action=/session><input type=hidden name=_csrf value=tok123>"
            + "<input name=login_email><input type=password name=secret></form>", "Set-Cookie", "JSESSIONID=abcdef0123456789abcdef; Path=/; HttpOnly"),
        "POST /session", x -> {
          bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          reply(x, 302, "", "Location", "/app");
        },
        "GET /app", x -> {
          boolean session = String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("JSESSIONID=");
          if (session) reply(x, 200, "<h1>hi</h1>");
          else reply(x, 302, "", "Location", "/login");
        }))) {
      Run r = run("probe", app.url("/"), "--user", "u@example.com", "--password-env", "PW", "--refresh", "0",
          "--form-field", "remember=1");
      assertThat(r.code()).as(r.out()).isZero();
      assertThat(bodies).hasSize(1);
      assertThat(bodies.get(0)).contains("_csrf=tok123", "login_email=u%40example.com", "secret=" + PASSWORD, "remember=1");
      assertThat(r.out()).doesNotContain(PASSWORD).doesNotContain("tok123");
    }
  }

  @Test
  void credentialedCrossOriginCallWithoutAllowCredentials() throws IOException {
    try (App app = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 302, "", "Location", "/api/me", "Set-Cookie", "sid=0123456789abcdef01234567; Path=/; HttpOnly; SameSite=Lax"),
        "GET /api/me", x -> {
          boolean session = String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("sid=");
          reply(x, session ? 200 : 401, "{\"me\":1}", "Access-Control-Allow-Origin", "http://127.0.0.1:3000", "Vary", "Origin");
        },
        "OPTIONS /api/me", x -> reply(x, 204, "", "Access-Control-Allow-Origin", "http://127.0.0.1:3000",
            "Access-Control-Allow-Credentials", "true", "Access-Control-Allow-Headers", "Content-Type")))) {
      Run r = run("probe", app.url("/"), "--user", "u@example.com", "--password-env", "PW", "--refresh", "0",
          "--frontend-origin", "http://127.0.0.1:3000", "--format", "json");
      assertThat(ids(r)).contains("cors.credentials-not-allowed").doesNotContain("cors.origin-not-allowed", "cors.header-not-allowed");
    }
  }

  @Test
  void usageErrorsAreOneLineAndExitTwo() {
    assertThat(run("probe", "ftp://x/").code()).isEqualTo(2);
    Run noPassword = run("probe", "https://app.example.com/", "--user", "u");
    assertThat(noPassword.code()).isEqualTo(2);
    assertThat(noPassword.err()).contains("--password-env");
    Run unset = run("probe", "https://app.example.com/", "--user", "u", "--password-env", "NOT_SET");
    assertThat(unset.err()).contains("NOT_SET").contains("not set");
    Run badResolve = run("probe", "https://app.example.com/", "--resolve", "nonsense");
    assertThat(badResolve.code()).isEqualTo(2);
    assertThat(badResolve.err()).startsWith("authdoctor: --resolve");
    Run twoWays = run("probe", "https://app.example.com/", "--user", "u", "--password-env", "PW", "--password-stdin");
    assertThat(twoWays.code()).isEqualTo(2);
  }

  @Test
  void thePasswordComesFromAFileOrStdinToo(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws IOException {
    List<String> bodies = new CopyOnWriteArrayList<>();
    try (App app = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> {
          bodies.add(new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          reply(x, 302, "", "Location", "/login?error=1");
        }))) {
      java.nio.file.Path file = dir.resolve("pw");
      java.nio.file.Files.writeString(file, "from-file-secret-1\nsecond line ignored\n");
      Run fromFile = run("probe", app.url("/"), "--user", "u", "--password-file", file.toString(), "--refresh", "0");
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new String[] {"probe", app.url("/"), "--user", "u", "--password-stdin", "--refresh", "0"},
          new Io(new java.io.ByteArrayInputStream("from-stdin-secret-2\r\n".getBytes(StandardCharsets.UTF_8)),
              new PrintWriter(out), new PrintWriter(err), Map.of(), false));
      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(0)).endsWith("pw=from-file-secret-1");
      assertThat(bodies.get(1)).endsWith("pw=from-stdin-secret-2");
      // The login fails (back to the login page): the run is incomplete, and says why on stderr.
      assertThat(fromFile.code()).isEqualTo(3);
      assertThat(code).isEqualTo(3);
      assertThat(fromFile.err()).contains("the login did not succeed");
      assertThat(fromFile.out() + fromFile.err() + out + err).doesNotContain("from-file-secret-1", "from-stdin-secret-2");
    }
  }

  /** A form login that sets {@code sid=abc}; the dashboard accepts it until {@code restarted} exists. */
  private static App restartableApp(java.nio.file.Path restarted) throws IOException {
    return new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 302, "", "Set-Cookie", "sid=abc; Path=/; HttpOnly", "Location", "/dash"),
        "GET /dash", x -> {
          String cookie = x.getRequestHeaders().getFirst("Cookie");
          boolean in = cookie != null && cookie.contains("sid=abc") && !java.nio.file.Files.exists(restarted);
          if (in) reply(x, 200, "<h1>Signed in</h1>");
          else reply(x, 302, "", "Location", "/login");
        }));
  }

  @Test
  void sessionRefusedAfterTheRestartCommandIsLostOnRestart(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    java.nio.file.Path restarted = dir.resolve("restarted");
    try (App app = restartableApp(restarted)) {
      Run r = run("probe", app.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--protected", "/dash", "--refresh", "0", "--format", "json", "--quiet",
          "--restart-command", "touch '" + restarted + "'");
      assertThat(java.nio.file.Files.exists(restarted)).as(r.err()).isTrue();
      assertThat(ids(r)).contains("session.lost-on-restart");
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.out()).contains("after restart").doesNotContain(PASSWORD);
    }
  }

  /** An HS256 token that expired ten minutes ago, as some login APIs hand them out from a cache. */
  static String expiredToken() throws Exception {
    java.time.Instant now = java.time.Instant.now();
    com.nimbusds.jwt.SignedJWT jwt = new com.nimbusds.jwt.SignedJWT(
        new com.nimbusds.jose.JWSHeader(com.nimbusds.jose.JWSAlgorithm.HS256),
        new com.nimbusds.jwt.JWTClaimsSet.Builder().subject("u1").issueTime(java.util.Date.from(now.minusSeconds(1200)))
            .expirationTime(java.util.Date.from(now.minusSeconds(600))).build());
    jwt.sign(new com.nimbusds.jose.crypto.MACSigner("k".repeat(32).getBytes(StandardCharsets.UTF_8)));
    return jwt.serialize();
  }

  @Test
  void tokenAtAGivenJsonPathIsSentToTheApiAndItsRefusalExplained() throws Exception {
    String token = expiredToken();
    List<String> seen = new CopyOnWriteArrayList<>();
    try (App app = new App(Map.of(
        "POST /api/login", x -> reply(x, 200, "{\"data\":{\"session\":{\"bearer\":\"" + token + "\"}}}",
            "Content-Type", "application/json"),
        "GET /api/me", x -> {
          String auth = x.getRequestHeaders().getFirst("Authorization");
          seen.add(String.valueOf(auth));
          reply(x, 401, "", "WWW-Authenticate",
              "Bearer error=\"invalid_token\", error_description=\"Jwt expired at 2026-01-01T00:00:00Z\"");
        }))) {
      Run r = run("probe", app.url("/"), "--login", "/api/login", "--login-json", "{\"u\":\"{user}\",\"p\":\"{password}\"}",
          "--user", "u1", "--password-env", "PW", "--token-path", "json:$.data.session.bearer", "--api", "/api/me",
          "--refresh", "0", "--format", "json");
      assertThat(seen).as("the API got the token as a bearer").contains("Bearer " + token);
      assertThat(ids(r)).as(r.out()).contains("jwt.expired").doesNotContain("cookie.missing");
      assertThat(r.out() + r.err()).doesNotContain(token).doesNotContain(token.substring(token.lastIndexOf('.') + 1))
          .doesNotContain(PASSWORD);
      assertThat(r.out()).contains("the login answered a token, not a session cookie");
    }
  }

  @Test
  void aFailingRestartCommandIsAProblemNotAFinding(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws IOException {
    try (App app = restartableApp(dir.resolve("never"))) {
      Run r = run("probe", app.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--protected", "/dash", "--refresh", "0", "--format", "json", "--quiet", "--restart-command", "exit 7");
      assertThat(ids(r)).doesNotContain("session.lost-on-restart");
      assertThat(r.out()).contains("--restart-command exit 7");
    }
  }

  @Test
  void aStoreThatRefusesConnectionsIsUnreachable() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    try (App app = new App(Map.of("GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 500, "Internal Server Error")))) {
      Run r = run("probe", app.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--refresh", "0", "--format", "json", "--quiet", "--store", "redis://127.0.0.1:" + port + "/0");
      assertThat(ids(r)).contains("session.store-unreachable");
      assertThat(r.out()).contains("connection refused").contains("500");
    }
  }

  @Test
  void aStoreThatAnswersPongIsNotReported() throws IOException {
    try (RawServer redis = new RawServer(s -> {
      byte[] buf = new byte[256];
      s.getInputStream().read(buf);
      s.getOutputStream().write("+PONG\r\n".getBytes(StandardCharsets.US_ASCII));
      s.getOutputStream().flush();
    }); App app = new App(Map.of("GET /login", x -> reply(x, 200, FORM),
        "POST /login", x -> reply(x, 500, "Internal Server Error")))) {
      Run r = run("probe", app.url("/"), "--login", "/login", "--user", "u@example.com", "--password-env", "PW",
          "--refresh", "0", "--format", "json", "--quiet", "--store", "redis://127.0.0.1:" + redis.url("/").getPort());
      assertThat(ids(r)).doesNotContain("session.store-unreachable");
      assertThat(r.out()).contains("PONG");
    }
  }

  @Test
  void aStorePasswordOnTheCommandLineIsRefused() {
    Run r = run("probe", "http://127.0.0.1:1/", "--store", "redis://:hunter2-store@127.0.0.1:6379/0");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--store: no password on the command line").doesNotContain("hunter2-store");
  }

  @Test
  void tokenPathMustBeAJsonPath() {
    Run r = run("probe", "http://127.0.0.1:9/", "--token-path", "$.x");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--token-path");
  }
}
