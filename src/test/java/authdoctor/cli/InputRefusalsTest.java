package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.FORM;
import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small refusals and messages: a password in a URL, an empty password, an --output directory that does
 * not exist, messages that named internals or contradicted themselves, duplicate --instance URLs, and an
 * HTTP/1.0 server whose login works.
 */
class InputRefusalsTest {
  private static final String URL_PASSWORD = "url-pw-c4n4ry-0042";

  private static void assertOneLineUsageError(Run r) {
    assertThat(r.code()).as(r.out() + r.err()).isEqualTo(2);
    assertThat(r.err().lines().filter(l -> !l.startsWith("Try ")).count()).as(r.err()).isEqualTo(1);
    assertThat(r.out() + r.err()).doesNotContain(URL_PASSWORD, "Exception", "\tat ");
  }

  @Test
  void aPasswordInTheTargetUrlIsRefusedAndNeverPrinted() {
    for (String[] args : new String[][] {
        {"probe", "http://alice:" + URL_PASSWORD + "@127.0.0.1:9/"},
        {"diff", "http://127.0.0.1:9/", "http://alice:" + URL_PASSWORD + "@127.0.0.1:9/"},
        {"probe", "http://127.0.0.1:9/", "--direct", "http://alice:" + URL_PASSWORD + "@127.0.0.1:9/"},
        {"probe", "http://alice:" + URL_PASSWORD + "@127.0.0.1:bad/"}}) {
      Run r = run(args);
      assertOneLineUsageError(r);
      assertThat(r.err()).contains("…@127.0.0.1");
    }
    assertThat(run("probe", "http://alice:" + URL_PASSWORD + "@127.0.0.1:9/").err()).contains("no user or password in the URL");
  }

  @Test
  void anEmptyPasswordIsRefused(@TempDir Path dir) throws IOException {
    Path empty = Files.writeString(dir.resolve("pw"), "\n");
    Run file = run("probe", "http://127.0.0.1:9/", "--user", "u", "--password-file", empty.toString());
    assertOneLineUsageError(file);
    assertThat(file.err()).contains("--password-file", "empty");
    Run missing = run("probe", "http://127.0.0.1:9/", "--user", "u", "--password-file", dir.resolve("nope").toString());
    assertOneLineUsageError(missing);
    assertThat(missing.err()).contains("no such file").doesNotContain("NoSuchFile");
  }

  @Test
  void anOutputDirectoryThatDoesNotExistIsAnErrorNotCreated(@TempDir Path dir) {
    Path target = dir.resolve("nonexistent").resolve("dir").resolve("x.txt");
    Run r = run("cookie", "sid=abc; Path=/", "--url", "https://app.example.com/", "-o", target.toString());
    assertOneLineUsageError(r);
    assertThat(r.err()).contains("does not exist");
    assertThat(dir.resolve("nonexistent")).doesNotExist();
  }

  @Test
  void messagesNameNeitherInternalsNorContradictThemselves(@TempDir Path dir) throws IOException {
    Run jwt = run("jwt", "e30.!!!.x");
    assertThat(jwt.out() + jwt.err()).doesNotContain("found 3 part(s)").contains("'!' is not a base64url character");
    Run store = run("probe", "http://127.0.0.1:9/", "--store", "mysql://x");
    assertOneLineUsageError(store);
    assertThat(store.err()).contains("redis://HOST:PORT").doesNotContain("PASSWORD@");
    Path deep = Files.writeString(dir.resolve("deep.yaml"), "[".repeat(60) + "]".repeat(60));
    Run scenario = run("cookie", "--scenario", deep.toString());
    assertOneLineUsageError(scenario);
    assertThat(scenario.err()).contains("50").doesNotContain("StreamReadConstraints", "getMaxNestingDepth");
  }

  @Test
  void anInstanceGivenTwiceIsReplayedOnce() throws IOException {
    AtomicInteger hits = new AtomicInteger();
    try (App app = new App(Map.of(
            "GET /login", x -> reply(x, 200, FORM),
            "POST /login", x -> reply(x, 302, "", "Location", "/home", "Set-Cookie", "sid=0123456789abcdef01; Path=/"),
            "GET /home", x -> reply(x, 200, "<h1>hi</h1>")));
        App instance = new App(Map.of("GET /home", x -> {
          hits.incrementAndGet();
          reply(x, 200, "<h1>hi</h1>");
        }))) {
      String[] flow = {"probe", app.url("/"), "--login", "/login", "--user", "u", "--password-env", "PW", "--protected",
          "/home", "--refresh", "0", "-q", "--instance", instance.url("/")};
      run(flow);
      int once = hits.getAndSet(0);
      assertThat(once).isPositive();
      String[] twice = java.util.Arrays.copyOf(flow, flow.length + 2);
      twice[flow.length] = "--instance";
      twice[flow.length + 1] = instance.url("/");
      run(twice);
      assertThat(hits.get()).isEqualTo(once);
    }
  }

  @Test
  void anHttp10ServerThatClosesEveryConnectionLogsIn() throws IOException {
    // Python's http.server: HTTP/1.0, Content-Length, no Connection header, the connection closed after each answer.
    try (RawServer server = new RawServer(s -> {
      String head = RawServer.readHead(s);
      if (head.isEmpty()) return;
      RawServer.readBody(s, head);
      String request = head.substring(0, head.indexOf("\r\n"));
      boolean session = head.contains("sid=0123456789abcdef01");
      String response = request.startsWith("POST /login")
          ? "HTTP/1.0 302 Found\r\nLocation: /home\r\nSet-Cookie: sid=0123456789abcdef01; Path=/; HttpOnly\r\nContent-Length: 0\r\n\r\n"
          : request.startsWith("GET /home") && session ? page("<h1>welcome</h1>")
          : request.startsWith("GET /home") ? "HTTP/1.0 302 Found\r\nLocation: /login\r\nContent-Length: 0\r\n\r\n"
          : page(FORM);
      s.getOutputStream().write(response.getBytes(StandardCharsets.ISO_8859_1));
      s.close();
    })) {
      Run r = run("probe", server.url("/").toString(), "--login", "/login", "--user", "u", "--password-env", "PW",
          "--protected", "/home", "--refresh", "3", "-q");
      assertThat(r.code()).as(r.out() + r.err()).isZero();
      assertThat(r.out()).doesNotContain("closed the connection").contains("signed in");
    }
  }

  private static String page(String body) {
    return "HTTP/1.0 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length() + "\r\n\r\n" + body;
  }
}
