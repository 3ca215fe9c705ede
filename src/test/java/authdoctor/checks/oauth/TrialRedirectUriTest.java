package authdoctor.checks.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.Observation;
import authdoctor.observation.RedirectUriExpectation;
import authdoctor.testing.Exchanges;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The probe asks the app directly (no proxy, no forwarded headers) to see what it builds on its own: there
 * the app names its internal address in redirect_uri, which the user's browser never meets. Measured on
 * the lab's flask-oauth-discovery-mismatch, whose direct trial produced a false oauth.redirect-uri-mismatch.
 */
class TrialRedirectUriTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-12-08T01:00:00Z"), ZoneOffset.UTC);
  private static final String AUTHORIZE = "https://idp.example.com/authorize?response_type=code&client_id=web&state=s1&redirect_uri=";

  private static List<String> ids(List<Observation> observations) {
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Report r = engine.report("probe", "https://app.example.com", Engine.observations(observations), Stack.UNKNOWN, List.of(), List.of());
    return r.findings().stream().map(Finding::id).toList();
  }

  private static List<Observation> flow(ForwardingTrial.Via via) {
    List<Observation> o = new ArrayList<>();
    o.add(new RedirectUriExpectation(URI.create("https://app.example.com/callback").toString(), "--expect-redirect-uri"));
    o.add(Exchanges.https(1, "https://app.example.com/login", 302,
        "Location: " + AUTHORIZE + "https%3A%2F%2Fapp.example.com%2Fcallback"));
    // The same start, asked at the app's own address.
    o.add(Exchanges.https(7, "https://127.0.0.1:8000/login", 302,
        "Location: " + AUTHORIZE + "http%3A%2F%2F127.0.0.1%3A8000%2Fcallback"));
    o.add(new ForwardingTrial(7, "GET /login", via, URI.create("http://127.0.0.1:8000/login"),
        URI.create("https://app.example.com/login"), Map.of(), URI.create("http://127.0.0.1:8000/callback"), "Location",
        List.of(), 302));
    return o;
  }

  @Test
  void theAppsAnswerToTheProbesDirectTrialIsNoRedirectUriFinding() {
    assertThat(ids(flow(ForwardingTrial.Via.DIRECT))).doesNotContain("oauth.redirect-uri-mismatch", "oauth.redirect-uri-scheme");
  }

  @Test
  void theSameRedirectOnTheBrowsersPathIsOne() {
    assertThat(ids(flow(ForwardingTrial.Via.PUBLIC))).contains("oauth.redirect-uri-mismatch");
  }
}
