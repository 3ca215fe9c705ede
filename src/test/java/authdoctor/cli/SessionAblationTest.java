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
import java.util.concurrent.atomic.AtomicInteger;
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
    return new App(Map.of(
        "GET /hub/login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
        "POST /hub/login", login(secret),
        "GET /hub/home", home(secret)));
  }

  /** The hub's login answer on the instance with {@code secret}: both cookies, the login one signed. */
  private static App.Handler login(char secret) {
    return x -> reply(x, 302, "", "Location", "/hub/home",
        "Set-Cookie", "hub-session-id=0123456789abcdef0123456789abcdef; Path=/; HttpOnly",
        "Set-Cookie", "hub-hub-login=alice|1700000000|" + String.valueOf(secret).repeat(64) + "; Path=/hub/; HttpOnly");
  }

  /** The hub's home on the instance with {@code secret}: signed in when the login cookie verifies. */
  private static App.Handler home(char secret) {
    return x -> {
      if (cookies(x).contains("hub-hub-login=alice|1700000000|" + String.valueOf(secret).repeat(64))) {
        reply(x, 200, "<p>Signed in as alice</p>", "Content-Type", "text/html");
      } else {
        reply(x, 302, "", "Location", "/hub/login?next=%2Fhub%2Fhome");
      }
    };
  }

  /**
   * Two hub instances with secrets a and b behind one round-robin balancer (a stand-in for nginx's upstream):
   * each request to the hub's routes goes to the next instance in turn.
   */
  private static App balanced() throws IOException {
    AtomicInteger next = new AtomicInteger();
    return new App(Map.of(
        "GET /hub/login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
        "POST /hub/login", x -> login(next.getAndIncrement() % 2 == 0 ? 'a' : 'b').handle(x),
        "GET /hub/home", x -> home(next.getAndIncrement() % 2 == 0 ? 'a' : 'b').handle(x)));
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

  /**
   * Through a balancer over instances that disagree, the replays without each cookie reach either instance:
   * one that refuses the whole session reads as "leaving out this cookie signs out". The ablation goes to
   * one instance that accepts the session instead, so it names the signed cookie whichever instance the
   * public requests reached.
   */
  @Test
  void behindABalancerTheAblationGoesToOneInstance() throws IOException {
    try (App lb = balanced(); App a = hub('a'); App b = hub('b')) {
      Run r = run("probe", lb.url("/"), "--login", "/hub/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/hub/home", "--instance", a.url("/"), "--instance", b.url("/"), "--format", "json");
      JsonNode root = new ObjectMapper().readTree(r.out());
      List<String> ids = new ArrayList<>();
      root.get("findings").forEach(f -> ids.add(f.get("id").asText()));
      assertThat(ids).as(r.out()).contains("session.secret-mismatch").doesNotContain("session.store-not-shared");
      assertThat(root.get("findings").toString())
          .contains("leaving out hub-hub-login signs out; leaving out hub-session-id does not");
      List<String> labels = new ArrayList<>();
      root.get("steps").forEach(s -> labels.add(s.path("label").asText() + " " + s.path("url").asText()));
      // On the instance that accepted the session (which one depends on where the balancer sent the
      // login), never through the balancer; both replays on the same instance.
      List<String> ablation = labels.stream().filter(l -> l.startsWith("without cookie")).toList();
      String on = ablation.isEmpty() || !ablation.get(0).contains(b.url("/hub/home")) ? a.url("/hub/home") : b.url("/hub/home");
      assertThat(ablation).hasSize(2).allSatisfy(l -> assertThat(l).endsWith(" " + on));
    }
  }

  @Test
  void threeCookiesAreAlsoReplayedAlone() throws IOException {
    try (App a = new App(Map.of(
        "GET /login", x -> reply(x, 200, FORM.replace("/hub/login", "/login"), "Content-Type", "text/html"),
        "POST /login", x -> reply(x, 302, "", "Location", "/home",
            "Set-Cookie", "sid=0123456789abcdef0123456789abcdef; Path=/",
            "Set-Cookie", "remember=fedcba9876543210fedcba9876543210; Path=/",
            "Set-Cookie", "lang=en; Path=/"),
        // Either the session or the remember-me cookie keeps the user signed in.
        "GET /home", x -> {
          String c = cookies(x);
          if (c.contains("sid=0123456789abcdef0123456789abcdef") || c.contains("remember=fedcba9876543210fedcba9876543210")) {
            reply(x, 200, "<p>Signed in as alice</p>", "Content-Type", "text/html");
          } else {
            reply(x, 302, "", "Location", "/login");
          }
        }))) {
      Run r = run("probe", a.url("/"), "--login", "/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/home", "--format", "json");
      List<String> notes = new ArrayList<>();
      new ObjectMapper().readTree(r.out()).get("steps").forEach(s -> notes.add(s.path("label").asText() + ": " + s.path("note").asText()));
      assertThat(notes).as(r.out()).anySatisfy(n -> assertThat(n).contains("leaving out any one cookie does not sign out",
          "sid, remember alone each keep the user signed in", "lang alone does not", "lang = preference"));
      assertThat(notes).filteredOn(n -> n.startsWith("only cookie")).hasSize(3);
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
