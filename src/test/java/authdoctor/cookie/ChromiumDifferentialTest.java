package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserScenarioRunner;
import authdoctor.collect.browser.BrowserStep;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.collect.browser.StoreOutcome;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observation;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioParser;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.time.Instant;
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
        new String[] {"https://app.example.com/a/b", "delneg=1; Max-Age=-1"},
        new String[] {"https://home.example.org/a/b", "emptylast=1; Domain=foo.example.org; Domain="},
        new String[] {"https://app.example.com/a/b", "leadingdot=1; Domain=.EXAMPLE.com"},
        new String[] {"https://app.example.com/a/b", "samehost=1; Domain=app.example.com"},
        new String[] {"https://app.example.com/a/b", "sibling=1; Domain=api.example.com"},
        new String[] {"https://app.example.com/a/b", "percent=1; Domain=ex%61mple.com"},
        new String[] {"https://app.example.com/a/b", "noneinsecure=1; SameSite=None"},
        new String[] {"https://app.example.com/a/b", "big=" + "v".repeat(4096)},
        new String[] {"https://app.example.com/a/b", "fits=" + "v".repeat(4091)},
        new String[] {"https://app.example.com/a/b", "=__Secure-x"},
        new String[] {"http://app.example.com/a/b", "__Secure-y=1; Secure"},
        new String[] {"https://app.example.com/a/b", "__Host-z=1; Secure"},
        new String[] {"https://app.example.com/a/b", "far=1; Max-Age=99999999999"},
        new String[] {"https://app.example.com/a/b", "hour=1; Max-Age=3600; Expires=Thu, 01 Jan 2099 00:00:00 GMT"},
        new String[] {"https://app.example.com/a/b", "badmax=1; Max-Age=1h; Expires=Thu, 01 Jan 2099 00:00:00 GMT"},
        new String[] {"https://app.example.com/a/b", "badexp=1; Expires=tomorrow"},
        new String[] {"https://app.example.com/a/b", "flags=1; Secure; HttpOnly; Path=/x/; Partitioned"});
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
    if (model.stored()) {
      // The stored cookie itself: scope, flags, persistence (expiry within a minute: two clocks).
      authdoctor.collect.browser.JarCookie real =
          run.jar().stream().filter(j -> j.name().equals(model.name())).findFirst().orElseThrow();
      StoredCookie mine = model.cookie();
      System.out.printf("     jar: chromium %s %s exp=%s | model %s %s exp=%s%n", real.domain(), real.path(),
          real.expires(), mine.domain(), mine.path(), mine.expiry());
      assertThat(mine.domain()).as("domain").isEqualTo(real.domain());
      assertThat(mine.path()).as("path").isEqualTo(real.path());
      assertThat(mine.secure()).as("secure").isEqualTo(real.secure());
      assertThat(mine.httpOnly()).as("httpOnly").isEqualTo(real.httpOnly());
      assertThat(mine.partitioned()).as("partitioned").isEqualTo(real.partitionKey() != null);
      assertThat(mine.persistent()).as("persistent").isEqualTo(!real.session());
      if (mine.expiry() != null && real.expires() != null) {
        assertThat(java.time.Duration.between(mine.expiry(), real.expires()).abs())
            .as("expiry")
            .isLessThan(java.time.Duration.ofMinutes(1));
      }
    }
  }

  /** Cookies set by a typed navigation to app.example.com, then one request in some context. */
  static final String JAR =
      """
      steps:
        - response: https://app.example.com/login
          set_cookie:
            - "strict=1; Path=/; SameSite=Strict"
            - "lax=1; Path=/; SameSite=Lax"
            - "unset=1; Path=/"
            - "none=1; Path=/; SameSite=None; Secure"
            - "api=1; Path=/api"
            - "secure=1; Path=/; Secure; SameSite=None"
            - "dom=1; Path=/; Domain=example.com; SameSite=None; Secure"
        - request: %s
          method: %s
          context: %s
      %s""";

  static Stream<String[]> requests() {
    return Stream.of(
        new String[] {"https://app.example.com/api/x", "GET", "navigation", ""},
        new String[] {"https://app.example.com/apiv2", "GET", "navigation", ""},
        new String[] {"https://app.example.com/", "GET", "navigation", "https://idp.test"},
        new String[] {"https://app.example.com/", "POST", "navigation", "https://idp.test"},
        new String[] {"https://app.example.com/", "GET", "subresource", "https://shop.test"},
        new String[] {"https://app.example.com/", "GET", "subresource", "https://www.example.com"},
        new String[] {"https://app.example.com/", "GET", "iframe", "https://shop.test"},
        new String[] {"https://app.example.com/", "GET", "navigation", "http://www.example.com"},
        new String[] {"https://api.example.com/", "GET", "navigation", ""},
        new String[] {"http://app.example.com/", "GET", "navigation", ""});
  }

  /** Requests in a browser that blocks third-party cookies (cookies set first-party first). */
  @ParameterizedTest(name = "3PC blocked: {1} {0} {2} from {3}")
  @MethodSource("requests")
  void modelSendsWhatChromiumSendsWithThirdPartyCookiesBlocked(
      String url, String method, String context, String from) throws Exception {
    modelSendsWhatChromiumSends("third_party_cookies: blocked\n", url, method, context, from);
  }

  @ParameterizedTest(name = "{1} {0} {2} from {3}")
  @MethodSource("requests")
  void modelSendsWhatChromiumSends(String url, String method, String context, String from)
      throws Exception {
    modelSendsWhatChromiumSends("", url, method, context, from);
  }

  private void modelSendsWhatChromiumSends(
      String header, String url, String method, String context, String from) throws Exception {
    String yaml =
        header + JAR.formatted(url, method, context, from.isEmpty() ? "" : "    from: " + from + "\n");
    CookieScenario s = ScenarioParser.parse(yaml, "differential.yaml");
    BrowserRun run = runner.run(s);
    BrowserStep step = run.steps().get(1);
    assertThat(step).isInstanceOf(BrowserStep.Request.class);
    BrowserStep.Request chromium = (BrowserStep.Request) step;

    SendResult model = null;
    for (Observation o : ScenarioReplay.run(s, Instant.now()).observations()) {
      if (o instanceof CookieSendEvent e) model = e.result();
    }
    assertThat(model).isNotNull();
    List<String> modelSent = model.sent().stream().map(StoredCookie::name).toList();
    System.out.printf("SEND %s %s %s from %s: chromium %s | model %s%n", method, url, context, from,
        chromium.sentNames(), modelSent);
    assertThat(modelSent).as("Cookie header order").isEqualTo(chromium.sentNames());
    for (SendOutcome c : chromium.cookies()) {
      CookieDecision d =
          model.named(c.name()).stream().filter(x -> x.cookie().path().equals(c.path())).findFirst().orElseThrow();
      System.out.printf("    %-7s chromium sent=%s %s | model sent=%s %s%n", c.name(), c.sent(), c.reasons(),
          d.sent(), d.devtoolsReasons());
      assertThat(d.sent()).as(c.name()).isEqualTo(c.sent());
      assertThat(d.devtoolsReasons()).as(c.name()).containsExactlyInAnyOrderElementsOf(c.reasons());
    }
  }

  static Stream<String[]> setContexts() {
    return Stream.of(
        new String[] {"allowed", "GET", "subresource", "https://shop.test"},
        new String[] {"allowed", "GET", "subresource", "https://www.example.com"},
        new String[] {"allowed", "GET", "iframe", "https://shop.test"},
        new String[] {"allowed", "POST", "navigation", "https://idp.test"},
        new String[] {"allowed", "GET", "subresource", "http://www.example.com"},
        new String[] {"blocked", "GET", "iframe", "https://shop.test"},
        new String[] {"blocked", "GET", "navigation", "https://shop.test"});
  }

  /** The same lines set by a response in different contexts (and third-party cookie settings). */
  @ParameterizedTest(name = "3PC {0}: {1} {2} from {3}")
  @MethodSource("setContexts")
  void modelStoresWhatChromiumStoresInEveryContext(
      String thirdParty, String method, String context, String from) throws Exception {
    String yaml =
        """
        third_party_cookies: %s
        steps:
          - response: https://app.example.com/login
            method: %s
            context: %s
            from: %s
            set_cookie:
              - "strict=1; Path=/; SameSite=Strict"
              - "lax=1; Path=/; SameSite=Lax"
              - "unset=1; Path=/"
              - "none=1; Path=/; SameSite=None; Secure"
              - "chips=1; Path=/; SameSite=None; Secure; Partitioned"
        """
            .formatted(thirdParty, method, context, from);
    CookieScenario s = ScenarioParser.parse(yaml, "differential.yaml");
    BrowserRun run = runner.run(s);
    List<StoreOutcome> chromium = ((BrowserStep.Response) run.steps().get(0)).cookies();
    List<SetResult> model = new ArrayList<>();
    for (Observation o : ScenarioReplay.run(s, Instant.now()).observations()) {
      if (o instanceof authdoctor.observation.CookieSetEvent e) model.add(e.result());
    }
    for (int i = 0; i < chromium.size(); i++) {
      StoreOutcome c = chromium.get(i);
      SetResult m = model.get(i);
      System.out.printf("SET 3PC %s %s %s from %s: %-7s chromium inJar=%s %s | model stored=%s %s%n",
          thirdParty, method, context, from, c.name(), c.inJar(), c.reasons(), m.stored(), m.devtoolsReasons());
      assertThat(m.stored()).as(c.name()).isEqualTo(c.inJar());
      assertThat(m.devtoolsReasons()).as(c.name()).containsExactlyInAnyOrderElementsOf(c.reasons());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overwrites")
  void modelOverwritesAsChromiumDoes(String name, String yaml) throws Exception {
    CookieScenario s = ScenarioParser.parse(yaml, "differential.yaml");
    BrowserRun run = runner.run(s);
    List<SetResult> model = new ArrayList<>();
    for (Observation o : ScenarioReplay.run(s, Instant.now()).observations()) {
      if (o instanceof authdoctor.observation.CookieSetEvent e) model.add(e.result());
    }
    int i = 0;
    for (BrowserStep step : run.steps()) {
      if (!(step instanceof BrowserStep.Response r)) continue;
      for (StoreOutcome c : r.cookies()) {
        SetResult m = model.get(i++);
        System.out.printf("OVERWRITE %s step %d %s: chromium stored=%s inJar=%s %s | model stored=%s deleted=%s %s%n",
            name, step.step(), c.name(), c.stored(), c.inJar(), c.reasons(), m.stored(), m.deleted(), m.devtoolsReasons());
        assertThat(m.devtoolsReasons()).as(c.name()).containsExactlyInAnyOrderElementsOf(c.reasons());
      }
    }
    List<String> modelHeaders = new ArrayList<>();
    for (Observation o : ScenarioReplay.run(s, Instant.now()).observations()) {
      if (o instanceof CookieSendEvent e) {
        modelHeaders.add(e.result().sent().stream().map(StoredCookie::name).toList().toString());
      }
    }
    List<String> chromiumHeaders = new ArrayList<>();
    for (BrowserStep step : run.steps()) {
      if (step instanceof BrowserStep.Request r) chromiumHeaders.add(r.receivedCookieNames().toString());
    }
    System.out.printf("OVERWRITE %s headers: chromium %s | model %s%n", name, chromiumHeaders, modelHeaders);
    assertThat(modelHeaders).isEqualTo(chromiumHeaders);
    List<String> chromiumJar = run.jar().stream().map(j -> j.name() + " " + j.path()).sorted().toList();
    CookieJar jar = ScenarioReplay.run(s, Instant.now()).jar();
    List<String> modelJar = jar.cookies().stream().map(c -> c.name() + " " + c.path()).sorted().toList();
    System.out.printf("OVERWRITE %s jar: chromium %s | model %s%n", name, chromiumJar, modelJar);
    assertThat(modelJar).isEqualTo(chromiumJar);
  }

  static Stream<String[]> overwrites() {
    return Stream.of(
        new String[] {
          "order of one response and of two",
          """
          steps:
            - response: https://app.example.com/x/page
              set_cookie: ["b=1; Path=/", "a=1; Path=/", "c=1; Path=/x", "d=1; Path=/x/", "e=1"]
            - response: https://app.example.com/x/page
              set_cookie: ["f=1; Path=/", "b=2; Path=/", "a=1; Path=/"]
            - request: https://app.example.com/x/y
          """
        },
        new String[] {
          "partitioned cookie only in its partition",
          """
          steps:
            - response: https://widget.test/embed
              context: iframe
              from: https://shop.test
              set_cookie: ["chips=1; Path=/; Secure; SameSite=None; Partitioned", "plain=1; Path=/; Secure; SameSite=None"]
            - request: https://widget.test/embed
              context: iframe
              from: https://shop.test
            - request: https://widget.test/embed
              context: iframe
              from: https://news.test
            - request: https://widget.test/
          """
        },
        new String[] {
          "localhost over http gets Secure cookies",
          """
          steps:
            - response: http://localhost/login
              set_cookie: ["sec=1; Path=/; Secure", "none=1; Path=/; Secure; SameSite=None", "plain=1; Path=/"]
            - request: http://localhost/app
            - request: http://app.localhost/app
          """
        },
        new String[] {
          "host-only and domain cookie of one name",
          """
          steps:
            - response: https://app.example.com/
              set_cookie: ["sid=host; Path=/", "sid=dom; Path=/; Domain=example.com"]
            - request: https://app.example.com/
          """
        },
        new String[] {
          "http cannot overwrite secure",
          """
          steps:
            - response: https://app.example.com/
              set_cookie: ["sid=1; Path=/; Secure"]
            - response: http://app.example.com/
              set_cookie: ["sid=2; Path=/", "sid=; Path=/; Max-Age=0", "other=1; Path=/"]
          """
        },
        new String[] {
          "http subdomain cannot shadow secure parent",
          """
          steps:
            - response: https://example.com/
              set_cookie: ["sid=1; Path=/; Secure"]
            - response: http://www.example.com/
              set_cookie: ["sid=2; Path=/", "sid=3; Path=/; Domain=example.com"]
          """
        },
        new String[] {
          "logout with another path leaves the cookie",
          """
          steps:
            - response: https://app.example.com/auth/login
              set_cookie: ["sid=1; Path=/"]
            - response: https://app.example.com/auth/logout
              set_cookie: ["sid=; Max-Age=0", "sid=; Path=/auth; Max-Age=0"]
          """
        },
        new String[] {
          "logout that matches deletes",
          """
          steps:
            - response: https://app.example.com/auth/login
              set_cookie: ["sid=1; Path=/", "keep=1; Path=/"]
            - response: https://app.example.com/auth/logout
              set_cookie: ["sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT"]
          """
        });
  }
}
