package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code probe --browser}: the flag's usage errors, and the raw probe pointing to it on a login drawn by a script. */
class ProbeBrowserOptionTest {
  private static final String PASSWORD = "canary-pw-8b1f3e";

  record Run(int code, String out, String err) {}

  private static Run run(Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), env, false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void withoutChromiumInstalledItSaysHowToInstallItAndExitsTwo() {
    Run r = run(Map.of("AUTHDOCTOR_CHROMIUM", "/nonexistent/chromium", "PW", PASSWORD),
        "probe", "http://127.0.0.1:9/", "--user", "alice", "--password-env", "PW", "--browser", "chromium");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("apt-get install chromium").hasLineCount(1).doesNotContain(PASSWORD);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void onlyChromiumIsABrowser() {
    Run r = run(Map.of("PW", PASSWORD), "probe", "http://127.0.0.1:9/", "--user", "alice", "--password-env", "PW",
        "--browser", "firefox");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--browser 'firefox': only chromium is supported").hasLineCount(1);
  }

  @Test
  void theBrowserNeedsSomeoneToSignInAs() {
    Run r = run(Map.of(), "probe", "http://127.0.0.1:9/", "--browser", "chromium");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--browser chromium performs the login").hasLineCount(1);
  }

  @Test
  void aLoginPageWithoutAFormPointsToTheBrowser() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", x -> {
      byte[] page = "<!doctype html><div id=\"root\"></div><script src=\"/app.js\"></script>".getBytes(StandardCharsets.UTF_8);
      x.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
      x.sendResponseHeaders(200, page.length);
      x.getResponseBody().write(page);
      x.close();
    });
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      Run r = run(Map.of("PW", PASSWORD), "probe", base, "--login", "/login", "--user", "alice", "--password-env", "PW",
          "--format", "json", "--quiet", "--refresh", "0");
      assertThat(r.out() + r.err()).contains("--browser chromium").doesNotContain(PASSWORD);
    } finally {
      server.stop(0);
    }
  }
}
