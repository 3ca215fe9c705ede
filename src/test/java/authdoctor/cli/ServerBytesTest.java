package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.FORM;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.Run;
import authdoctor.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/**
 * Server bytes are data: escape sequences and other control characters a server puts in {@code Location},
 * {@code Set-Cookie} names and attributes and {@code WWW-Authenticate} reach the text output of {@code
 * probe}, {@code diff} and {@code cookie -} as visible escapes, never as bytes a terminal would obey.
 */
class ServerBytesTest {
  private static final String CLEAR = "\u001b[2J\u001b]0;owned\u0007";

  /** Raw responses (a JDK HttpServer refuses such header values), one request per connection. */
  static RawServer hostile() throws IOException {
    return new RawServer(s -> {
      String head = RawServer.readHead(s);
      String target = head.substring(head.indexOf(' ') + 1, head.indexOf(' ', head.indexOf(' ') + 1));
      String method = head.substring(0, head.indexOf(' '));
      RawServer.readBody(s, head);
      String response = switch (method + " " + target) {
        case "GET /login" -> answer("200 OK", "", FORM);
        case "POST /login" -> answer("302 Found", "Set-Cookie: sid=0123456789abcdef0123; Path=/" + CLEAR + "; HttpOnly\r\n"
            + "Set-Cookie: evil\u001b[31m=1; Path=/\r\nLocation: /home?x=" + CLEAR + "\u202egnp\r\n", "");
        default -> answer("401 Unauthorized", "WWW-Authenticate: Bearer realm=\"" + CLEAR + "\u009b31m\"\r\n", "no");
      };
      s.getOutputStream().write(response.getBytes(StandardCharsets.UTF_8));
      s.close();
    });
  }

  private static String answer(String status, String headers, String body) {
    return "HTTP/1.1 " + status + "\r\n" + headers + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length
        + "\r\nConnection: close\r\n\r\n" + body;
  }

  private static final String[] FLOW = {"--login", "/login", "--user", "u@example.com", "--password-env", "PW",
      "--protected", "/home", "--refresh", "0", "-q"};

  @Test
  void probeAndDiffTextShowServerControlCharactersAsEscapes() throws IOException {
    try (RawServer a = hostile(); RawServer b = hostile()) {
      Run probe = run(concat(new String[] {"probe", a.url("/").toString()}, FLOW));
      assertSafe(probe);
      assertThat(probe.out()).contains("\\x1b[2J\\x1b]0;owned\\x07");
      Run diff = run(concat(new String[] {"diff", a.url("/").toString(), b.url("/").toString(), "--trace"}, FLOW));
      assertSafe(diff);
      assertThat(diff.out()).contains("\\x1b");
    }
  }

  @Test
  void theCookieCommandShowsControlCharactersFromStdinAsEscapes() {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"cookie", "-", "--url", "https://app.example.com/"},
        "Set-Cookie: a\u001b[2J=1; Path=/\u001b]0;x\u0007\r\nSet-Cookie: b=2; Domain=app.example.com\u202e\r\n",
        new PrintWriter(out), new PrintWriter(err));
    assertSafe(new Run(code, out.toString(), err.toString()));
    assertThat(out.toString()).contains("\\x1b");
  }

  private static void assertSafe(Run r) {
    assertThat(r.code()).as(r.err()).isLessThan(2);
    for (String s : new String[] {r.out(), r.err()}) {
      assertThat(s.codePoints().filter(cp -> cp != '\n' && (Character.isISOControl(cp)
          || Character.getType(cp) == Character.FORMAT))).as(s).isEmpty();
    }
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
