package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.catalog.Catalog;
import authdoctor.checks.proxy.ProxyForwardedProtoMissing;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import authdoctor.testing.ProbeFixture;
import authdoctor.testing.TestRedactors;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two detectors of one id — the live one and a second source — give one finding with the evidence of
 * both, each where it was seen; each detector keeps its own outcome.
 */
class SeveralDetectorsTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  private static final String ID = "proxy.forwarded-proto-missing";
  private static final Location HAR_ENTRY = new Location.HarEntryRef(4);

  /**
   * A second source for the id, for this test only: in a browser's HAR, an https request answered with
   * a redirect to plain http on the same host.
   */
  @CheckSpec(id = ID, severity = Severity.ERROR, needs = HttpExchange.class)
  static final class ProxyForwardedProtoMissingInHar implements Check {
    @Override
    public List<Finding> run(Observations observations, CheckContext ctx) {
      List<Evidence> evidence = new ArrayList<>();
      for (HttpExchange x : observations.of(HttpExchange.class)) {
        if (!(x.location() instanceof Location.HarEntryRef) || !x.isHttps()) continue;
        Redirects.target(x).filter(t -> "http".equals(t.getScheme()) && t.getHost().equals(x.url().getHost()))
            .ifPresent(t -> evidence.add(ctx.evidence(x, "header", "HAR redirect",
                ctx.redactor().header("Location", x.responseHeader("Location").orElseThrow()))));
      }
      return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
    }
  }

  /** The live detector's fires fixture: the trials that prove the proxy sends no X-Forwarded-Proto. */
  private static List<Observation> liveTrials() throws IOException {
    Path fixture = Path.of("src/test/resources/checks", ID, "fires-direct-with-header-fixes-it.probe.yaml");
    return ProbeFixture.parse(Files.readString(fixture)).observations();
  }

  /** The HAR's redirect, https → http, seen at entry 4. */
  private static HttpExchange harRedirect() {
    URI url = URI.create("https://app.example.com/login");
    return new HttpExchange(9, "HAR entry 4", "POST", url, List.of(), 302, "http/1.1",
        List.of(new HeaderField("Location", "http://app.example.com/dashboard")), "", false,
        Duration.ZERO, null, null, null, List.of(), null, null, HAR_ENTRY);
  }

  private static Engine engine(Check... detectors) {
    return new Engine(List.of(detectors), Catalog.bundled(), CLOCK, TestRedactors.fixed());
  }

  @Test
  void bothDetectorsReportingGiveOneFindingWithTheEvidenceOfBoth() throws IOException {
    List<Observation> all = new ArrayList<>(liveTrials());
    all.add(harRedirect());
    Observations observations = new Observations(all);
    Finding live = engine(new ProxyForwardedProtoMissing()).run(observations, Stack.UNKNOWN).findings().get(0);

    Engine.Result r = engine(new ProxyForwardedProtoMissing(), new ProxyForwardedProtoMissingInHar())
        .run(observations, Stack.UNKNOWN);

    assertThat(r.findings()).hasSize(1);
    Finding merged = r.findings().get(0);
    assertThat(merged.id()).isEqualTo(ID);
    assertThat(merged.title()).isEqualTo(live.title());
    List<Evidence> evidence = merged.evidence();
    assertThat(evidence).hasSize(live.evidence().size() + 1);
    assertThat(evidence.subList(0, live.evidence().size())).isEqualTo(live.evidence());
    Evidence fromHar = evidence.get(evidence.size() - 1);
    assertThat(fromHar.location()).isEqualTo(HAR_ENTRY);
    assertThat(fromHar.excerpt().text()).contains("http://app.example.com/dashboard");
    assertThat(live.evidence()).allMatch(e -> e.location() instanceof Location.ExchangeRef);
    assertThat(r.outcomes()).containsExactly(new Outcome.Ran(ID, 1), new Outcome.Ran(ID, 1));
  }

  @Test
  void oneDetectorReportingLeavesItsFindingAsItIs() throws IOException {
    Observations observations = new Observations(liveTrials());
    Finding alone = engine(new ProxyForwardedProtoMissing()).run(observations, Stack.UNKNOWN).findings().get(0);

    Engine.Result r = engine(new ProxyForwardedProtoMissing(), new ProxyForwardedProtoMissingInHar())
        .run(observations, Stack.UNKNOWN);

    assertThat(r.findings()).containsExactly(alone);
    assertThat(r.outcomes()).containsExactly(new Outcome.Ran(ID, 1),
        new Outcome.NotApplicable(ID, "no HttpExchange observed"));
  }
}
