package authdoctor.checks.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observation;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

/**
 * An OIDC login through a provider on its own host (as Keycloak's pages are): the provider's cookies are
 * not sent to the app's host, which is how it should be, and how the provider writes them is its design;
 * the same cookies set by the app itself keep their findings.
 */
class ProviderCookiesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final URI START = URI.create("https://app.example.com/login");
  private static final URI AUTHORIZE = URI.create("https://sso.example.com/realms/lab/protocol/openid-connect/auth"
      + "?response_type=code&client_id=web&redirect_uri=https%3A%2F%2Fapp.example.com%2Fcallback&state=s1");
  private static final URI CALLBACK = URI.create("https://app.example.com/callback?code=c1&state=s1");
  private static final URI DASHBOARD = URI.create("https://app.example.com/dashboard");
  private static final List<String> PROVIDER_COOKIES = List.of(
      "KEYCLOAK_IDENTITY=eyJhbGciOi; Path=/realms/lab/; Secure; HttpOnly; SameSite=None",
      "KEYCLOAK_SESSION=abc123def; Path=/realms/lab/; Secure; SameSite=None");

  private static List<Finding> findings(List<Observation> o) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Report r = engine.report("probe", "https://app.example.com", Engine.observations(o), Stack.UNKNOWN, List.of(), List.of());
    return r.findings();
  }

  private static List<String> ids(List<Observation> o) {
    return findings(o).stream().map(Finding::id).toList();
  }

  private static HttpExchange exchange(int step, String method, URI url, int status, @Nullable URI location) {
    return new HttpExchange(step, "oauth", method, url, List.of(), status, "http/1.1",
        location == null ? List.of() : List.of(new HeaderField("Location", location.toString())), "", false, Duration.ZERO,
        null, null);
  }

  /** The flow: the app's start redirects to the provider, whose login sets {@code cookies} on {@code setter}. */
  private static List<Observation> flow(URI setter, List<String> cookies) {
    BrowserSession b = new BrowserSession(CLOCK);
    List<Observation> o = new ArrayList<>();
    o.add(exchange(1, "GET", START, 302, AUTHORIZE));
    o.add(exchange(2, "GET", AUTHORIZE, 200, null));
    o.addAll(b.response(3, setter, Navigation.form("POST", AUTHORIZE, Referrer.FULL), cookies, null));
    o.add(exchange(3, "POST", setter, 302, CALLBACK));
    o.add(b.request(4, CALLBACK, Navigation.link("GET", AUTHORIZE), true).event());
    o.add(exchange(4, "GET", CALLBACK, 302, DASHBOARD));
    o.add(b.request(5, DASHBOARD, Navigation.typed(), true).event());
    o.add(exchange(5, "GET", DASHBOARD, 200, null));
    return o;
  }

  @Test
  void theProvidersCookiesNotSentToTheAppAreNoScopeFinding() {
    List<Observation> o = flow(AUTHORIZE, PROVIDER_COOKIES);
    assertThat(ids(o)).doesNotContain("cookie.scope-excludes-host", "cookie.path-excludes-route");
  }

  @Test
  void theProvidersScriptReadableSessionStateCookieIsNotNotHttponly() {
    assertThat(ids(flow(AUTHORIZE, PROVIDER_COOKIES))).doesNotContain("cookie.not-httponly");
  }

  @Test
  void theSameCookiesOfAnotherHostOfTheAppKeepTheirFindings() {
    // Set by the app's own api host (no authorization endpoint there): a session the app's host cannot see.
    URI api = URI.create("https://api.example.com/login");
    List<Finding> f = findings(flow(api, PROVIDER_COOKIES.stream().map(l -> l.replace("/realms/lab/", "/")).toList()));
    assertThat(f).extracting(Finding::id).contains("cookie.scope-excludes-host", "cookie.not-httponly");
  }
}
