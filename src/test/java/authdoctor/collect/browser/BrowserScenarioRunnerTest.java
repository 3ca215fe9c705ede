package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioParser;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
    runner.warmUp(ThirdPartyCookies.ALLOWED);
    System.out.printf("browser start-up (with the third-party self-check): %d ms%n", (System.nanoTime() - t0) / 1_000_000);
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

  private static StoreOutcome stored(BrowserRun run, int step, int line) {
    return ((BrowserStep.Response) run.steps().get(step - 1)).cookies().get(line);
  }

  private static BrowserStep.Request request(BrowserRun run, int step) {
    return (BrowserStep.Request) run.steps().get(step - 1);
  }

  private static SendOutcome cookie(BrowserStep.Request r, String name) {
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
    assertThat(stored(run, 1, 0)).isEqualTo(new StoreOutcome(0, "bad", false, List.of("SameSiteNoneInsecure"), false));
    assertThat(stored(run, 1, 1)).isEqualTo(new StoreOutcome(1, "good", true, List.of(), true));
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
    assertThat(stored(run, 1, 0)).isEqualTo(new StoreOutcome(0, "s", false, List.of("SecureOnly"), false));
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
    assertThat(stored(run, 1, 0)).isEqualTo(new StoreOutcome(0, "wide", false, List.of("InvalidDomain"), false));
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
        - response: https://tracker.example/sync
          context: subresource
          from: https://shop.example
          set_cookie: ["sync=1; SameSite=None; Secure"]
      """;

  @Test
  void thirdPartyCookieIsSentInCrossSiteFetchWhenAllowed() throws Exception {
    BrowserRun run = run(THIRD_PARTY.formatted("allowed"));
    assertThat(stored(run, 1, 0).stored()).isTrue();
    assertThat(cookie(request(run, 2), "tp").sent()).isTrue();
    assertThat(request(run, 2).receivedCookieNames()).containsExactly("tp");
    assertThat(stored(run, 3, 0)).isEqualTo(new StoreOutcome(0, "sync", true, List.of(), true));
  }

  @Test
  void thirdPartyCookieIsWithheldInCrossSiteFetchWhenBlocked() throws Exception {
    BrowserRun run = run(THIRD_PARTY.formatted("blocked"));
    assertThat(stored(run, 1, 0).stored()).isTrue();
    SendOutcome tp = cookie(request(run, 2), "tp");
    assertThat(tp.sent()).isFalse();
    assertThat(tp.reasons()).containsAnyOf("UserPreferences", "ThirdPartyPhaseout");
    assertThat(request(run, 2).receivedCookieNames()).isEmpty();
    StoreOutcome sync = stored(run, 3, 0);
    assertThat(sync.stored()).isFalse();
    assertThat(sync.reasons()).singleElement().isIn("UserPreferences", "ThirdPartyPhaseout");
    assertThat(sync.inJar()).isFalse();
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

  @Test
  void crossSiteFormPostSendsRecentUnspecifiedCookieButNotLax() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/login
                set_cookie: ["unspec=1; Secure", "lax=1; Secure; SameSite=Lax"]
              - request: https://app.example.com/callback
                method: POST
                from: https://idp.example
            """);
    BrowserStep.Request post = request(run, 2);
    // Lax-allowing-unsafe: a cookie without SameSite, under 2 minutes old, rides a cross-site top-level POST.
    assertThat(cookie(post, "unspec").sent()).isTrue();
    assertThat(cookie(post, "lax").sent()).isFalse();
    assertThat(cookie(post, "lax").reasons()).singleElement().isIn("SameSiteLax", "SchemefulSameSiteLax");
    assertThat(post.receivedCookieNames()).containsExactly("unspec");
  }

  @Test
  void crossSiteIframeGetsOnlySameSiteNoneCookies() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["none=1; Secure; SameSite=None", "lax=1; Secure; SameSite=Lax"]
              - request: https://app.example.com/widget
                context: iframe
                from: https://blog.example
            """);
    BrowserStep.Request frame = request(run, 2);
    assertThat(frame.sentNames()).containsExactly("none");
    assertThat(frame.receivedCookieNames()).containsExactly("none");
    assertThat(cookie(frame, "lax").sent()).isFalse();
  }

  @Test
  void crossSiteImageGetsOnlySameSiteNoneCookies() throws Exception {
    runner.subresourceVia(BrowserScenarioRunner.Subresource.IMAGE);
    try {
      BrowserRun run =
          run("""
              steps:
                - response: https://app.example.com/
                  set_cookie: ["none=1; Secure; SameSite=None", "lax=1; Secure; SameSite=Lax"]
                - request: https://app.example.com/pixel.gif
                  context: subresource
                  from: https://blog.example
              """);
      assertThat(request(run, 2).sentNames()).containsExactly("none");
      assertThat(request(run, 2).receivedCookieNames()).containsExactly("none");
    } finally {
      runner.subresourceVia(BrowserScenarioRunner.Subresource.FETCH);
    }
  }

  @Test
  void dateHeaderShiftsExpiresLikeChromium() throws Exception {
    Instant before = Instant.now();
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                date: 2000-01-01T00:00:00Z
                set_cookie: ["d=1; Expires=Sun, 02 Jan 2000 00:00:00 GMT"]
            """);
    // Chromium reads Expires relative to the server's Date: one day after it means one day from now.
    assertThat(stored(run, 1, 0).inJar()).isTrue();
    Instant expires = run.jar().getFirst().expires();
    assertThat(expires).isBetween(before.plus(Duration.ofHours(23)), Instant.now().plus(Duration.ofHours(25)));
  }

  @Test
  void deletionAndInvalidPartitionedAreAcceptedButNotInJar() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["gone=1; Max-Age=0", "part=1; Partitioned", "kept=1"]
            """);
    assertThat(((BrowserStep.Response) run.steps().getFirst()).cookies())
        .extracting(StoreOutcome::name, StoreOutcome::inJar)
        .containsExactly(tuple("gone", false), tuple("part", false), tuple("kept", true));
    assertThat(run.jar()).extracting(JarCookie::name).containsExactly("kept");
  }

  @Test
  void mixedContentFetchIsNotSent() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - request: http://api.example.com/data
                context: subresource
                from: https://app.example.com
            """);
    assertThat(run.steps().getFirst()).isInstanceOfSatisfying(BrowserStep.NotSent.class, n -> assertThat(n.error()).contains("mixed-content"));
    assertThat(runner.server().received()).isEmpty();
  }

  @Test
  void longWaitsAndForeignAddressesAreNotReplayed() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["a=1"]
              - request: https://app.example.com/
                after: 3m
              - request: https://app.example.com/
            """);
    assertThat(run.steps().get(0)).isInstanceOf(BrowserStep.Response.class);
    assertThat(run.steps().get(1)).isInstanceOfSatisfying(BrowserStep.NotReplayed.class, n -> assertThat(n.reason()).contains("PT3M"));
    assertThat(run.steps().get(2)).isInstanceOfSatisfying(BrowserStep.NotReplayed.class, n -> assertThat(n.reason()).startsWith("follows step 2"));
    assertThat(run.complete()).isFalse();
    BrowserRun foreign = run("steps: [{request: 'https://10.1.2.3/'}]");
    assertThat(foreign.steps().getFirst()).isInstanceOfSatisfying(BrowserStep.NotReplayed.class, n -> assertThat(n.reason()).contains("10.1.2.3"));
  }

  @Test
  void cookieValuesNeverAppearInResults() throws Exception {
    String secret = "v4lu3S3cr3tXYZ";
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["sid=%s; Secure", "bad=%s; SameSite=None"]
              - request: https://app.example.com/
            """.formatted(secret, secret));
    assertThat(request(run, 2).sentNames()).containsExactly("sid");
    assertThat(run.toString()).doesNotContain(secret);
    assertThat(BrowserRunJson.toJson(run).toString()).doesNotContain(secret).contains("\"sent\":true");
    assertThat(runner.server().received().toString()).doesNotContain(secret);
  }

  @Test
  void debianChromiumBlocksThirdPartyCookiesInBrowserContextsByDefault() throws Exception {
    // Without a cookie_controls_mode preference the browser's own default applies.
    try (BrowserScenarioRunner own = BrowserScenarioRunner.start()) {
      own.cookieControlsMode(ThirdPartyCookies.ALLOWED, null);
      BrowserRun run = own.run(ScenarioParser.parse(THIRD_PARTY.formatted("allowed"), "default.yaml"));
      assertThat(cookie(request(run, 2), "tp").reasons()).containsExactly("UserPreferences");
    }
  }

  @Test
  void missingChromiumIsOneClearLine() {
    assertThatThrownBy(() -> BrowserScenarioRunner.start((java.nio.file.Path) null))
        .isInstanceOf(BrowserException.class)
        .hasMessageContaining("apt-get install chromium")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void somethingElseThanChromiumFailsClearly() throws Exception {
    try (BrowserScenarioRunner own = BrowserScenarioRunner.start(Path.of("/bin/false"))) {
      assertThatThrownBy(() -> own.warmUp(ThirdPartyCookies.ALLOWED))
          .isInstanceOf(BrowserException.class)
          .hasMessageStartingWith("Chromium exited at start with code 1");
    }
  }

  @Test
  void hstsPreloadedHostIsUpgradedBeforeSecureIsChecked() throws Exception {
    // .dev is on Chromium's HSTS preload list: http://myapp.dev is fetched over https, so Secure is kept.
    BrowserRun run =
        run("""
            steps:
              - response: http://myapp.dev/login
                set_cookie: ["s=1; Secure"]
              - request: http://myapp.dev/home
            """);
    assertThat(stored(run, 1, 0).stored()).isTrue();
    assertThat(request(run, 2).receivedCookieNames()).containsExactly("s");
  }

  @Test
  void preflightedFetchSendsCookiesOnTheActualRequest() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://a.example.com/
                set_cookie: ["dom=1; Domain=example.com; Secure; SameSite=Lax", "host=1; Secure"]
              - request: https://b.example.com/api
                method: PUT
                context: subresource
                from: https://a.example.com
            """);
    BrowserStep.Request put = request(run, 2);
    assertThat(put.sentNames()).containsExactly("dom");
    assertThat(cookie(put, "host").reasons()).containsExactly("DomainMismatch");
    assertThat(put.receivedCookieNames()).containsExactly("dom");
  }

  @Test
  void loginFormPostWithoutFromIsReplayedSameSite() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/login
                method: post
                set_cookie: ["sid=1; Secure; HttpOnly; SameSite=Strict"]
              - request: https://app.example.com/account
                method: Post
                context: navigation
                from: https://app.example.com
            """);
    assertThat(stored(run, 1, 0).stored()).isTrue();
    assertThat(request(run, 2).sentNames()).containsExactly("sid");
    assertThat(run.jar()).singleElement().satisfies(c -> {
      assertThat(c.httpOnly()).isTrue();
      assertThat(c.sameSite()).isEqualTo("Strict");
    });
  }

  @Test
  void httpCannotOverwriteASecureCookie() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["sid=1; Secure"]
              - response: http://app.example.com/
                set_cookie: ["sid=2"]
            """);
    assertThat(stored(run, 2, 0)).isEqualTo(new StoreOutcome(0, "sid", false, List.of("OverwriteSecure"), false));
    assertThat(run.jar()).singleElement().satisfies(c -> assertThat(c.secure()).isTrue());
  }

  @Test
  void aBrowserThatIgnoresTheThirdPartySettingIsRefused() throws Exception {
    // Mode 2 ("block in Incognito") does not block in DevTools browser contexts: asking for 'blocked'
    // with it must fail the start-up self-check rather than report allowed cookies as blocked ones.
    try (BrowserScenarioRunner own = BrowserScenarioRunner.start()) {
      own.cookieControlsMode(ThirdPartyCookies.BLOCKED, 2);
      assertThatThrownBy(() -> own.warmUp(ThirdPartyCookies.BLOCKED))
          .isInstanceOf(BrowserException.class)
          .hasMessageStartingWith("Chromium ignored the third-party cookie setting");
    }
  }

  @Test
  void shortWaitsAreReplayedInRealTime() throws Exception {
    BrowserRun run =
        run("""
            steps:
              - response: https://app.example.com/
                set_cookie: ["short=1; Max-Age=1", "long=1; Max-Age=3600"]
              - request: https://app.example.com/
                after: 1500ms
            """);
    assertThat(run.complete()).isTrue();
    // Max-Age=1 has run out 1.5 s later: Chromium drops the cookie instead of withholding it.
    assertThat(request(run, 2).cookies()).extracting(SendOutcome::name).containsExactly("long");
    assertThat(request(run, 2).receivedCookieNames()).containsExactly("long");
  }
}
