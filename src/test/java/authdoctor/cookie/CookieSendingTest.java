package authdoctor.cookie;

import static authdoctor.cookie.ExclusionReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.internal.SteppingClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Sending rules: one exclusion reason (and catalog id) per test with its passing twin. */
class CookieSendingTest {
  static final URI APP = URI.create("https://app.example.com/");
  static final URI IDP = URI.create("https://idp.test/authorize");

  private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

  private final SteppingClock clock = new SteppingClock(START);
  private final CookieJar jar = new CookieJar(clock);

  private void store(URI url, String line) {
    SetResult r = jar.receive(url, line, RequestContext.typed());
    assertThat(r.stored()).as("stored %s", r).isTrue();
  }

  private CookieDecision only(SendResult r) {
    assertThat(r.decisions()).hasSize(1);
    return r.decisions().get(0);
  }

  @Test
  void hostOnlyCookieIsNotSentToASubdomain() {
    store(APP, "sid=1");
    CookieDecision d = only(jar.send(URI.create("https://api.app.example.com/"), RequestContext.typed()));
    assertThat(d.sent()).isFalse();
    assertThat(d.exclusions()).containsExactly(EXCLUDE_DOMAIN_MISMATCH);
    assertThat(d.finding()).isEqualTo("cookie.scope-excludes-host");
    assertThat(d.devtoolsReasons()).containsExactly("DomainMismatch");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/x"), RequestContext.typed()))
        .contains("sid=1");
  }

  @Test
  void domainCookieIsSentToSubdomainsButNotToTheParentsSiblings() {
    store(APP, "sid=1; Domain=app.example.com");
    assertThat(jar.cookieHeader(URI.create("https://api.app.example.com/"), RequestContext.typed()))
        .contains("sid=1");
    assertThat(jar.cookieHeader(URI.create("https://api.example.com/"), RequestContext.typed()))
        .isEmpty();
  }

  @Test
  void pathMustMatchOnSegmentBoundaries() {
    store(APP, "sid=1; Path=/api");
    CookieDecision d = only(jar.send(URI.create("https://app.example.com/apiv2"), RequestContext.typed()));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_NOT_ON_PATH);
    assertThat(d.finding()).isEqualTo("cookie.path-excludes-route");
    assertThat(d.devtoolsReasons()).containsExactly("NotOnPath");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/api/users"), RequestContext.typed()))
        .contains("sid=1");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/api"), RequestContext.typed()))
        .contains("sid=1");
  }

  @Test
  void pathMatchIsCaseSensitive() {
    store(APP, "sid=1; Path=/Admin");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/admin"), RequestContext.typed()))
        .isEmpty();
  }

  @Test
  void escapedUnreservedCharactersInTheRequestPathStayEscaped() {
    // Found by ChromiumDifferentialTest (http-state disabled-path0029): Chromium 156 withholds a
    // Path=/foo cookie from /f%6Fo/x with NotOnPath; the URL keeps its escapes.
    store(APP, "sid=1; Path=/foo");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/f%6Fo/x"), RequestContext.typed()))
        .isEmpty();
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/foo/x"), RequestContext.typed()))
        .contains("sid=1");
  }

  @Test
  void secureCookieIsNotSentOverHttp() {
    store(APP, "sid=1; Secure");
    CookieDecision d = only(jar.send(URI.create("http://app.example.com/"), RequestContext.typed()));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SECURE_ONLY);
    assertThat(d.finding()).isEqualTo("cookie.secure-over-http");
    assertThat(jar.cookieHeader(APP, RequestContext.typed())).contains("sid=1");
  }

  @Test
  void nonSecureCookieIsSentOverHttpsWithASchemeMismatchWarning() {
    store(URI.create("http://app.example.com/"), "sid=1");
    CookieDecision d = only(jar.send(APP, RequestContext.typed()));
    assertThat(d.sent()).isTrue();
    assertThat(d.warnings())
        .contains(WarningReason.WARN_SCHEME_MISMATCH, WarningReason.WARN_PORT_MISMATCH);
  }

  @Test
  void domainCookiesHaveNoPortMismatch() {
    store(URI.create("http://app.example.com/"), "sid=1; Domain=example.com");
    CookieDecision d = only(jar.send(URI.create("http://app.example.com:8080/"), RequestContext.typed()));
    assertThat(d.sent()).isTrue();
    assertThat(d.warnings()).doesNotContain(WarningReason.WARN_PORT_MISMATCH);
  }

  @Test
  void strictCookieIsWithheldOnANavigationFromAnotherSite() {
    store(APP, "sid=1; SameSite=Strict");
    CookieDecision d = only(jar.send(APP, RequestContext.navigation("GET", IDP)));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_STRICT);
    assertThat(d.finding()).isEqualTo("cookie.samesite-blocks-flow");
    assertThat(d.devtoolsReasons()).containsExactly("SchemefulSameSiteStrict");
    assertThat(jar.cookieHeader(APP, RequestContext.navigation("GET", URI.create("https://www.example.com/"))))
        .contains("sid=1");
  }

  @Test
  void laxCookieIsSentOnACrossSiteTopLevelGetButNotOnAPost() {
    store(APP, "sid=1; SameSite=Lax");
    assertThat(jar.cookieHeader(APP, RequestContext.navigation("GET", IDP))).contains("sid=1");
    CookieDecision d = only(jar.send(APP, RequestContext.navigation("POST", IDP)));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(d.finding()).isEqualTo("cookie.samesite-blocks-flow");
  }

  @Test
  void laxCookieIsWithheldFromACrossSiteSubresource() {
    store(APP, "sid=1; SameSite=Lax");
    CookieDecision d = only(jar.send(APP, RequestContext.subresource("GET", URI.create("https://shop.test/"))));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(jar.cookieHeader(APP, RequestContext.subresource("GET", URI.create("https://www.example.com/"))))
        .contains("sid=1");
  }

  @Test
  void unspecifiedSameSiteIsLaxByDefault() {
    store(APP, "sid=1");
    clock.advance(Duration.ofMinutes(3));
    CookieDecision d = only(jar.send(APP, RequestContext.iframe(URI.create("https://shop.test/"))));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX);
    assertThat(d.devtoolsReasons()).containsExactly("SchemefulSameSiteUnspecifiedTreatedAsLax");
    assertThat(d.warnings()).contains(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
    store(APP, "none=1; SameSite=None; Secure");
    assertThat(jar.cookieHeader(APP, RequestContext.iframe(URI.create("https://shop.test/"))))
        .contains("none=1");
  }

  @Test
  void freshUnspecifiedCookieIsSentOnACrossSiteTopLevelPostForTwoMinutes() {
    store(APP, "state=1");
    clock.advance(Duration.ofMinutes(2));
    CookieDecision fresh = only(jar.send(APP, RequestContext.navigation("POST", IDP)));
    assertThat(fresh.sent()).isTrue();
    assertThat(fresh.warnings())
        .contains(WarningReason.WARN_SAMESITE_UNSPECIFIED_LAX_ALLOW_UNSAFE)
        .doesNotContain(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
    clock.advance(Duration.ofSeconds(1));
    CookieDecision stale = only(jar.send(APP, RequestContext.navigation("POST", IDP)));
    assertThat(stale.exclusions()).containsExactly(EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX);
    assertThat(stale.finding()).isEqualTo("cookie.samesite-blocks-flow");
  }

  @Test
  void laxAllowUnsafeDoesNotApplyToExplicitLax() {
    store(APP, "state=1; SameSite=Lax");
    assertThat(only(jar.send(APP, RequestContext.navigation("POST", IDP))).sent()).isFalse();
  }

  @Test
  void httpToHttpsOfTheSameDomainIsCrossSite() {
    store(APP, "sid=1; SameSite=Strict");
    CookieDecision d =
        only(jar.send(APP, RequestContext.navigation("GET", URI.create("http://app.example.com/"))));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_STRICT);
    assertThat(d.schemefulOnly()).isTrue();
    assertThat(d.devtoolsReasons()).containsExactly("SchemefulSameSiteStrict");
  }

  @Test
  void fetchFromAnHttpPageToHttpsOfTheSameDomainIsSchemefullyCrossSite() {
    store(APP, "sid=1; SameSite=Lax");
    CookieDecision d =
        only(jar.send(APP, RequestContext.subresource("GET", URI.create("http://www.example.com/"))));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(d.devtoolsReasons()).containsExactly("SchemefulSameSiteLax");
  }

  @Test
  void localhostPortsAreOneSiteButLocalhostAnd127AreNot() {
    URI api = URI.create("http://localhost:8080/api");
    store(api, "sid=1; SameSite=Strict; Path=/");
    assertThat(jar.cookieHeader(api, RequestContext.subresource("GET", URI.create("http://localhost:3000/"))))
        .contains("sid=1");
    assertThat(jar.cookieHeader(api, RequestContext.subresource("GET", URI.create("http://127.0.0.1:3000/"))))
        .isEmpty();
  }

  @Test
  void crossSiteTopLevelNavigationIsNotThirdParty() {
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    blocked.receive(APP, "sid=1; SameSite=None; Secure", RequestContext.typed());
    assertThat(blocked.cookieHeader(APP, RequestContext.navigation("POST", IDP))).contains("sid=1");
  }

  @Test
  void cookieInAFrameOfACrossSiteFrameIsThirdPartyEvenWhenTheTopIsSameSite() {
    URI top = URI.create("https://www.example.com/");
    URI frame = URI.create("https://widgets.test/frame");
    store(APP, "sid=1; SameSite=Lax");
    CookieDecision d = only(jar.send(APP, RequestContext.subresource("GET", frame, top)));
    assertThat(d.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(jar.cookieHeader(APP, RequestContext.subresource("GET", top, top))).contains("sid=1");
  }

  @Test
  void blockedThirdPartyCookiesAreNotSentInAnIframe() {
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    blocked.receive(APP, "sid=1; SameSite=None; Secure", RequestContext.typed());
    SendResult r = blocked.send(APP, RequestContext.iframe(URI.create("https://shop.test/")));
    assertThat(r.decisions().get(0).exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(r.decisions().get(0).finding()).isEqualTo("cookie.third-party-context");
    assertThat(r.cookieHeader()).isEmpty();
    assertThat(blocked.cookieHeader(APP, RequestContext.typed())).contains("sid=1");
  }

  @Test
  void blockedThirdPartyCookiesIncludeSchemefullyCrossSiteRequests() {
    // Found by ChromiumDifferentialTest: a fetch from http://www.example.com to https://app.example.com
    // is third-party for cookie settings (SiteForCookies is schemeful), and a cookie already withheld
    // for SameSite gets UserPreferences too (AnnotateAndMoveUserBlockedCookies marks every cookie).
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    blocked.receive(APP, "none=1; SameSite=None; Secure", RequestContext.typed());
    blocked.receive(APP, "lax=1; SameSite=Lax; Secure", RequestContext.typed());
    SendResult r = blocked.send(APP, RequestContext.subresource("GET", URI.create("http://www.example.com")));
    assertThat(r.named("none").get(0).exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(r.named("lax").get(0).exclusions()).containsExactlyInAnyOrder(EXCLUDE_SAMESITE_LAX, EXCLUDE_USER_PREFERENCES);
    assertThat(r.cookieHeader()).isEmpty();
  }

  @Test
  void partitionedCookieIsSentOnlyInItsPartition() {
    RequestContext inShop = RequestContext.iframe(URI.create("https://shop.test/"));
    SetResult set = jar.receive(APP, "chips=1; Secure; SameSite=None; Partitioned", inShop);
    assertThat(set.stored()).isTrue();
    assertThat(jar.cookieHeader(APP, inShop)).contains("chips=1");
    CookieDecision elsewhere = only(jar.send(APP, RequestContext.iframe(URI.create("https://news.test/"))));
    assertThat(elsewhere.sent()).isFalse();
    assertThat(elsewhere.otherPartition()).isTrue();
    assertThat(elsewhere.exclusions()).isEmpty();
    assertThat(elsewhere.finding()).isEqualTo("cookie.third-party-context");
    assertThat(jar.cookieHeader(APP, RequestContext.typed())).isEmpty();
  }

  @Test
  void longerPathsComeFirstThenEarlierCreation() {
    URI deep = URI.create("https://app.example.com/a/b/page");
    store(deep, "short=1; Path=/");
    clock.advance(Duration.ofSeconds(1));
    store(deep, "long=1; Path=/a/b");
    store(deep, "mid=1; Path=/a");
    store(deep, "short2=1; Path=/");
    assertThat(jar.cookieHeader(deep, RequestContext.typed()))
        .contains("long=1; mid=1; short=1; short2=1");
  }

  @Test
  void cookiesCreatedAtTheSameInstantKeepTheirOrder() {
    store(APP, "b=1");
    store(APP, "a=1");
    assertThat(jar.cookieHeader(APP, RequestContext.typed())).contains("b=1; a=1");
  }

  @Test
  void namelessCookieIsSentAsItsValueOnly() {
    store(APP, "justvalue");
    store(APP, "empty=");
    assertThat(jar.cookieHeader(APP, RequestContext.typed())).contains("justvalue; empty=");
  }

  @Test
  void domainCookieShadowingAHostCookieIsWarned() {
    store(APP, "sid=1");
    store(APP, "sid=2; Domain=example.com");
    SendResult r = jar.send(APP, RequestContext.typed());
    assertThat(r.cookieHeader()).contains("sid=1; sid=2");
    assertThat(r.named("sid"))
        .filteredOn(d -> !d.cookie().hostOnly())
        .singleElement()
        .satisfies(d -> assertThat(d.warnings()).contains(WarningReason.WARN_SHADOWING_DOMAIN));
  }

  @Test
  void sendingUpdatesLastAccess() {
    store(APP, "sid=1");
    clock.advance(Duration.ofMinutes(1));
    jar.send(APP, RequestContext.typed());
    assertThat(jar.cookies().get(0).lastAccess()).isEqualTo(START.plus(Duration.ofMinutes(1)));
  }

  @Test
  void urlsOfOtherSchemesGetNoCookies() {
    store(APP, "sid=1");
    SendResult r = jar.send(URI.create("ftp://app.example.com/"), RequestContext.typed());
    assertThat(r.decisions()).isEmpty();
    assertThat(r.cookieHeader()).isEmpty();
    assertThat(jar.cookieHeader(URI.create("wss://app.example.com/"), RequestContext.typed()))
        .contains("sid=1");
  }

  @Test
  void sendResultToStringHidesValues() {
    store(APP, "sid=s3cr3t-value");
    assertThat(jar.send(APP, RequestContext.typed()).toString()).doesNotContain("s3cr3t-value");
  }
}
