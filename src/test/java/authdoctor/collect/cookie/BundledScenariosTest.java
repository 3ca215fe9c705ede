package authdoctor.collect.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.check.Engine;
import authdoctor.check.Stack;
import authdoctor.checks.Checks;
import authdoctor.observation.Observations;
import authdoctor.testing.TestRedactors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class BundledScenariosTest {
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  /** What each shipped scenario must show: its error and warning ids, exactly. */
  private static final Map<String, Set<String>> EXPECTED =
      Map.of(
          "oauth-state-strict.yaml", Set.of("cookie.samesite-blocks-flow"),
          "saml-post-lax.yaml", Set.of("cookie.samesite-blocks-flow"),
          "embedded-widget-3pc.yaml", Set.of("cookie.third-party-context"),
          "api-subdomain-host-only.yaml", Set.of("cookie.scope-excludes-host"),
          "logout-wrong-path.yaml", Set.of("session.logout-cookie-not-cleared"),
          "http-login-secure-cookie.yaml", Set.of("cookie.secure-over-http"),
          "host-prefix-with-domain.yaml", Set.of("cookie.prefix-violation"));

  @Test
  void everyBundledScenarioShowsExactlyItsBugAndHasASymptom() {
    List<BundledScenarios.Bundled> all = BundledScenarios.all();
    assertThat(all).extracting(BundledScenarios.Bundled::name).containsExactlyInAnyOrderElementsOf(EXPECTED.keySet());
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), Clock.fixed(NOW, ZoneOffset.UTC), TestRedactors.fixed());
    for (BundledScenarios.Bundled b : all) {
      assertThat(b.symptom()).as(b.name()).isNotBlank();
      var obs = new Observations(ScenarioReplay.run(b.scenario(), NOW).observations());
      Set<String> ids = new TreeSet<>();
      for (Finding f : engine.run(obs, Stack.UNKNOWN).findings()) {
        if (f.severity().atLeast(Severity.WARN)) ids.add(f.id());
      }
      assertThat(ids).as(b.name()).isEqualTo(new TreeSet<>(EXPECTED.get(b.name())));
    }
  }
}
