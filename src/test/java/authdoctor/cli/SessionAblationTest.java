package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A hub's two cookies: an opaque id whose name says session, and a signed login cookie that is the session.
 * Leaving each out tells them apart; a second instance with another secret is then a secret question.
 */
class SessionAblationTest {
  private static final String FORM = "<form method=post action=/hub/login><input name=username>"
      + "<input name=password type=password></form>";

  /** One hub instance; its login cookie's "signature" is its secret repeated (a stand-in for an HMAC). */
  private static App hub(char secret) throws IOException {
    String mac = String.valueOf(secret).repeat(64);
    return new App(Map.of(
        "GET /hub/login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
        "POST /hub/login", x -> reply(x, 302, "", "Location", "/hub/home",
            "Set-Cookie", "hub-session-id=0123456789abcdef0123456789abcdef; Path=/; HttpOnly",
            "Set-Cookie", "hub-hub-login=alice|1700000000|" + mac + "; Path=/hub/; HttpOnly"),
        "GET /hub/home", x -> {
          if (cookies(x).contains("hub-hub-login=alice|1700000000|" + mac)) {
            reply(x, 200, "<p>Signed in as alice</p>", "Content-Type", "text/html");
          } else {
            reply(x, 302, "", "Location", "/hub/login?next=%2Fhub%2Fhome");
          }
        }));
  }

  private static String cookies(HttpExchange x) {
    return String.join("; ", x.getRequestHeaders().getOrDefault("Cookie", List.of()));
  }

  @Test
  void theSignedLoginCookieIsTheSessionAndAnotherSecretRefusesIt() throws IOException {
    try (App a = hub('a'); App b = hub('b')) {
      Run r = run("probe", a.url("/"), "--login", "/hub/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/hub/home", "--instance", a.url("/"), "--instance", b.url("/"), "--format", "json");
      JsonNode root = new ObjectMapper().readTree(r.out());
      List<String> ids = new ArrayList<>();
      root.get("findings").forEach(f -> ids.add(f.get("id").asText()));
      assertThat(ids).as(r.out()).contains("session.secret-mismatch").doesNotContain("session.store-not-shared");
      String evidence = root.get("findings").toString();
      assertThat(evidence).contains("hub-hub-login", "leaving out hub-hub-login signs out; leaving out hub-session-id does not");
      List<String> notes = new ArrayList<>();
      root.get("steps").forEach(s -> notes.add(s.path("note").asText()));
      assertThat(notes).anySatisfy(n -> assertThat(n).contains("leaving out hub-hub-login signs out",
          "hub-session-id = not needed to stay signed in"));
      assertThat(r.out()).doesNotContain("0123456789abcdef0123456789abcdef").doesNotContain("a".repeat(64));
    }
  }

  @Test
  void aSingleCookieIsNotAblated() throws IOException {
    try (App a = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM.replace("/hub/login", "/login"), "Content-Type", "text/html"),
        "POST /login", x -> reply(x, 302, "", "Location", "/home", "Set-Cookie", "sid=0123456789abcdef0123456789abcdef; Path=/"),
        "GET /home", x -> reply(x, 200, "<p>hi</p>", "Content-Type", "text/html")))) {
      Run r = run("probe", a.url("/"), "--login", "/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/home", "--format", "json");
      assertThat(r.out()).doesNotContain("without cookie");
    }
  }
}
