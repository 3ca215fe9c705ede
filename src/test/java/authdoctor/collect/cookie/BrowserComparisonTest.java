package authdoctor.collect.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserStep;
import authdoctor.collect.browser.DevtoolsReasons;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.collect.browser.StoreOutcome;
import authdoctor.cookie.CatalogIds;
import authdoctor.cookie.Context;
import authdoctor.cookie.ExclusionReason;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pairing the model's answers with a browser's, without a browser: the browser side is written by hand. */
class BrowserComparisonTest {
  private static final URI APP = URI.create("https://app.example.com/");
  private static final Instant NOW = Instant.parse("2026-11-26T10:00:00Z");

  private static List<authdoctor.observation.Observation> model(String... lines) {
    CookieScenario s =
        new CookieScenario(
            ThirdPartyCookies.ALLOWED,
            List.of(
                new ResponseStep(APP, "GET", Context.NAVIGATION, null, Duration.ZERO, List.of(lines), null),
                new RequestStep(APP, "GET", Context.SUBRESOURCE, URI.create("https://other.example.net"), Duration.ZERO)));
    return ScenarioReplay.run(s, NOW).observations();
  }

  private static BrowserRun run(BrowserStep... steps) {
    return new BrowserRun("Chrome/test", ThirdPartyCookies.ALLOWED, List.of(steps), List.of(), Duration.ZERO);
  }

  @Test
  void schemefulPrefixIsDroppedAndReasonsMapToExclusionsAndFindings() {
    assertThat(DevtoolsReasons.normalize("SchemefulSameSiteLax")).isEqualTo("SameSiteLax");
    assertThat(DevtoolsReasons.normalize("SecureOnly")).isEqualTo("SecureOnly");
    assertThat(DevtoolsReasons.exclusion("SchemefulSameSiteStrict", false)).contains(ExclusionReason.EXCLUDE_SAMESITE_STRICT);
    assertThat(DevtoolsReasons.exclusion("NotOnPath", true)).isEmpty();
    assertThat(DevtoolsReasons.finding(List.of("SchemefulSameSiteLax", "UserPreferences"), false, false))
        .isEqualTo(CatalogIds.SAMESITE_BLOCKS_FLOW);
    assertThat(DevtoolsReasons.finding(List.of("InvalidDomain"), true, true)).isEqualTo(CatalogIds.DOMAIN_PUBLIC_SUFFIX);
    assertThat(DevtoolsReasons.finding(List.of("InvalidDomain"), true, false)).isEqualTo(CatalogIds.DOMAIN_MISMATCH);
    assertThat(DevtoolsReasons.finding(List.of(), true, false)).isNull();
  }

  @Test
  void agreeingAnswersArePairedPerLineAndPerCookie() {
    BrowserComparison.Result r =
        BrowserComparison.compare(
            model("lax=1; Secure; SameSite=Lax", "bad=1; SameSite=None"),
            run(
                new BrowserStep.Response(1, APP, List.of(new StoreOutcome(0, "lax", true, List.of(), true), new StoreOutcome(1, "bad", false, List.of("SameSiteNoneInsecure"), false))),
                new BrowserStep.Request(2, APP, List.of(new SendOutcome("lax", "app.example.com", "/", false, List.of("SchemefulSameSiteLax"))), List.of())));
    assertThat(r.pairs()).hasSize(3).allMatch(p -> Boolean.TRUE.equals(p.agree()));
    BrowserComparison.StorePair bad = (BrowserComparison.StorePair) r.step(1).get(1);
    assertThat(bad.browserStored()).isFalse();
    assertThat(bad.browserFinding()).isEqualTo(CatalogIds.SAMESITE_NONE_INSECURE);
    assertThat(((BrowserComparison.SendPair) r.step(2).get(0)).browserFinding()).isEqualTo(CatalogIds.SAMESITE_BLOCKS_FLOW);
    assertThat(r.disagreements()).isEmpty();
  }

  @Test
  void aLineTheBrowserAcceptedButDidNotKeepIsNotStored() {
    // Partitioned without Secure: DevTools reports no block, yet nothing is in the jar.
    BrowserComparison.Result r =
        BrowserComparison.compare(
            model("p=1; Partitioned"),
            run(new BrowserStep.Response(1, APP, List.of(new StoreOutcome(0, "p", true, List.of(), false))),
                new BrowserStep.Request(2, APP, List.of(), List.of())));
    assertThat(r.step(1)).singleElement().satisfies(p -> assertThat(p.agree()).isTrue());
  }

  @Test
  void aLineWhoseNameComesAgainInTheResponseIsJudgedOnlyOnBlocking() {
    // foo is stored, then deleted by the third line: after the response it is not in the jar.
    BrowserComparison.Result r =
        BrowserComparison.compare(
            model("foo=1; Max-Age=60", "bar=1", "foo=; Max-Age=0"),
            run(new BrowserStep.Response(1, APP, List.of(new StoreOutcome(0, "foo", true, List.of(), false), new StoreOutcome(1, "bar", true, List.of(), true),
                    new StoreOutcome(2, "foo", true, List.of(), false))),
                new BrowserStep.Request(2, APP, List.of(), List.of())));
    assertThat(r.step(1)).hasSize(3).allSatisfy(p -> assertThat(p.agree()).isTrue());
  }

  @Test
  void aCookieOnlyOneSideHasDisagrees() {
    BrowserComparison.Result r =
        BrowserComparison.compare(
            model("none=1; Secure; SameSite=None"),
            run(new BrowserStep.Response(1, APP, List.of(new StoreOutcome(0, "none", true, List.of(), true))),
                new BrowserStep.Request(2, APP, List.of(new SendOutcome("ghost", "app.example.com", "/", true, List.of())), List.of("ghost"))));
    List<BrowserComparison.Pair> request = r.step(2);
    assertThat(request).hasSize(2);
    BrowserComparison.SendPair none = (BrowserComparison.SendPair) request.get(0);
    assertThat(none.browser()).isNull();
    assertThat(none.agree()).as("the model sends it, the browser did not report it").isFalse();
    BrowserComparison.SendPair ghost = (BrowserComparison.SendPair) request.get(1);
    assertThat(ghost.model()).isNull();
    assertThat(ghost.agree()).isFalse();
  }

  @Test
  void aStepTheBrowserDidNotReplayIsNotComparableAndCarriesANote() {
    BrowserComparison.Result r =
        BrowserComparison.compare(
            model("a=1; Secure"),
            run(new BrowserStep.Response(1, APP, List.of(new StoreOutcome(0, "a", true, List.of(), true))),
                new BrowserStep.NotReplayed(2, APP, "waits PT1H before it runs")));
    assertThat(r.step(2)).singleElement().satisfies(p -> assertThat(p.agree()).isNull());
    assertThat(r.notes().get(2)).contains("not replayed").contains("PT1H");
  }
}
