package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code probe --browser chromium} on a login drawn entirely by JavaScript (no form in the HTML, no form at
 * all: inputs and a button whose script calls a JSON API and keeps the token in localStorage), served on
 * 127.0.0.1: real headless Chromium signs in, and the probe calls {@code --api} with the token the page kept.
 */
@Tag("browser")
@Timeout(value = 150, unit = TimeUnit.SECONDS)
class ProbeBrowserTest {
  private static final String PASSWORD = "canary-pw-3c9d71";
  private static final String TOKEN = "opaque-session-key-5e81a0c4d2b7";

  private static final String PAGE = """
      <!doctype html><html><body><div id="app"></div><script>
      document.getElementById('app').innerHTML = '<label>Email <input id="email" type="email" autocomplete="username"></label>'
        + '<label>Password <input id="pw" type="password"></label><button id="go">Sign in</button>';
      document.getElementById('go').addEventListener('click', async () => {
        const r = await fetch('/api/login', {method: 'POST', headers: {'Content-Type': 'application/json'},
          body: JSON.stringify({email: document.getElementById('email').value, password: document.getElementById('pw').value})});
        if (!r.ok) return;
        localStorage.setItem('auth_token', (await r.json()).k);
        location.href = '/app';
      });
      </script></body></html>""";

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().add("Content-Type", type);
    if (status == 401) x.getResponseHeaders().add("WWW-Authenticate", "Bearer");
    x.sendResponseHeaders(status, b.length == 0 ? -1 : b.length);
    if (b.length > 0) x.getResponseBody().write(b);
    x.close();
  }

  @Test
  void chromiumSignsInOnAScriptDrawnLoginAndTheApiGetsTheTokenThePageKept() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/login", x -> send(x, 200, "text/html; charset=utf-8", PAGE));
    server.createContext("/app", x -> send(x, 200, "text/html; charset=utf-8", "<!doctype html><p>app</p>"));
    server.createContext("/api/login", x -> {
      String body = new String(x.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      boolean ok = x.getRequestMethod().equals("POST") && body.contains("\"password\":\"" + PASSWORD + "\"")
          && body.contains("\"email\":\"alice@example.com\"");
      send(x, ok ? 200 : 401, "application/json", ok ? "{\"k\":\"" + TOKEN + "\"}" : "{\"error\":\"bad credentials\"}");
    });
    server.createContext("/api/me", x -> {
      boolean ok = ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
      send(x, ok ? 200 : 401, "application/json", ok ? "{\"user\":\"alice\"}" : "{\"error\":\"no token\"}");
    });
    server.createContext("/", x -> send(x, 404, "text/plain", "not found"));
    server.start();
    try {
      String base = "http://127.0.0.1:" + server.getAddress().getPort();
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      int code = Main.run(new String[] {"probe", base, "--login", "/login", "--user", "alice@example.com",
          "--password-env", "PW", "--api", "/api/me", "--browser", "chromium", "--refresh", "1", "--max-time", "120",
          "--format", "json", "--quiet"},
          new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), Map.of("PW", PASSWORD), false));
      assertThat(out.toString() + err).doesNotContain(PASSWORD).doesNotContain(TOKEN);
      JsonNode root = new ObjectMapper().readTree(out.toString());
      JsonNode login = null;
      JsonNode api = null;
      String notes = "";
      for (JsonNode s : root.get("steps")) {
        if (s.path("label").asText().equals("fetch (Chromium)") && s.path("method").asText().equals("POST")) login = s;
        if (s.path("label").asText().startsWith("protected /api/me") && api == null) api = s;
        notes += s.path("note").asText("") + "\n";
      }
      assertThat(login).as("the page's fetch of the login API is a step: " + root.get("steps")).isNotNull();
      assertThat(login.path("status").asInt()).isEqualTo(200);
      assertThat(notes).contains("user: input id=email type=email autocomplete=username")
          .contains("kept in its storage under auth_token");
      assertThat(api).as("the API call with the page's token: " + root.get("steps")).isNotNull();
      assertThat(api.path("status").asInt()).as(api.toString()).isEqualTo(200);
      assertThat(code).as(err.toString()).isIn(0, 1);
      for (JsonNode f : root.get("findings")) assertThat(f.get("severity").asText()).as(f.toString()).isNotEqualTo("error");
    } finally {
      server.stop(0);
    }
  }
}
