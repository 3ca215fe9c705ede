package authdoctor.checks;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
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
import org.junit.jupiter.api.Test;

/** {@code redirect.loop}: hops that come back to a URL the browser was already sent to, and only those. */
class RedirectLoopTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static List<Finding> loops(List<Observation> o) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Report r = engine.report("probe", "https://app.example.com", Engine.observations(o), Stack.UNKNOWN, List.of(), List.of());
    return r.findings().stream().filter(f -> f.id().equals("redirect.loop")).toList();
  }

  private static HttpExchange hop(int step, String url, String location) {
    return new HttpExchange(step, "login page", "GET", URI.create(url), List.of(), location == null ? 200 : 302, "http/1.1",
        location == null ? List.of() : List.of(new HeaderField("Location", location)), "", false, Duration.ZERO, null, null);
  }

  @Test
  void anAppAndItsLoginPageSendingTheBrowserToEachOtherIsALoop() {
    List<Observation> o = new ArrayList<>();
    o.add(hop(1, "https://app.example.com/", "/dashboard"));
    for (int i = 0; i < 4; i++) {
      o.add(hop(2 + 2 * i, "https://app.example.com/dashboard", "/login"));
      o.add(hop(3 + 2 * i, "https://app.example.com/login", "/dashboard"));
    }
    List<Finding> f = loops(o);
    assertThat(f).hasSize(1);
    assertThat(f.get(0).evidence()).hasSize(2);
  }

  @Test
  void anHttpsUrlRedirectingToItselfIsALoop() {
    String u = "https://app.example.com/login";
    assertThat(loops(List.of(hop(1, u, u), hop(2, u, u), hop(3, u, u)))).hasSize(1);
  }

  @Test
  void aChainThatEndsOnAPageIsNoLoopNorAreTwoSeparateVisitsOfOneUrl() {
    List<Observation> o = List.of(hop(1, "https://app.example.com/", "/dashboard"), hop(2, "https://app.example.com/dashboard", "/login"),
        hop(3, "https://app.example.com/login", null),
        // Later, a new visit: the same redirect again, not a hop of the first chain.
        hop(9, "https://app.example.com/dashboard", "/login"), hop(10, "https://app.example.com/login", null));
    assertThat(loops(o)).isEmpty();
  }

  @Test
  void aLoginPostToTheUrlARedirectNamedIsNoHopOfThatRedirect() {
    // The anonymous visit of the dashboard is sent to /login; the login POST that follows is a new request.
    HttpExchange post = new HttpExchange(2, "login", "POST", URI.create("https://app.example.com/login"), List.of(), 303,
        "http/1.1", List.of(new HeaderField("Location", "/dashboard")), "", false, Duration.ZERO, null, null);
    List<Observation> o = List.of(hop(1, "https://app.example.com/dashboard", "/login"), post,
        hop(3, "https://app.example.com/dashboard", null));
    assertThat(loops(o)).isEmpty();
  }
}
