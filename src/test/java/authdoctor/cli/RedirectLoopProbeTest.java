package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.FORM;
import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * {@code redirect.loop} from a live probe: only a chain of the user's flow that comes back to a URL with the
 * same redirect is a loop (never a login redirected back, never the probe's own trials), and the run goes
 * on with what it can still measure.
 */
class RedirectLoopProbeTest {
  private static List<String> ids(Run r) throws IOException {
    JsonNode root = new ObjectMapper().readTree(r.out());
    return StreamSupport.stream(root.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
  }

  private static boolean hasSession(com.sun.net.httpserver.HttpExchange x) {
    String c = x.getRequestHeaders().getFirst("Cookie");
    return c != null && c.contains("sid=s1-0123456789abcdef");
  }

  @Test
  void aLoopIsReportedAndTheSessionItLeftIsStillReplayedToEachInstance() throws IOException {
    // The public instance refuses every session (another secret): /login issues it, /dashboard sends the
    // browser back to /login, which sends it to /dashboard again. Instance a accepts the session.
    App.Handler refuses = x -> reply(x, 302, "", "Location", "/login");
    App.Handler login = x -> {
      if (hasSession(x)) reply(x, 302, "", "Location", "/dashboard");
      else reply(x, 302, "", "Location", "/dashboard", "Set-Cookie", "sid=s1-0123456789abcdef; Path=/; HttpOnly");
    };
    App.Handler accepts = x -> {
      if (hasSession(x)) reply(x, 200, "<h1>Dashboard</h1><p>Signed in as alice</p><form action=/logout method=post></form>");
      else reply(x, 302, "", "Location", "/login");
    };
    try (App pub = new App(Map.of("GET /", x -> reply(x, 302, "", "Location", "/login"), "GET /login", login,
            "GET /dashboard", refuses));
        App a = new App(Map.of("GET /dashboard", accepts))) {
      Run r = run("probe", pub.url("/"), "--protected", "/dashboard", "--instance", a.url("/"), "--instance", pub.url("/"),
          "--format", "json");
      assertThat(ids(r)).contains("redirect.loop");
      assertThat(r.out()).contains("redirect loop").contains("the login was not attempted");
      // The instance replays ran after the loop: the trace shows the session replayed to each instance.
      JsonNode root = new ObjectMapper().readTree(r.out());
      assertThat(root.toString()).contains("(session replayed)");
    }
  }

  @Test
  void aLoginRedirectedBackAndADirectTrialThatRedirectsToItselfAreNoLoop() throws IOException {
    App.Handler dashboard = x -> {
      if (hasSession(x)) reply(x, 200, "<h1>Dashboard</h1><p>Signed in as alice</p>");
      else reply(x, 302, "", "Location", "/login");
    };
    try (App pub = new App(Map.of("GET /", x -> reply(x, 302, "", "Location", "/dashboard"),
            "GET /login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
            "POST /login", x -> reply(x, 303, "", "Location", "/dashboard", "Set-Cookie", "sid=s1-0123456789abcdef; Path=/"),
            "GET /dashboard", dashboard));
        // The app asked directly, without the proxy's headers, sends every request to itself.
        App direct = new App(Map.of("GET /dashboard", x -> reply(x, 301, "", "Location", "/dashboard"),
            "POST /login", x -> reply(x, 301, "", "Location", "/login")))) {
      Run r = run("probe", pub.url("/"), "--login", "/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/dashboard", "--direct", direct.url("/"), "--format", "json");
      assertThat(r.out()).contains("\"findings\"");
      assertThat(ids(r)).doesNotContain("redirect.loop");
    }
  }
}
