package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.FORM;
import static authdoctor.cli.ProbeCommandTest.PASSWORD;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.testing.RawServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every run is bounded whatever a server or stdin sends: 12,000 {@code Set-Cookie} lines in one response
 * give a bounded {@code diff} and {@code probe} report (in a 256 MB heap too: each step keeps ten cookies and
 * counts the rest), {@code cookie -} refuses more lines than a
 * browser would ever keep, and running out of memory is one line and exit 70, never a stack trace.
 */
class BoundsTest {
  static final int COOKIES = 12_000;

  /** A login whose answer sets {@code cookies} cookies (c0=1 … : 245 KB of headers), one request per connection. */
  static RawServer manyCookies(int cookies) throws IOException {
    return new RawServer(s -> {
      String head = RawServer.readHead(s);
      String method = head.substring(0, head.indexOf(' '));
      String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      StringBuilder headers = new StringBuilder();
      String status = "200 OK", body = "<h1>welcome</h1>";
      if (method.equals("POST")) {
        RawServer.readBody(s, head);
        for (int i = 0; i < cookies; i++) headers.append("Set-Cookie: c").append(i).append("=1\r\n");
        headers.append("Location: /home\r\n");
        status = "302 Found";
        body = "";
      } else if (target.startsWith("/login")) {
        body = FORM;
      }
      byte[] b = body.getBytes(StandardCharsets.UTF_8);
      s.getOutputStream().write(("HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + b.length
          + "\r\nConnection: close\r\n\r\n" + body).getBytes(StandardCharsets.ISO_8859_1));
      s.close();
    });
  }

  /** The cookies' warnings make the report: /home is a page anyone gets, which proves no session and no cache fault. */
  static final String[] FLOW = {"--login", "/login", "--user", "u@example.com", "--password-env", "PW",
      "--protected", "/home", "--refresh", "0", "-q", "--max-time", "120s", "--fail-on", "warn"};

  @Test
  void diffOfTwelveThousandCookiesPerStepEndsWithABoundedReport() throws IOException {
    try (RawServer a = manyCookies(COOKIES); RawServer b = manyCookies(COOKIES)) {
      List<String> args = new ArrayList<>(List.of("diff", a.url("/").toString(), b.url("/").toString()));
      args.addAll(List.of(FLOW));
      Run r = run(args.toArray(String[]::new));
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.out().lines().count()).as("text lines").isLessThan(200);
      // Each side keeps the first cookies of a step (the rest are counted) and lists findings by id.
      assertThat(r.out()).contains("(10 findings)").doesNotContain(PASSWORD);
    }
  }

  @Test
  void cookieStdinRefusesMoreSetCookieLinesThanABrowserKeeps() {
    StringBuilder in = new StringBuilder("HTTP/1.1 200 OK\r\n");
    for (int i = 0; i < COOKIES; i++) in.append("Set-Cookie: c").append(i).append("=1; Path=/\r\n");
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = Main.run(new String[] {"cookie", "-", "--url", "https://app.example.com/"}, in.toString(),
        new PrintWriter(out), new PrintWriter(err));
    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString().lines()).singleElement().asString()
        .startsWith("authdoctor: stdin line 1002: more than 1000 Set-Cookie lines");
  }

  @Test
  void underA256MegabyteHeapDiffAndProbeEndWithABoundedReport(@TempDir Path home) throws Exception {
    try (RawServer a = manyCookies(COOKIES); RawServer b = manyCookies(COOKIES)) {
      Forked diff = fork(home, "diff", a.url("/").toString(), b.url("/").toString());
      assertThat(diff.code()).as(diff.err()).isEqualTo(1);
      assertThat(diff.out().lines().count()).isLessThan(200);
      Forked probe = fork(home, "probe", a.url("/").toString());
      assertThat(probe.code()).as(probe.err()).isEqualTo(1);
      assertThat(probe.out().lines().count()).as("text lines").isLessThan(1000);
      assertThat(probe.out()).contains("and 11,990 more cookies like these").doesNotContain(PASSWORD);
      Forked json = fork(home, "probe", a.url("/").toString(), "--format", "json");
      assertThat(json.code()).as(json.err()).isEqualTo(1);
      assertThat(new com.fasterxml.jackson.databind.ObjectMapper().readTree(json.out()).toString())
          .contains("\"cookies_set_more\":11990");
      for (Forked f : List.of(diff, probe, json)) assertThat(f.err()).doesNotContain("\tat ", "Exception in thread");
    }
  }

  record Forked(int code, String out, String err) {}

  /** Runs the command line in a new JVM with a 256 MB heap, the test's own classes on the class path. */
  static Forked fork(Path home, String... args) throws Exception {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx256m", "-XX:+UseSerialGC", "-Duser.home=" + home,
        "-cp", System.getProperty("java.class.path"), Main.class.getName()));
    cmd.addAll(List.of(args));
    cmd.addAll(List.of(FLOW));
    Path out = home.resolve("out.txt"), err = home.resolve("err.txt");
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile());
    pb.environment().put("PW", PASSWORD);
    Process p = pb.start();
    if (!p.waitFor(5, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new AssertionError("the forked run did not end");
    }
    return new Forked(p.exitValue(), Files.readString(out), Files.readString(err));
  }
}
