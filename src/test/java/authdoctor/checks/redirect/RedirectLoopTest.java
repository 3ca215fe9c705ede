package authdoctor.checks.redirect;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoopedRedirects;
import authdoctor.observation.Observation;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code redirect.loop}: the chains the collector recorded as looping, their hops and what they point to. */
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

  /** The app ↔ provider loop: /dashboard → /login → provider → /callback → /dashboard … */
  private static List<Observation> providerLoop(int from) {
    List<Observation> o = new ArrayList<>();
    List<Integer> steps = new ArrayList<>();
    int step = from;
    for (int round = 0; round < 3; round++) {
      o.add(hop(step++, "https://app.example.com/dashboard", "/login"));
      o.add(hop(step++, "https://app.example.com/login", "https://sso.example.com/auth?state=" + round));
      o.add(hop(step++, "https://sso.example.com/auth?state=" + round, "https://app.example.com/callback?code=" + round));
      o.add(hop(step++, "https://app.example.com/callback?code=" + round, "/dashboard"));
    }
    for (int i = from; i < step; i++) steps.add(i);
    o.add(new LoopedRedirects(from, steps));
    return o;
  }

  @Test
  void anAppAndItsProviderSendingTheBrowserToEachOtherIsOneLoopWithItsHops() {
    List<Finding> f = loops(providerLoop(1));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).evidence()).hasSize(4);
    assertThat(f.get(0).evidence().get(0).subject()).isEqualTo("GET https://app.example.com/dashboard → 302");
    assertThat(f.get(0).evidence().get(0).facts()).containsEntry("loop", "4 hop(s), then https://app.example.com/dashboard again");
  }

  @Test
  void anHttpsUrlRedirectingToItselfPointsToTheForwardedScheme() {
    String u = "https://app.example.com/login";
    List<Finding> f = loops(List.of(hop(1, u, u), hop(2, u, u), hop(3, u, u), new LoopedRedirects(1, List.of(1, 2, 3))));
    assertThat(f).hasSize(1);
    assertThat(f.get(0).evidence().get(0).facts().get("points to")).contains("proxy.forwarded-proto-missing");
  }

  @Test
  void withoutARecordedLoopNothingFiresNotEvenOnRepeatedVisitsOfOneUrl() {
    // An OAuth round trip and a later new visit of the same redirect: the collector recorded no loop.
    List<Observation> o = new ArrayList<>(providerLoop(1));
    o.removeIf(x -> x instanceof LoopedRedirects);
    assertThat(loops(o)).isEmpty();
  }

  @Test
  void aRecordedChainThatNeverRepeatsARedirectIsNoLoop() {
    List<Observation> o = List.of(hop(1, "https://app.example.com/", "/dashboard"), hop(2, "https://app.example.com/dashboard", "/login"),
        hop(3, "https://app.example.com/login", null), new LoopedRedirects(1, List.of(1, 2, 3)));
    assertThat(loops(o)).isEmpty();
  }

  @Test
  void aChainOfTheProbesOwnTrialIsNeverTheUsersLoop() {
    String u = "http://127.0.0.1:8000/login";
    List<Observation> o = List.of(hop(1, u, u), hop(2, u, u), new LoopedRedirects(1, List.of(1, 2)),
        new ForwardingTrial(1, "GET /login", ForwardingTrial.Via.DIRECT, URI.create(u), URI.create("https://app.example.com/login"),
            Map.of(), null, null, List.of(), 302));
    assertThat(loops(o)).isEmpty();
  }

  @Test
  void theCollectorsRepeatTestIsTheChecksCycle() {
    List<HttpExchange> chain = new ArrayList<>();
    for (Observation x : providerLoop(1)) if (x instanceof HttpExchange h) chain.add(h);
    assertThat(RedirectLoop.cycle(chain)).extracting(HttpExchange::step).containsExactly(1, 2, 3, 4);
    assertThat(RedirectLoop.cycle(chain.subList(0, 4))).isEmpty();
  }
}
