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
    assertThat(stored(run, 1, 0)).isEqualTo(new StoredCookie(0, "bad", false, List.of("SameSiteNoneInsecure")));
    assertThat(stored(run, 1, 1)).isEqualTo(new StoredCookie(1, "good", true, List.of()));
    assertThat(run.jar()).extracting(JarCookie::name).containsExactly("good");
  }
}
