package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.PASSWORD;
import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.report.Format;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Redaction never corrupts a report: cookie values a report is made of ({@code null}, {@code true},
 * {@code 0}, a one-letter CSRF value) go through every command and output format, every JSON output
 * parses, and the canary password still appears nowhere.
 */
class ReportIntegrityTest {
  /** A Starlette-like app: the login sets short cookies, the logout deletes the session with {@code session=null}. */
  private static App starlette() throws IOException {
    return new App(Map.of(
        "GET /login", x -> reply(x, 200, "<form method=post action=/login><input type=hidden name=csrf value=a>"
            + "<input name=email><input name=pw type=password></form>", "Set-Cookie", "csrftoken=a; Path=/"),
        "POST /login", x -> {
          x.getResponseHeaders().add("Set-Cookie", "session=c4n4ry-s3ssion-0123456789; Path=/; HttpOnly");
          x.getResponseHeaders().add("Set-Cookie", "remember=true; Path=/");
          x.getResponseHeaders().add("Set-Cookie", "visits=0; Path=/");
          x.getResponseHeaders().add("Set-Cookie", "consent=1; Path=/");
          reply(x, 302, "", "Location", "/home");
        },
        "GET /home", x -> {
          boolean in = String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("session=c4n4ry");
          if (in) reply(x, 200, "<h1>welcome</h1>");
          else reply(x, 302, "", "Location", "/login");
        },
        "POST /logout", x -> reply(x, 302, "", "Location", "/login",
            "Set-Cookie", "session=null; Path=/; Max-Age=0; expires=Thu, 01 Jan 1970 00:00:00 GMT")));
  }

  private static final String[] FLOW = {"--login", "/login", "--user", "u@example.com", "--password-env", "PW",
      "--protected", "/home", "--logout", "/logout", "--refresh", "1", "-q"};

  @Test
  void shortCookieValuesGoThroughProbeAndDiffInEveryFormat() throws IOException {
    try (App app = starlette(); App other = starlette()) {
      for (Format f : Format.values()) {
        List<String> probe = new ArrayList<>(List.of("probe", app.url("/"), "--format", f.toString()));
        probe.addAll(List.of(FLOW));
        assertIntact(f, run(probe.toArray(String[]::new)));
        List<String> diff = new ArrayList<>(List.of("diff", app.url("/"), other.url("/"), "--trace", "--format", f.toString()));
        diff.addAll(List.of(FLOW));
        assertIntact(f, run(diff.toArray(String[]::new)));
      }
    }
  }

  @Test
  void shortCookieValuesGoThroughTheCookieCommandInEveryFormat() throws IOException {
    for (Format f : Format.values()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new String[] {"cookie", "-", "--url", "https://app.example.com/logout", "--format", f.toString()},
          "HTTP/1.1 302 Found\r\nSet-Cookie: session=null; Path=/; Max-Age=0\r\nSet-Cookie: ok=true; Path=/\r\n"
              + "Set-Cookie: n=0; Path=/\r\n\r\n", new PrintWriter(out), new PrintWriter(err));
      assertIntact(f, new Run(code, out.toString(), err.toString()));
    }
  }

  private static void assertIntact(Format f, Run r) throws IOException {
    assertThat(r.code()).as(r.err()).isLessThan(2);
    assertThat(r.out()).doesNotContain(PASSWORD, "c4n4ry-s3ssion-0123456789")
        // A short value is redacted only as a value: after "name=", "Header: " or as a whole JSON string.
        .doesNotContainPattern("(?<![=\"]|: )‹redacted [0-7] chars fp:");
    if (f.toString().equals("json") || f.toString().equals("sarif")) {
      assertThatCode(() -> new ObjectMapper().readTree(r.out())).as(f + " output parses").doesNotThrowAnyException();
      JsonNode root = new ObjectMapper().readTree(r.out());
      // authdoctor/1 keeps its JSON nulls (a value "null" must not have replaced them); SARIF has none.
      if (f.toString().equals("json")) assertThat(root.toString()).contains("null");
    }
  }
}
