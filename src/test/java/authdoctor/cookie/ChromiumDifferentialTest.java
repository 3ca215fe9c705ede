package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserScenarioRunner;
import authdoctor.collect.browser.BrowserStep;
import authdoctor.collect.browser.StoreOutcome;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioParser;
import authdoctor.scenario.ThirdPartyCookies;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The model against real headless Chromium on the lines where Chromium's behaviour was inferred or
 * differs from RFC 6265bis: the same Set-Cookie line goes through {@link CookieJar} and through
 * Chromium ({@link BrowserScenarioRunner}); stored-or-not and the DevTools reasons must agree.
 */
@Tag("browser")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ChromiumDifferentialTest {
  private BrowserScenarioRunner runner;
  private final ObjectMapper json = new ObjectMapper();

  @BeforeAll
  void startBrowser() throws Exception {
    runner = BrowserScenarioRunner.start();
    runner.warmUp(ThirdPartyCookies.ALLOWED);
  }

  @AfterAll
  void stopBrowser() {
    if (runner != null) runner.close();
  }

  static Stream<String[]> lines() {
    return Stream.of(
        new String[] {"https://app.example.com/a/b", "tab=b\tc"},
        new String[] {"https://app.example.com/a/b", "tabattr=1; Path=/x\ty"},
        new String[] {"http://app.example.com/a/b", "trailingtab=1; Secure\t"},
        new String[] {"https://app.example.com/a/b", "nonascii=1; Path=/caf\u00e9"},
        new String[] {"https://app.example.com/a/b", "space=1; Path=/x y"},
        new String[] {"https://app.example.com/a/b", "dots=1; Path=/a/../b"},
        new String[] {"https://app.example.com/a/b", "dot=1; Path=/a/./b"},
        new String[] {"https://app.example.com/a/b", "escaped=1; Path=/f%6Fo"},
        new String[] {"https://app.example.com/a/b", "query=1; Path=/x?y"},
        new String[] {"https://app.example.com/a/b", "hash=1; Path=/x#y"},
        new String[] {"https://app.example.com/a/b", "quote=1; Path=/x\"y"},
        new String[] {"https://app.example.com/a/b", "brace=1; Path=/x{y}"},
        new String[] {"https://app.example.com/a/b", "backslash=1; Path=/x\\y"},
        new String[] {"https://app.example.com/a/b", "=amb=iguous"},
        new String[] {"https://app.example.com/a/b", "y1600=1; Expires=Sat, 01 Jan 1600 00:00:00 GMT"},
        new String[] {"https://app.example.com/a/b", "plus=1; Max-Age=+60"},
        new String[] {"https://app.example.com/a/b", "longs=1; SameSite=\u017Ftrict"},
        new String[] {"https://app.example.com/a/b", "__Host-emptydomain=1; Secure; Path=/; Domain="},
        new String[] {"https://app.example.com/a/b", "trailingdot=1; Domain=example.com."},
        new String[] {"https://app.example.com/a/b", "partnosecure=1; Partitioned"},
        new String[] {"https://app.example.com/a/b", "__Http-x=1; Secure"},
        new String[] {"https://app.example.com/a/b", "__http-y=1; Secure; HttpOnly"},
        new String[] {"https://app.example.com/a/b", "=__Host-hidden=1"},
        new String[] {"https://app.example.com/a/b", "star=1; Domain=*.example.com"},
        new String[] {"https://app.example.com/a/b", "under=1; Domain=a_b.example.com"},
        new String[] {"https://app.example.com/a/b", "justvalue"},
        new String[] {"https://app.example.com/a/b", "=noequals"},
        new String[] {"https://app.example.com/a/b", "=a=b"},
        new String[] {"https://app.example.com/a/b", "y5=1; Expires=Thu, 12-Aug-31841 20:49:07 GMT"},
        new String[] {"https://app.example.com/a/b", "y69=1; Expires=Thu, 01 Jan 69 00:00:00 GMT"},
        new String[] {"http://localhost/a/b", "localsecure=1; Secure"},
        new String[] {"http://app.localhost/a/b", "sublocal=1; Secure; SameSite=None"},
        new String[] {"https://app.example.com/a/b", "bigattr=1; Path=/" + "p".repeat(1100)},
        new String[] {"https://me.github.io/a/b", "psl=1; Domain=github.io"},
        new String[] {"https://app.example.com/a/b", "nonasciidomain=1; Domain=ex\u00e4mple.com"},
        new String[] {"https://app.example.com/a/b", "del=1; Max-Age=0"},
        new String[] {"https://app.example.com/a/b", "delneg=1; Max-Age=-1"});
  }

  @ParameterizedTest(name = "{1}")
  @MethodSource("lines")
  void modelAgreesWithChromium(String url, String line) throws Exception {
    String yaml =
        "steps:\n  - response: " + url + "\n    set_cookie: [" + json.writeValueAsString(line) + "]\n";
    CookieScenario s = ScenarioParser.parse(yaml, "differential.yaml");
    BrowserRun run = runner.run(s);
    StoreOutcome chromium = ((BrowserStep.Response) run.steps().get(0)).cookies().get(0);

    SetResult model =
        new CookieJar(java.time.Clock.systemUTC()).receive(URI.create(url), line, RequestContext.typed());
    List<String> modelReasons = new ArrayList<>();
    for (ExclusionReason r : model.exclusions()) {
      String d = r.devtoolsReason(true);
      if (d != null) modelReasons.add(d);
    }
    System.out.printf(
        "DIFF %-60s chromium stored=%s inJar=%s reasons=%s | model stored=%s reasons=%s%n",
        line.replace("\t", "<TAB>"), chromium.stored(), chromium.inJar(), chromium.reasons(),
        model.stored(), model.exclusions());
    assertThat(model.stored()).as("stored").isEqualTo(chromium.inJar());
    assertThat(modelReasons).as("DevTools reasons").containsExactlyInAnyOrderElementsOf(chromium.reasons());
  }
}
