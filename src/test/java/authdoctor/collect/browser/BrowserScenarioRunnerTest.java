package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioParser;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Replays scenarios in real headless Chromium (Debian's {@code chromium} package). */
@Tag("browser")
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BrowserScenarioRunnerTest {
  private static BrowserScenarioRunner runner;

  @BeforeAll
  static void startBrowser() throws Exception {
    long t0 = System.nanoTime();
    runner = BrowserScenarioRunner.start();
    runner.warmUp(authdoctor.scenario.ThirdPartyCookies.ALLOWED);
    System.out.printf("browser start-up: %d ms%n", (System.nanoTime() - t0) / 1_000_000);
  }

  @AfterAll
  static void stopBrowser() {
    if (runner != null) runner.close();
  }

  private static BrowserRun run(String yaml) throws Exception {
    CookieScenario s = ScenarioParser.parse(yaml, "test.yaml");
    BrowserRun run = runner.run(s);
    System.out.printf("scenario: %d ms: %s%n", run.elapsed().toMillis(), run);
    return run;
  }

  private static StoredCookie stored(BrowserRun run, int step, int line) {
    return ((BrowserStep.Response) run.steps().get(step - 1)).cookies().get(line);
  }

  private static BrowserStep.Request request(BrowserRun run, int step) {
    return (BrowserStep.Request) run.steps().get(step - 1);
  }

  private static SentCookie cookie(BrowserStep.Request r, String name) {
    return r.cookies().stream().filter(c -> c.name().equals(name)).findFirst().orElseThrow(() -> new AssertionError(name + " not associated: " + r));
  }

  @Test
  void sameSiteNoneWithoutSecureIsBlocked() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/login
                set_cookie: ["bad=1; SameSite=None", "good=1; SameSite=None; Secure"]
            """);
    assertThat(stored(run, 1, 0)).isEqualTo(new StoredCookie(0, "bad", false, List.of("SameSiteNoneInsecure"), false));
    assertThat(stored(run, 1, 1)).isEqualTo(new StoredCookie(1, "good", true, List.of(), true));
    assertThat(run.jar()).extracting(JarCookie::name).containsExactly("good");
  }

  @Test
  void secureCookieFromHttpIsBlocked() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: http://app.example.com/login
                set_cookie: ["s=1; Secure", "plain=1"]
            """);
    assertThat(stored(run, 1, 0)).isEqualTo(new StoredCookie(0, "s", false, List.of("SecureOnly"), false));
    assertThat(stored(run, 1, 1).stored()).isTrue();
  }

  @Test
  void domainOfPublicSuffixIsBlocked() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://shop.co.uk/
                set_cookie: ["wide=1; Domain=co.uk", "ok=1; Domain=shop.co.uk"]
            """);
    assertThat(stored(run, 1, 0)).isEqualTo(new StoredCookie(0, "wide", false, List.of("InvalidDomain"), false));
    assertThat(stored(run, 1, 1).stored()).isTrue();
    assertThat(run.jar()).singleElement().satisfies(c -> assertThat(c.domain()).isEqualTo(".shop.co.uk"));
  }

  @Test
  void laxCookieIsWithheldFromCrossSiteSubresourceAndSentOnTypedNavigation() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/login
                set_cookie: ["lax=1; SameSite=Lax; Secure"]
              - request: https://app.example.com/api/me
                context: subresource
                from: https://evil.example
              - request: https://app.example.com/dashboard
            """);
    BrowserStep.Request crossSite = request(run, 2);
    assertThat(cookie(crossSite, "lax")).satisfies(c -> {
      assertThat(c.sent()).isFalse();
      // Chromium 156 reports every SameSite exclusion in its Schemeful* form, even between two https
      // sites; older versions said SameSiteLax unless only the scheme differed.
      assertThat(c.reasons()).singleElement().isIn("SameSiteLax", "SchemefulSameSiteLax");
    });
    assertThat(crossSite.receivedCookieNames()).isEmpty();
    BrowserStep.Request typed = request(run, 3);
    assertThat(cookie(typed, "lax").sent()).isTrue();
    assertThat(typed.receivedCookieNames()).containsExactly("lax");
  }

  @Test
  void cookieIsWithheldOffItsPath() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/app/login
                set_cookie: ["p=1; Path=/app; Secure"]
              - request: https://app.example.com/other
              - request: https://app.example.com/app/home
            """);
    assertThat(cookie(request(run, 2), "p").reasons()).containsExactly("NotOnPath");
    assertThat(request(run, 2).receivedCookieNames()).isEmpty();
    assertThat(request(run, 3).sentNames()).containsExactly("p");
    assertThat(request(run, 3).receivedCookieNames()).containsExactly("p");
  }

  private static final String THIRD_PARTY =
      """
      third_party_cookies: %s
      steps:
        - response: https://tracker.example/login
          set_cookie: ["tp=1; SameSite=None; Secure"]
        - request: https://tracker.example/api
          context: subresource
          from: https://shop.example
      """;

  @Test
  void thirdPartyCookieIsSentInCrossSiteFetchWhenAllowed() throws Exception {
    BrowserRun run = run(THIRD_PARTY.formatted("allowed"));
    assertThat(stored(run, 1, 0).stored()).isTrue();
    assertThat(cookie(request(run, 2), "tp").sent()).isTrue();
    assertThat(request(run, 2).receivedCookieNames()).containsExactly("tp");
  }

  @Test
  void thirdPartyCookieIsWithheldInCrossSiteFetchWhenBlocked() throws Exception {
    BrowserRun run = run(THIRD_PARTY.formatted("blocked"));
    assertThat(stored(run, 1, 0).stored()).isTrue();
    SentCookie tp = cookie(request(run, 2), "tp");
    assertThat(tp.sent()).isFalse();
    assertThat(tp.reasons()).containsAnyOf("UserPreferences", "ThirdPartyPhaseout");
    assertThat(request(run, 2).receivedCookieNames()).isEmpty();
  }

  @Test
  void scenariosDoNotShareCookies() throws Exception {
    BrowserRun first =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["leak=1; Secure; SameSite=None"]
              - request: https://app.example.com/
            """);
    assertThat(request(first, 2).sentNames()).containsExactly("leak");
    BrowserRun second =
        run("""
            steps:
              - request: https://app.example.com/
            """);
    assertThat(request(second, 1).cookies()).isEmpty();
    assertThat(request(second, 1).receivedCookieNames()).isEmpty();
    assertThat(second.jar()).isEmpty();
  }
}
