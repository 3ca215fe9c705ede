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
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * The frontend's fetches on small local apps: {@code --credentials}, a credentialed fetch stopped by its
 * preflight, a token in a cookie, the token replayed to each {@code --instance}, refresh and logout as fetches.
 */
class FrontendFlowTest {
  private static final String FRONT = "http://127.0.0.1:3000";
  private static final String LOGIN_JSON = "{\"email\":\"{user}\",\"password\":\"{password}\"}";
  private static final String TOKEN = "tok-5e1f0a77c2d94b8a";

  private static List<String> ids(Run r) throws IOException {
    JsonNode root = new ObjectMapper().readTree(r.out());
    return StreamSupport.stream(root.get("findings").spliterator(), false).map(f -> f.get("id").asText()).toList();
  }

  /** One request as the app saw it: method, path and the headers the tests read. */
  record Seen(String method, String path, String origin, String cookie, String authorization, String fetchMode) {
    static Seen of(HttpExchange x) {
      var h = x.getRequestHeaders();
      return new Seen(x.getRequestMethod(), x.getRequestURI().getPath(), String.valueOf(h.getFirst("Origin")),
          String.valueOf(h.getFirst("Cookie")), String.valueOf(h.getFirst("Authorization")), String.valueOf(h.getFirst("Sec-Fetch-Mode")));
    }
  }

  /** A JSON login at /api/login that sets a session cookie, CORS for FRONT with or without credentials. */
  private static App cookieApi(List<Seen> seen, boolean allowCredentials) throws IOException {
    String[] cors = allowCredentials
        ? new String[] {"Access-Control-Allow-Origin", FRONT, "Access-Control-Allow-Credentials", "true", "Vary", "Origin"}
        : new String[] {"Access-Control-Allow-Origin", FRONT, "Vary", "Origin"};
    java.util.concurrent.atomic.AtomicBoolean loggedOut = new java.util.concurrent.atomic.AtomicBoolean();
    return new App(Map.of(
        "OPTIONS /api/me", x -> reply(x, 204, "", concat(cors, "Access-Control-Allow-Headers", "Content-Type, Authorization")),
        "OPTIONS /api/login", x -> {
          seen.add(Seen.of(x));
          reply(x, 204, "", concat(cors, "Access-Control-Allow-Headers", "Content-Type"));
        },
        "POST /api/login", x -> {
          seen.add(Seen.of(x));
          reply(x, 200, "{\"user\":\"u\"}", concat(cors, "Set-Cookie", "sid=0123456789abcdef01234567; Path=/; HttpOnly; SameSite=Lax"));
        },
        "GET /api/me", x -> {
          seen.add(Seen.of(x));
          boolean session = !loggedOut.get() && String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("sid=");
          reply(x, session ? 200 : 401, "{\"me\":1}", cors);
        },
        "POST /logout", x -> {
          seen.add(Seen.of(x));
          loggedOut.set(true);
          reply(x, 200, "{\"ok\":true}", concat(cors, "Set-Cookie", "sid=; Path=/; Max-Age=0"));
        }));
  }

  private static String[] concat(String[] a, String... b) {
    List<String> out = new ArrayList<>(List.of(a));
    out.addAll(List.of(b));
    return out.toArray(String[]::new);
  }

  private static List<Seen> of(List<Seen> seen, String method, String path) {
    return seen.stream().filter(s -> s.method().equals(method) && s.path().equals(path)).toList();
  }

  @Test
  void aCredentialedLoginIsNotSentWhenItsPreflightRefusesCredentials() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App app = cookieApi(seen, false)) {
      Run r = run("probe", app.url("/"), "--login", "/api/login", "--login-json", LOGIN_JSON, "--user", "u@example.com",
          "--password-env", "PW", "--refresh", "0", "--frontend-origin", FRONT, "--format", "json");
      assertThat(of(seen, "OPTIONS", "/api/login")).hasSize(1);
      // The browser stops at the preflight: the password never left.
      assertThat(of(seen, "POST", "/api/login")).isEmpty();
      assertThat(ids(r)).contains("cors.credentials-not-allowed");
      assertThat(r.code()).isEqualTo(1);
    }
  }

  @Test
  void credentialsOmitSendsTheLoginAndKeepsNoCookie() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App app = cookieApi(seen, false)) {
      Run r = run("probe", app.url("/"), "--login", "/api/login", "--login-json", LOGIN_JSON, "--user", "u@example.com",
          "--password-env", "PW", "--refresh", "2", "--protected", "/api/me", "--frontend-origin", FRONT,
          "--credentials", "omit", "--format", "json");
      assertThat(of(seen, "POST", "/api/login")).hasSize(1);
      assertThat(ids(r)).doesNotContain("cors.credentials-not-allowed");
      // credentials: 'omit': the login's cookie is not stored, so no call carries it.
      List<Seen> me = of(seen, "GET", "/api/me");
      assertThat(me).allSatisfy(s -> assertThat(s.cookie()).isEqualTo("null"));
      // The first call and both refreshes are the frontend's fetches (another visitor's request is not).
      assertThat(me.stream().filter(s -> s.origin().equals(FRONT) && s.fetchMode().equals("cors"))).hasSizeGreaterThanOrEqualTo(3);
    }
  }

  @Test
  void credentialsIncludeSendsTheSessionOnRefreshAndLogoutFetches() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App app = cookieApi(seen, true)) {
      Run r = run("probe", app.url("/"), "--login", "/api/login", "--login-json", LOGIN_JSON, "--user", "u@example.com",
          "--password-env", "PW", "--refresh", "2", "--protected", "/api/me", "--logout", "/logout",
          "--frontend-origin", FRONT, "--credentials", "include", "--format", "json");
      assertThat(r.code()).as(ids(r).toString()).isZero();
      // The frontend's fetches: the first call, both refreshes and the CORS step with its session; after
      // logout, without it (the raw replays stand for a stale tab, not for the frontend).
      List<Seen> me = of(seen, "GET", "/api/me").stream().filter(s -> s.origin().equals(FRONT)).toList();
      assertThat(me).hasSize(5).allSatisfy(s -> assertThat(s.fetchMode()).isEqualTo("cors"));
      assertThat(me.subList(0, 4)).allSatisfy(s -> assertThat(s.cookie()).contains("sid=0123456789abcdef01234567"));
      assertThat(me.get(4).cookie()).isEqualTo("null");
      List<Seen> logout = of(seen, "POST", "/logout");
      assertThat(logout).singleElement().satisfies(s -> {
        assertThat(s.origin()).isEqualTo(FRONT);
        assertThat(s.fetchMode()).isEqualTo("cors");
        assertThat(s.cookie()).contains("sid=");
      });
    }
  }

  @Test
  void aTokenInAReadableCookieIsSentAsTheBearerTokenToTheApiAndDirect() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    Map<String, App.Handler> direct = Map.of("GET /api/me", x -> {
      seen.add(Seen.of(x));
      boolean ok = ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
      reply(x, ok ? 200 : 401, ok ? "{\"user\":\"u\"}" : "{\"error\":\"unauthorized\"}", "WWW-Authenticate", "Bearer");
    });
    try (App app = new App(Map.of(
            "POST /api/token", x -> reply(x, 200, "{\"user\":\"u\"}", "Set-Cookie", "token=" + TOKEN + "; Path=/; SameSite=Lax"),
            // The proxy clears Authorization: the API through it never sees the token.
            "GET /api/me", x -> {
              seen.add(Seen.of(x));
              reply(x, 401, "{\"error\":\"unauthorized\"}", "WWW-Authenticate", "Bearer realm=\"api\"");
            }));
        App app2 = new App(direct)) {
      Run r = run("probe", app.url("/"), "--login", "/api/token", "--login-json", LOGIN_JSON, "--user", "u@example.com",
          "--password-env", "PW", "--refresh", "0", "--api", "/api/me", "--direct", app2.url("/"), "--format", "json");
      assertThat(of(seen, "GET", "/api/me")).extracting(Seen::authorization).contains("Bearer " + TOKEN);
      assertThat(ids(r)).contains("proxy.authorization-stripped");
      assertThat(r.out()).doesNotContain(TOKEN);
    }
  }

  @Test
  void anHttpOnlyTokenCookieStaysACookie() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App app = new App(Map.of(
        "POST /api/token", x -> reply(x, 200, "{\"user\":\"u\"}", "Set-Cookie", "access_token=" + TOKEN + "; Path=/; HttpOnly"),
        "GET /api/me", x -> {
          seen.add(Seen.of(x));
          boolean ok = String.valueOf(x.getRequestHeaders().getFirst("Cookie")).contains("access_token=");
          reply(x, ok ? 200 : 401, "{\"user\":\"u\"}");
        }))) {
      Run r = run("probe", app.url("/"), "--login", "/api/token", "--login-json", LOGIN_JSON, "--user", "u@example.com",
          "--password-env", "PW", "--refresh", "0", "--api", "/api/me", "--format", "text");
      assertThat(of(seen, "GET", "/api/me")).allSatisfy(s -> assertThat(s.authorization()).isEqualTo("null"));
      // The browser's own requests carry it as a cookie.
      assertThat(of(seen, "GET", "/api/me")).anySatisfy(s -> assertThat(s.cookie()).contains("access_token="));
      assertThat(r.out()).contains("the login answered a token in the cookie access_token").doesNotContain(TOKEN);
    }
  }

  /** A token API at /api/me that accepts the login's token, or refuses every token (a proxy that clears it). */
  private static App tokenApi(List<Seen> seen, boolean accepts) throws IOException {
    return new App(Map.of(
        "POST /api/token", x -> reply(x, 200, "{\"token\":\"" + TOKEN + "\"}"),
        "GET /api/me", x -> {
          seen.add(Seen.of(x));
          boolean ok = accepts && ("Bearer " + TOKEN).equals(x.getRequestHeaders().getFirst("Authorization"));
          reply(x, ok ? 200 : 401, ok ? "{\"user\":\"u\"}" : "{\"error\":\"unauthorized\"}", "WWW-Authenticate", "Bearer");
        }));
  }

  /** A token flow's probe of {@code pub}'s API with two {@code --instance}s. */
  private static Run withInstances(App pub, App a, App b) {
    return run("probe", pub.url("/"), "--login", "/api/token", "--login-json", LOGIN_JSON, "--user", "u@example.com",
        "--password-env", "PW", "--refresh", "0", "--api", "/api/me", "--instance", a.url("/"), "--instance", b.url("/"),
        "--format", "json");
  }

  @Test
  void theTokenGoesToEachInstanceAndOneThatRefusesItIsFound() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App pub = tokenApi(seen, true); App a = tokenApi(seen, true); App b = tokenApi(seen, false)) {
      Run r = withInstances(pub, a, b);
      assertThat(seen.stream().filter(s -> s.authorization().equals("Bearer " + TOKEN))).hasSizeGreaterThanOrEqualTo(3);
      // An opaque token one instance refuses: its own token store (a signed one: session.secret-mismatch).
      assertThat(ids(r)).contains("session.store-not-shared").doesNotContain("proxy.authorization-stripped");
    }
  }

  @Test
  void aTokenEveryInstanceAcceptsButTheProxyRefusesIsAuthorizationStripped() throws IOException {
    List<Seen> seen = new CopyOnWriteArrayList<>();
    try (App pub = tokenApi(seen, false); App a = tokenApi(seen, true); App b = tokenApi(seen, true)) {
      Run r = withInstances(pub, a, b);
      assertThat(ids(r)).contains("proxy.authorization-stripped").doesNotContain("session.store-not-shared",
          "session.secret-mismatch");
      assertThat(r.code()).isEqualTo(1);
    }
  }

  @Test
  void credentialsIsIncludeOrOmitAndNeedsAFrontend() {
    Run bad = run("probe", "http://127.0.0.1:9/", "--frontend-origin", FRONT, "--credentials", "same-origin");
    assertThat(bad.code()).isEqualTo(2);
    assertThat(bad.err()).contains("--credentials").contains("include or omit");
    Run alone = run("probe", "http://127.0.0.1:9/", "--credentials", "omit");
    assertThat(alone.code()).isEqualTo(2);
    assertThat(alone.err()).contains("--credentials needs --frontend-origin");
  }
}
