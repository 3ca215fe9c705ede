package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.PASSWORD;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.testing.RawServer;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;
import org.junit.jupiter.api.AutoClose;
import org.junit.jupiter.api.Test;

/**
 * Credentials never leave the origins the user named: a hostile target redirects the login, or points its
 * form, at another server on loopback (an origin not named on the command line), and the assertions read
 * that receiving server's own log of what arrived.
 */
class CredentialsOnTheWireTest {
  private static final String TOKEN = "Bearer canary-token-6d2f9e1b";
  static final String FORM = "<form method=post action=/login><input name=email type=email>"
      + "<input name=pw type=password></form>";

  /** Every request a server received: the head and the body, as bytes arrived. */
  record Logged(RawServer server, List<String> requests) implements AutoCloseable {
    String all() {
      return String.join("\n", requests);
    }

    @Override
    public void close() throws IOException {
      server.close();
    }
  }

  /** A server that logs each request and answers {@code respond(method + " " + target)}. */
  static Logged server(Function<String, String> respond) throws IOException {
    List<String> log = new CopyOnWriteArrayList<>();
    RawServer s = new RawServer(socket -> {
      String head = RawServer.readHead(socket);
      String body = body(socket, head);
      log.add(head + body);
      String method = head.substring(0, head.indexOf(' '));
      String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      socket.getOutputStream().write(respond.apply(method + " " + target).getBytes(StandardCharsets.UTF_8));
      socket.close();
    });
    return new Logged(s, log);
  }

  private static String body(Socket s, String head) throws IOException {
    int cl = head.toLowerCase(Locale.ROOT).indexOf("content-length:");
    if (cl < 0) return "";
    int n = Integer.parseInt(head.substring(cl + 15, head.indexOf('\r', cl)).strip());
    return new String(s.getInputStream().readNBytes(n), StandardCharsets.UTF_8);
  }

  static String answer(String status, String headers, String body) {
    return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n" + body;
  }

  /** The other origin: a login form of its own and a welcome page for anyone. */
  @AutoClose Logged other = serverUnchecked(r -> r.startsWith("GET /elsewhere") ? answer("200 OK", "", FORM)
      : answer("200 OK", "", "<h1>welcome</h1>"));

  private static Logged serverUnchecked(Function<String, String> respond) {
    try {
      return server(respond);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private String elsewhere(String path) {
    return other.server().url(path).toString();
  }

  /** The target: {@code login} answers the login page and POST by request line; anything else is a 401. */
  private Logged target(Map<String, String> answers) throws IOException {
    return server(r -> answers.getOrDefault(r, answer("401 Unauthorized", "", "no")));
  }

  private static Run probe(Logged target, String... more) {
    List<String> args = new ArrayList<>(List.of("probe", target.server().url("/").toString(), "--login", "/login",
        "--user", "u@example.com", "--password-env", "PW", "--protected", "/home", "--refresh", "2", "-q",
        "--format", "json", "--max-time", "60s"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void aLoginAnswered307Or308ToAnotherHostDoesNotResendThePassword() throws IOException {
    for (String status : List.of("307 Temporary Redirect", "308 Permanent Redirect")) {
      try (Logged t = target(Map.of("GET /login", answer("200 OK", "", FORM),
          "POST /login", answer(status, "Location: " + elsewhere("/collect") + "\r\n", "")))) {
        Run r = probe(t);
        assertThat(t.all()).as("the target got the login").contains("POST /login").contains(PASSWORD);
        assertThat(other.all()).as(status).doesNotContain(PASSWORD).doesNotContain("POST ");
        assertThat(r.out()).contains("redirect.login-cross-origin").doesNotContain(PASSWORD);
      }
    }
  }

  @Test
  void a302ToAnotherHostCarriesNeitherThePasswordNorTheUsersAuthorization() throws IOException {
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", FORM),
        "POST /login", answer("302 Found", "Location: " + elsewhere("/home") + "\r\n", "")))) {
      Run r = probe(t, "-H", "Authorization: " + TOKEN);
      assertThat(t.all()).contains("Authorization: " + TOKEN);
      assertThat(other.requests()).as("the browser followed the 302 as a GET").isNotEmpty();
      assertThat(other.all()).doesNotContain(PASSWORD).doesNotContainIgnoringCase("authorization:");
      assertThat(r.out()).contains("redirect.login-cross-origin").doesNotContain(TOKEN.substring(7));
    }
  }

  @Test
  void locationTrustedLetsTheUsersAuthorizationFollowTheRedirectButNeverThePassword() throws IOException {
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", FORM),
        "POST /login", answer("302 Found", "Location: " + elsewhere("/home") + "\r\n", "")))) {
      Run r = probe(t, "-H", "Authorization: " + TOKEN, "--location-trusted");
      assertThat(other.all()).contains("Authorization: " + TOKEN).doesNotContain(PASSWORD);
      assertThat(r.out()).doesNotContain(TOKEN.substring(7));
    }
  }

  @Test
  void aLoginPageThatRedirectsToAnotherHostGetsNoPassword() throws IOException {
    for (String path : List.of("/nothing", "/elsewhere")) { // no form there; a form there
      try (Logged t = target(Map.of("GET /login", answer("302 Found", "Location: " + elsewhere(path) + "\r\n", "")))) {
        Run r = probe(t);
        assertThat(other.all()).as(path).contains("GET " + path).doesNotContain(PASSWORD).doesNotContain("POST ");
        assertThat(t.all()).doesNotContain(PASSWORD);
        assertThat(r.out()).doesNotContain(PASSWORD);
        assertThat(r.code()).as(r.err()).isNotEqualTo(2);
      }
    }
  }

  @Test
  void aFormWhoseActionIsOnAnotherHostGetsNoPassword() throws IOException {
    String form = "<form method=post action=\"" + elsewhere("/login") + "\"><input name=email type=email>"
        + "<input name=pw type=password></form>";
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", form)))) {
      Run r = probe(t);
      assertThat(other.all()).doesNotContain(PASSWORD).doesNotContain("POST ");
      assertThat(r.out()).contains("redirect.login-cross-origin").contains("not named on the command line")
          .doesNotContain(PASSWORD);
    }
  }

  @Test
  void aLoginPageWithoutAFormGetsNoPassword() throws IOException {
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", "<div id=app></div><script src=/app.js></script>")))) {
      Run r = probe(t);
      assertThat(t.all()).doesNotContain(PASSWORD).doesNotContain("POST ");
      assertThat(r.code()).as(r.err()).isNotEqualTo(2);
    }
  }
}
