package authdoctor.cli;

import static authdoctor.cli.CredentialsOnTheWireTest.answer;
import static authdoctor.cli.CredentialsOnTheWireTest.server;
import static authdoctor.cli.ProbeCommandTest.PASSWORD;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.CredentialsOnTheWireTest.Logged;
import authdoctor.cli.ProbeCommandTest.Run;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Bytes a server sends are observations, not the user's mistake: control characters in a form's action or
 * CSRF token, a redirect to a non-HTTP URL and a login that got no answer end in a report (never exit 2),
 * saying what a browser would do, and never a diagnosis drawn from a transport artefact.
 */
class ServerBytesObservedTest {
  private static Run probe(Logged target, String... more) {
    List<String> args = new ArrayList<>(List.of("probe", target.server().url("/").toString(), "--login", "/login",
        "--user", "u@example.com", "--password-env", "PW", "--protected", "/home", "--refresh", "0", "-q",
        "--max-time", "60s"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static Logged target(Map<String, String> answers) throws IOException {
    return server(r -> answers.getOrDefault(r, answer("200 OK", "", "<h1>home</h1>")));
  }

  @Test
  void aControlCharacterInTheFormActionIsPercentEncodedAsTheBrowserDoes() throws IOException {
    String form = "<form method=post action=\"/log\u0001in\"><input name=email type=email><input name=pw type=password></form>";
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", form)))) {
      Run r = probe(t);
      assertThat(r.code()).as(r.err()).isIn(0, 1);
      assertThat(t.all()).contains("POST /log%01in ");
      assertThat(r.err()).doesNotContain("\u0001");
    }
  }

  @Test
  void aControlCharacterInTheCsrfTokenLeavesOutTheHeaderAndTheRunGoesOn() throws IOException {
    String page = "<meta name=csrf-token content=\"ab\u0007cd\r\nX-Injected: 1\">"
        + "<form method=post action=/login><input type=hidden name=csrf_token value=\"ab\u0007cd\">"
        + "<input name=email type=email><input name=pw type=password></form>";
    try (Logged t = target(Map.of("GET /login", answer("200 OK", "", page)))) {
      Run form = probe(t);
      assertThat(form.code()).as(form.err()).isIn(0, 1);
      Run json = probe(t, "--login-json", "{\"email\":\"{user}\",\"password\":\"{password}\"}");
      assertThat(json.code()).as(json.err()).isIn(0, 1);
      assertThat(t.all()).doesNotContain("X-Injected");
    }
  }

  @Test
  void aLoginRedirectedToJavascriptOrFileIsNotFollowedAndSaysSo() throws IOException {
    for (String where : List.of("javascript:alert(1)", "file:///etc/passwd")) {
      try (Logged t = target(Map.of("GET /login", answer("200 OK", "", CredentialsOnTheWireTest.FORM),
          "POST /login", answer("302 Found", "Location: " + where + "\r\n", "")))) {
        Run r = probe(t, "--format", "json");
        assertThat(r.code()).as(r.err()).isIn(0, 1, 3);
        assertThat(r.out()).contains("URL, which a browser does not follow")
            .doesNotContain("outside the deployment").doesNotContain("login page null").doesNotContain(PASSWORD);
      }
    }
  }

  @Test
  void aLoginThatGotNoAnswerIsIncompleteNotAWrongPassword() throws IOException {
    try (Logged t = server(r -> r.startsWith("POST") ? "" : answer("200 OK", "",
        r.startsWith("GET /login") ? CredentialsOnTheWireTest.FORM : "<h1>home</h1>"))) {
      Run r = probe(t);
      assertThat(r.code()).as(r.out()).isEqualTo(3);
      assertThat(r.out() + r.err()).contains("got no response").doesNotContain("check --user");
    }
  }
}
