package authdoctor.checks.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.checks.Checks;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The two decisions the probe used to make by leaving observations out, now made by the checks that own
 * them: a logout deleting a cookie the login could not set, and the cookies lost on an https → http hop.
 */
class ProbeSuppressionsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final URI LOGIN = URI.create("https://app.example.com/login");
  private static final URI LOGOUT = URI.create("https://app.example.com/logout");

  private static List<String> ids(List<Observation> o) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Report r = engine.report("probe", "https://app.example.com", Engine.observations(o), Stack.UNKNOWN, List.of(), List.of());
    return r.findings().stream().map(Finding::id).toList();
  }

  @Test
  void aLogoutDeletingACookieTheLoginCouldNotSetIsTheRefusalsFindingOnly() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<Observation> o = new ArrayList<>(b.response(1, LOGIN, Navigation.form("POST", LOGIN, Referrer.FULL),
        List.of("connect.sid=s%3Aabc; Path=/; HttpOnly; SameSite=None"), null));
    o.addAll(b.response(2, LOGOUT, Navigation.form("POST", LOGIN, Referrer.FULL),
        List.of("connect.sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"), null));
    assertThat(ids(o)).contains("cookie.samesite-none-insecure").doesNotContain("cookie.expired-on-arrival");
  }

  @Test
  void aLogoutDeletingACookieTheLoginNeverSetIsNoFinding() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<Observation> o = new ArrayList<>();
    o.add(new LoginAttempt(1, LOGIN, "json", 200, true, "200, no login form", 0, List.of(), 0, true));
    o.addAll(b.response(2, LOGOUT, Navigation.form("POST", LOGIN, Referrer.FULL),
        List.of("sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"), null));
    assertThat(ids(o)).doesNotContain("cookie.expired-on-arrival");
  }

  @Test
  void aLoginsOwnExpiredCookieIsExpiredOnArrival() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<Observation> o = new ArrayList<>();
    o.add(new LoginAttempt(1, LOGIN, "form", 302, true, "302 to /dashboard", 1, List.of("sid"), 0, false));
    o.addAll(b.response(1, LOGIN, Navigation.form("POST", LOGIN, Referrer.FULL), List.of("sid=abc123; Path=/; Max-Age=0"), null));
    o.addAll(b.response(2, LOGOUT, Navigation.form("POST", LOGIN, Referrer.FULL), List.of("sid=; Path=/; Max-Age=0"), null));
    assertThat(ids(o)).contains("cookie.expired-on-arrival");
  }

  @Test
  void aDeletionOfACookieNeverOfferedIsStillExpiredOnArrival() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<Observation> o = new ArrayList<>(b.response(1, LOGIN, Navigation.typed(),
        List.of("sid=x; Path=/; Secure; HttpOnly; SameSite=Lax"), null));
    o.addAll(b.response(2, LOGIN, Navigation.typed(), List.of("ghost=; Path=/; Max-Age=0"), null));
    assertThat(ids(o)).contains("cookie.expired-on-arrival");
  }

  private static HttpExchange exchange(int step, URI url, int status, String location) {
    return new HttpExchange(step, "login", "GET", url, List.of(), status, "http/1.1",
        location == null ? List.of() : List.of(new HeaderField("Location", location)), "", false, Duration.ZERO, null, null);
  }

  @Test
  void theSecureCookieLostOnAnHttpsToHttpHopIsTheDowngradesFinding() {
    BrowserSession b = new BrowserSession(CLOCK);
    URI dashboard = URI.create("http://app.example.com/dashboard");
    List<Observation> o = new ArrayList<>(b.response(1, LOGIN, Navigation.typed("POST"),
        List.of("sid=x; Path=/; Secure; HttpOnly; SameSite=Lax"), null));
    o.add(exchange(1, LOGIN, 302, dashboard.toString()));
    BrowserSession.Request hop = b.request(2, dashboard, Navigation.typed(), true);
    o.add(hop.event());
    o.add(exchange(2, dashboard, 200, null));
    assertThat(ids(o)).contains("redirect.https-downgrade").doesNotContain("cookie.secure-over-http");
    // The same request reached otherwise is the cookie's own finding.
    List<Observation> direct = new ArrayList<>(o.subList(0, 1));
    direct.add(b.request(3, dashboard, Navigation.typed(), true).event());
    assertThat(ids(direct)).contains("cookie.secure-over-http");
  }
}
