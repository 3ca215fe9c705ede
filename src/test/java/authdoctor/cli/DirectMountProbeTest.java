package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.reply;
import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.App;
import authdoctor.cli.ProbeCommandTest.Run;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * {@code --direct} behind a proxy that strips the public path prefix: the app lives at {@code /} on its own
 * port, so the direct trials ask for {@code /login}, not {@code /app/login} (which it answers 404).
 */
class DirectMountProbeTest {
  private static final String FORM = "<form method=post action=/app/login><input name=email type=email>"
      + "<input name=pw type=password></form>";

  private static boolean signedIn(com.sun.net.httpserver.HttpExchange x) {
    String c = x.getRequestHeaders().getFirst("Cookie");
    return c != null && c.contains("sid=s1-0123456789abcdef");
  }

  @Test
  void theDirectTrialsLeaveOutThePrefixTheProxyStrips() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    App.Handler dashboard = x -> {
      if (signedIn(x)) reply(x, 200, "<h1>Dashboard</h1><p>Signed in as alice</p>");
      else reply(x, 302, "", "Location", "/app/login");
    };
    try (App pub = new App(Map.of("GET /app", x -> reply(x, 302, "", "Location", "/app/login"),
            "GET /app/login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
            "POST /app/login", x -> reply(x, 303, "", "Location", "/app/dashboard", "Set-Cookie", "sid=s1-0123456789abcdef; Path=/"),
            "GET /app/dashboard", dashboard));
        App direct = new App(Map.of(
            "GET /", x -> { seen.add("GET /"); reply(x, 302, "", "Location", "/login"); },
            "POST /login", x -> { seen.add("POST /login"); reply(x, 303, "", "Location", "/dashboard"); },
            "GET /dashboard", x -> { seen.add("GET /dashboard"); reply(x, 302, "", "Location", "/login"); }))) {
      Run r = run("probe", pub.url("/app"), "--login", "/app/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/app/dashboard", "--direct", direct.url("/"), "--format", "json");
      assertThat(r.out()).contains("the proxy strips /app/ before the app");
      assertThat(seen).contains("GET /", "POST /login", "GET /dashboard");
    }
  }

  @Test
  void anAppMountedUnderThePrefixOnItsOwnPortKeepsIt() throws IOException {
    List<String> seen = new CopyOnWriteArrayList<>();
    try (App pub = new App(Map.of("GET /app/login", x -> reply(x, 200, FORM, "Content-Type", "text/html"),
            "POST /app/login", x -> reply(x, 303, "", "Location", "/app/dashboard", "Set-Cookie", "sid=s1-0123456789abcdef; Path=/"),
            "GET /app/dashboard", x -> reply(x, 200, "<h1>Dashboard</h1><p>Signed in as alice</p>")));
        App direct = new App(Map.of(
            "GET /app", x -> { seen.add("GET /app"); reply(x, 302, "", "Location", "/app/login"); },
            "POST /app/login", x -> { seen.add("POST /app/login"); reply(x, 303, "", "Location", "/app/dashboard"); },
            "GET /app/dashboard", x -> { seen.add("GET /app/dashboard"); reply(x, 302, "", "Location", "/app/login"); }))) {
      Run r = run("probe", pub.url("/app"), "--login", "/app/login", "--user", "alice", "--password-env", "PW",
          "--protected", "/app/dashboard", "--direct", direct.url("/"), "--format", "json");
      assertThat(r.out()).doesNotContain("the proxy strips");
      assertThat(seen).contains("POST /app/login", "GET /app/dashboard");
    }
  }
}
