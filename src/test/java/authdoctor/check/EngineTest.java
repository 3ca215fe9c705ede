package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.checks.Checks;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.testing.Exchanges;
import authdoctor.testing.TestRedactors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class EngineTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @CheckSpec(id = "tls.hsts-missing", severity = Severity.INFO, needs = HttpExchange.class)
  static final class Throws implements Check {
    @Override
    public List<Finding> run(Observations o, CheckContext ctx) {
      throw new IllegalStateException("boom");
    }
  }

  @CheckSpec(id = "tls.hsts-missing", severity = Severity.ERROR, needs = HttpExchange.class)
  static final class WrongSeverity implements Check {
    @Override
    public List<Finding> run(Observations o, CheckContext ctx) {
      return List.of();
    }
  }

  private Engine engine(Check... checks) {
    return new Engine(List.of(checks), Catalog.bundled(), CLOCK, TestRedactors.fixed());
  }

  @Test
  void checkWithoutItsObservationsIsNotApplicable() {
    var r = engine(Checks.ALL.toArray(Check[]::new)).run(Observations.of(), Stack.UNKNOWN);
    assertThat(r.findings()).isEmpty();
    assertThat(r.outcomes()).allMatch(o -> o instanceof Outcome.NotApplicable);
    assertThat(r.outcomes()).map(o -> ((Outcome.NotApplicable) o).missing())
        .contains("no HttpExchange observed", "no CookieSetEvent observed");
  }

  @Test
  void crashingCheckIsRecordedAndTheRunGoesOn() {
    var obs = Observations.of(Exchanges.https(1, "https://app.example.com/", 200));
    var r = engine(new Throws(), new authdoctor.checks.tls.TlsHstsMissing()).run(obs, Stack.UNKNOWN);
    assertThat(r.outcomes().get(0)).isInstanceOf(Outcome.Crashed.class);
    assertThat(((Outcome.Crashed) r.outcomes().get(0)).message()).contains("boom");
    assertThat(r.outcomes().get(1)).isEqualTo(new Outcome.Ran("tls.hsts-missing", 1));
    assertThat(r.findings()).extracting(Finding::id).containsExactly("tls.hsts-missing");
  }

  @Test
  void specWhoseSeverityDisagreesWithTheCatalogIsRefused() {
    assertThatThrownBy(() -> engine(new WrongSeverity()))
        .hasMessageContaining("tls.hsts-missing")
        .hasMessageContaining("catalog says INFO");
  }

  @Test
  void findingCarriesProseAndTheFixForTheDetectedStack() {
    var obs = Observations.of(Exchanges.https(1, "https://app.example.com/", 200));
    var r = engine(new authdoctor.checks.tls.TlsHstsMissing()).run(obs, new Stack("nginx", "django", null));
    Finding f = r.findings().get(0);
    assertThat(f.title()).isEqualTo(Catalog.bundled().get("tls.hsts-missing").title());
    assertThat(f.fix()).startsWith("Django:\n```python").contains("SECURE_HSTS_SECONDS").contains("nginx: ");
    assertThat(f.fixes()).containsKeys("nginx", "django", "any");
  }
}
