package authdoctor.cookie;

import static authdoctor.cookie.ExclusionReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.internal.SteppingClock;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Storage rules: one exclusion reason (and its catalog id) per test, with its passing twin. */
class CookieStorageTest {
  static final URI HTTPS = URI.create("https://app.example.com/login");
  static final URI HTTP = URI.create("http://app.example.com/login");

  private static final Instant START = Instant.parse("2026-11-26T10:00:00Z");

  private final SteppingClock clock = new SteppingClock(START);
  private final CookieJar jar = new CookieJar(clock);

  private SetResult set(URI url, String line) {
    return jar.receive(url, line, RequestContext.typed());
  }

  private SetResult setFrom(URI url, String line, RequestContext ctx) {
    return jar.receive(url, line, ctx);
  }

  @Test
  void plainCookieIsStoredHostOnlyWithDefaultPath() {
    SetResult r = set(HTTPS, "sid=1");
    assertThat(r.stored()).isTrue();
    assertThat(r.exclusions()).isEmpty();
    assertThat(r.finding()).isNull();
    assertThat(r.deleted()).isNull();
    assertThat(r.cookie().domain()).isEqualTo("app.example.com");
    assertThat(r.cookie().hostOnly()).isTrue();
    assertThat(r.cookie().path()).isEqualTo("/");
    assertThat(jar.cookies()).hasSize(1);
  }

  @Test
  void defaultPathIsTheDirectoryOfTheResponseUrl() {
    SetResult r = set(URI.create("https://app.example.com/api/v1/login"), "sid=1");
    assertThat(r.cookie().path()).isEqualTo("/api/v1");
  }

  @Test
  void controlCharacterIsRejectedAsInvalidCharacters() {
    SetResult r = set(HTTPS, "sid=a\u0007b");
    assertThat(r.stored()).isFalse();
    assertThat(r.exclusions()).containsExactly(EXCLUDE_DISALLOWED_CHARACTER);
    assertThat(r.finding()).isEqualTo("cookie.invalid-characters");
    assertThat(r.devtoolsReasons()).containsExactly("DisallowedCharacter");
    assertThat(set(HTTPS, "sid=ab").stored()).isTrue();
  }

  @Test
  void emptyNameAndValueIsRejectedAsNoContent() {
    SetResult r = set(HTTPS, "=");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_NO_COOKIE_CONTENT);
    assertThat(r.finding()).isEqualTo("cookie.no-content");
    assertThat(set(HTTPS, "=x").stored()).isTrue();
  }

  @Test
  void nameValueOver4096BytesIsRejectedAsTooLarge() {
    SetResult r = set(HTTPS, "a=" + "v".repeat(4096));
    assertThat(r.exclusions()).containsExactly(EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE);
    assertThat(r.finding()).isEqualTo("cookie.too-large");
    assertThat(set(HTTPS, "a=" + "v".repeat(4095)).stored()).isTrue();
  }

  @Test
  void attributeOver1024BytesIsIgnoredAndReportedAsTooLarge() {
    SetResult r = set(URI.create("https://app.example.com/a/b"), "a=1; Path=/" + "p".repeat(1024));
    assertThat(r.stored()).isTrue();
    assertThat(r.cookie().path()).isEqualTo("/a");
    assertThat(r.warnings()).contains(WarningReason.WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE);
    assertThat(r.finding()).isEqualTo("cookie.too-large");
    SetResult twin = set(URI.create("https://app.example.com/a/b"), "a=1; Path=/" + "p".repeat(1023));
    assertThat(twin.finding()).isNull();
  }

  @Test
  void secureCookieFromHttpIsRejected() {
    SetResult r = set(HTTP, "sid=1; Secure");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SECURE_ONLY);
    assertThat(r.finding()).isEqualTo("cookie.secure-over-http");
    assertThat(r.devtoolsReasons()).containsExactly("SecureOnly");
    assertThat(set(HTTPS, "sid=1; Secure").stored()).isTrue();
  }

  @Test
  void secureCookieFromHttpLocalhostIsStoredWithAWarning() {
    SetResult r = set(URI.create("http://localhost:8080/"), "sid=1; Secure");
    assertThat(r.stored()).isTrue();
    assertThat(r.warnings())
        .contains(
            WarningReason.WARN_SECURE_ACCESS_GRANTED_NON_CRYPTOGRAPHIC,
            WarningReason.WARN_TENTATIVELY_ALLOWING_SECURE_SOURCE_SCHEME);
    assertThat(set(URI.create("http://127.0.0.2/"), "a=1; Secure").stored()).isTrue();
    assertThat(set(URI.create("http://[::1]/"), "b=1; Secure").stored()).isTrue();
    assertThat(set(URI.create("http://app.localhost./"), "c=1; Secure").stored()).isTrue();
    assertThat(set(URI.create("http://localhost.example/"), "d=1; Secure").stored()).isFalse();
  }

  @Test
  void sameSiteNoneWithoutSecureIsRejected() {
    SetResult r = set(HTTPS, "sid=1; SameSite=None");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SAMESITE_NONE_INSECURE);
    assertThat(r.warnings()).contains(WarningReason.WARN_SAMESITE_NONE_INSECURE);
    assertThat(r.finding()).isEqualTo("cookie.samesite-none-insecure");
    assertThat(set(HTTPS, "sid=1; SameSite=None; Secure").stored()).isTrue();
  }

  @Test
  void severalReasonsAreAllReportedAndTheFindingFollowsTheCatalogOrder() {
    RequestContext fromOther = RequestContext.subresource("GET", URI.create("https://evil.test/"));
    SetResult r = setFrom(HTTP, "a=1; Secure; SameSite=Lax", fromOther);
    assertThat(r.exclusions()).containsExactlyInAnyOrder(EXCLUDE_SECURE_ONLY, EXCLUDE_SAMESITE_LAX);
    assertThat(r.finding()).isEqualTo("cookie.secure-over-http");
    SetResult create = set(HTTPS, "__Host-a=1; Secure; Path=/; Domain=other.com");
    assertThat(create.exclusions()).containsExactly(EXCLUDE_INVALID_DOMAIN, EXCLUDE_INVALID_PREFIX);
    assertThat(create.finding()).isEqualTo("cookie.domain-mismatch");
  }

  @Test
  void blockedThirdPartyCookieIsReportedWithUserPreferencesAlone() {
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    SetResult b =
        blocked.receive(HTTPS, "a=1; SameSite=Lax", RequestContext.iframe(URI.create("https://shop.test/")));
    assertThat(b.exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(b.finding()).isEqualTo("cookie.third-party-context");
  }

  @Test
  void blockedThirdPartySetIsRefusedForUserPreferencesAloneWhateverElseIsWrong() {
    // Found by ChromiumDifferentialTest: Chromium never runs the SameSite and Secure checks on a cookie
    // the user's settings already refused, so it reports no SameSiteLax next to UserPreferences.
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    RequestContext fetch = RequestContext.subresource("GET", URI.create("https://other.example.net"));
    SetResult r = blocked.receive(HTTPS, "a=1; Secure; SameSite=Lax", fetch);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(r.devtoolsReasons()).containsExactly("UserPreferences");
    assertThat(r.finding()).isEqualTo("cookie.third-party-context");
    // Create-time reasons (the Domain attribute) still come first, alone.
    SetResult d = blocked.receive(HTTPS, "a=1; Secure; SameSite=None; Domain=other.example.net", fetch);
    assertThat(d.exclusions()).containsExactly(EXCLUDE_INVALID_DOMAIN);
  }

  @Test
  void fetchFromTheSameSiteOverHttpIsThirdPartyForCookieSettings() {
    // Found by ChromiumDifferentialTest: cookie settings compare sites schemefully (SiteForCookies), so
    // http://www.example.com fetching https://app.example.com is third-party when blocking is on.
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    RequestContext fetch = RequestContext.subresource("GET", URI.create("http://www.example.com"));
    SetResult r = blocked.receive(HTTPS, "a=1; Secure; SameSite=None", fetch);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(new CookieJar(clock).receive(HTTPS, "a=1; Secure; SameSite=None", fetch).stored()).isTrue();
  }

  @Test
  void domainAttributeOfAnotherSiteIsRejected() {
    SetResult r = set(HTTPS, "sid=1; Domain=other.com");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_INVALID_DOMAIN);
    assertThat(r.finding()).isEqualTo("cookie.domain-mismatch");
    assertThat(r.devtoolsReasons()).containsExactly("InvalidDomain");
    assertThat(r.cookie()).isNull();
    SetResult twin = set(HTTPS, "sid=1; Domain=example.com");
    assertThat(twin.stored()).isTrue();
    assertThat(twin.cookie().domain()).isEqualTo(".example.com");
  }

  @Test
  void domainAttributeOfASiblingHostIsRejected() {
    SetResult r = set(HTTPS, "sid=1; Domain=api.example.com");
    assertThat(r.finding()).isEqualTo("cookie.domain-mismatch");
    assertThat(set(HTTPS, "sid=1; Domain=app.example.com").stored()).isTrue();
  }

  @Test
  void domainAttributeThatIsAPublicSuffixIsRejected() {
    SetResult r = set(URI.create("https://shop.co.uk/"), "sid=1; Domain=co.uk");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_INVALID_DOMAIN);
    assertThat(r.finding()).isEqualTo("cookie.domain-public-suffix");
    assertThat(set(URI.create("https://shop.co.uk/"), "sid=1; Domain=shop.co.uk").stored()).isTrue();
  }

  @Test
  void privateRegistryLikeGithubIoIsAPublicSuffix() {
    SetResult r = set(URI.create("https://me.github.io/"), "sid=1; Domain=github.io");
    assertThat(r.finding()).isEqualTo("cookie.domain-public-suffix");
    assertThat(set(URI.create("https://me.github.io/"), "sid=1; Domain=me.github.io").stored())
        .isTrue();
  }

  @Test
  void hostThatIsAPublicSuffixMayOnlySetAHostOnlyCookie() {
    SetResult r = set(URI.create("https://github.io/"), "sid=1; Domain=github.io");
    assertThat(r.stored()).isTrue();
    assertThat(r.cookie().hostOnly()).isTrue();
  }

  @Test
  void ipHostAcceptsOnlyItsOwnAddressAsDomain() {
    URI ip = URI.create("http://192.168.1.10/");
    SetResult same = set(ip, "a=1; Domain=192.168.1.10");
    assertThat(same.stored()).isTrue();
    assertThat(same.cookie().hostOnly()).isTrue();
    assertThat(set(ip, "b=1; Domain=168.1.10").exclusions()).containsExactly(EXCLUDE_INVALID_DOMAIN);
  }

  @Test
  void emptyDomainAttributeMakesAHostOnlyCookie() {
    SetResult r = set(HTTPS, "sid=1; Domain=example.com; Domain=");
    assertThat(r.stored()).isTrue();
    assertThat(r.cookie().hostOnly()).isTrue();
  }

  @Test
  void domainWithLeadingDotIsTheSameDomainCookie() {
    assertThat(set(HTTPS, "sid=1; Domain=.EXAMPLE.com").cookie().domain()).isEqualTo(".example.com");
  }

  @Test
  void nonAsciiDomainIsOnlyAWarning() {
    SetResult r = set(URI.create("https://xn--bcher-kva.example/"), "a=1; Domain=bücher.example");
    assertThat(r.stored()).isTrue();
    assertThat(r.warnings()).contains(WarningReason.WARN_DOMAIN_NON_ASCII);
    assertThat(r.cookie().domain()).isEqualTo(".xn--bcher-kva.example");
  }

  @Test
  void nonAsciiPathAttributeIsStoredAsWrittenAndNeverMatchesAnEscapedRequestPath() {
    SetResult r = set(HTTPS, "a=1; Path=/caf\u00e9");
    assertThat(r.stored()).isTrue();
    assertThat(r.cookie().path()).isEqualTo("/caf\u00e9");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/caf%C3%A9"), RequestContext.typed()))
        .isEmpty();
    set(HTTPS, "b=1; Path=/caf%C3%A9");
    assertThat(jar.cookieHeader(URI.create("https://app.example.com/caf%C3%A9"), RequestContext.typed()))
        .contains("b=1");
  }

  @Test
  void asciiPathAttributesAreKeptAsWrittenEvenWhenNoUrlCanMatchThem() {
    // Found by ChromiumDifferentialTest (path/chars-*): Chromium 156 stores these paths verbatim.
    for (String path : List.of("/a b", "/a\"b", "/a<b", "/a>b", "/a\\b", "/a{b}", "/a`b", "/a?b", "/a#b", "/a/./b", "/a/../b", "/a%41b", "/a/.")) {
      SetResult r = set(HTTPS, "a=1; Path=" + path);
      assertThat(r.stored()).as(path).isTrue();
      assertThat(r.cookie().path()).as(path).isEqualTo(path);
    }
  }

  @Test
  void relativePathAttributeFallsBackToTheDefaultPath() {
    SetResult r = set(URI.create("https://app.example.com/a/b"), "a=1; Path=x");
    assertThat(r.cookie().path()).isEqualTo("/a");
  }

  @Test
  void securePrefixNeedsTheSecureAttribute() {
    SetResult r = set(HTTPS, "__Secure-sid=1");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_INVALID_PREFIX);
    assertThat(r.finding()).isEqualTo("cookie.prefix-violation");
    assertThat(set(HTTPS, "__Secure-sid=1; Secure").stored()).isTrue();
  }

  @Test
  void prefixesAreCaseInsensitive() {
    assertThat(set(HTTPS, "__SECURE-sid=1").exclusions()).containsExactly(EXCLUDE_INVALID_PREFIX);
    assertThat(set(HTTPS, "__host-sid=1; Secure").exclusions())
        .containsExactly(EXCLUDE_INVALID_PREFIX);
  }

  @Test
  void hostPrefixNeedsPathSlashAndNoDomain() {
    assertThat(set(HTTPS, "__Host-sid=1; Secure").finding()).isEqualTo("cookie.prefix-violation");
    assertThat(set(HTTPS, "__Host-sid=1; Secure; Path=/; Domain=example.com").finding())
        .isEqualTo("cookie.prefix-violation");
    assertThat(set(HTTPS, "__Host-sid=1; Secure; Path=/").stored()).isTrue();
  }

  @Test
  void httpPrefixNeedsHttpOnly() {
    assertThat(set(HTTPS, "__Http-sid=1; Secure").exclusions()).containsExactly(EXCLUDE_INVALID_PREFIX);
    assertThat(set(HTTPS, "__Http-sid=1; Secure; HttpOnly").stored()).isTrue();
    assertThat(set(HTTPS, "__Host-Http-sid=1; Secure; Path=/").exclusions())
        .containsExactly(EXCLUDE_INVALID_PREFIX);
    assertThat(set(HTTPS, "__Host-Http-sid=1; Secure; Path=/; HttpOnly").stored()).isTrue();
  }

  @Test
  void namelessCookieWhoseValueLooksPrefixedIsRejected() {
    assertThat(set(HTTPS, "=__Secure-sid; Secure").exclusions())
        .containsExactly(EXCLUDE_INVALID_PREFIX);
    assertThat(set(HTTPS, "=__Securx-sid; Secure").stored()).isTrue();
  }

  @Test
  void namelessCookieWithEqualsInItsValueIsRejectedAsAmbiguous() {
    SetResult r = set(HTTPS, "=sid=1");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_AMBIGUOUS_SERIALIZATION);
    assertThat(r.finding()).isEqualTo("cookie.no-content");
    assertThat(r.devtoolsReasons()).isEmpty();
    assertThat(set(HTTPS, "=sid1").stored()).isTrue();
    assertThat(set(HTTPS, "=__Host-x=1").exclusions())
        .containsExactly(EXCLUDE_INVALID_PREFIX, EXCLUDE_AMBIGUOUS_SERIALIZATION);
  }

  @Test
  void partitionedWithoutSecureIsRejected() {
    SetResult r = set(HTTPS, "a=1; Partitioned");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_INVALID_PARTITIONED);
    assertThat(r.finding()).isEqualTo("cookie.partitioned-invalid");
    SetResult twin = set(HTTPS, "a=1; Partitioned; Secure");
    assertThat(twin.stored()).isTrue();
    assertThat(twin.cookie().partitionKey())
        .isEqualTo(new PartitionKey("https://example.com", false));
  }

  @Test
  void nonCookieableSchemeIsRejected() {
    SetResult r = set(URI.create("ftp://files.example.com/"), "a=1");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_NONCOOKIEABLE_SCHEME);
    assertThat(r.devtoolsReasons()).containsExactly("SchemeNotSupported");
    assertThat(r.finding()).isNull();
    assertThat(set(URI.create("wss://files.example.com/"), "a=1").stored()).isTrue();
  }

  @Test
  void urlWithoutHostFailsToStore() {
    SetResult r = set(URI.create("https:///nohost"), "a=1");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_FAILURE_TO_STORE);
  }

  @Test
  void crossSiteSubresourceCannotSetLaxCookie() {
    RequestContext fromOther = RequestContext.subresource("GET", URI.create("https://evil.test/"));
    SetResult r = setFrom(HTTPS, "a=1; SameSite=Lax; Secure", fromOther);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(r.finding()).isEqualTo("cookie.samesite-blocks-flow");
    assertThat(r.schemefulOnly()).isFalse();
    assertThat(r.devtoolsReasons()).containsExactly("SchemefulSameSiteLax");
    assertThat(setFrom(HTTPS, "a=1; SameSite=None; Secure", fromOther).stored()).isTrue();
  }

  @Test
  void crossSiteSubresourceCannotSetStrictCookie() {
    RequestContext fromOther = RequestContext.subresource("GET", URI.create("https://evil.test/"));
    assertThat(setFrom(HTTPS, "a=1; SameSite=Strict", fromOther).exclusions())
        .containsExactly(EXCLUDE_SAMESITE_STRICT);
    RequestContext sameSite =
        RequestContext.subresource("GET", URI.create("https://www.example.com/"));
    assertThat(setFrom(HTTPS, "a=1; SameSite=Strict", sameSite).stored()).isTrue();
  }

  @Test
  void crossSiteIframeCannotSetUnspecifiedCookie() {
    RequestContext iframe = RequestContext.iframe(URI.create("https://shop.test/"));
    SetResult r = setFrom(HTTPS, "a=1", iframe);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX);
    assertThat(r.warnings()).contains(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
    assertThat(setFrom(HTTPS, "a=1", RequestContext.iframe(URI.create("https://example.com/"))).stored())
        .isTrue();
  }

  @Test
  void topLevelNavigationFromAnotherSiteMaySetStrictCookies() {
    RequestContext post = RequestContext.navigation("POST", URI.create("https://idp.test/"));
    assertThat(setFrom(HTTPS, "a=1; SameSite=Strict", post).stored()).isTrue();
  }

  @Test
  void httpAndHttpsOfOneDomainAreCrossSiteSchemefully() {
    RequestContext fromHttp = RequestContext.subresource("GET", URI.create("http://app.example.com/"));
    SetResult r = setFrom(HTTPS, "a=1; SameSite=Lax", fromHttp);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(r.schemefulOnly()).isTrue();
    assertThat(r.devtoolsReasons()).containsExactly("SchemefulSameSiteLax");
  }

  @Test
  void blockedThirdPartyCookiesAreRefusedUnlessPartitioned() {
    CookieJar blocked = new CookieJar(clock, ThirdPartyCookies.BLOCKED);
    RequestContext iframe = RequestContext.iframe(URI.create("https://shop.test/"));
    SetResult r = blocked.receive(HTTPS, "a=1; SameSite=None; Secure", iframe);
    assertThat(r.exclusions()).containsExactly(EXCLUDE_USER_PREFERENCES);
    assertThat(r.finding()).isEqualTo("cookie.third-party-context");
    assertThat(r.devtoolsReasons()).containsExactly("UserPreferences");
    SetResult partitioned =
        blocked.receive(HTTPS, "a=1; SameSite=None; Secure; Partitioned", iframe);
    assertThat(partitioned.stored()).isTrue();
    assertThat(partitioned.cookie().partitionKey())
        .isEqualTo(new PartitionKey("https://shop.test", true));
    assertThat(new CookieJar(clock).receive(HTTPS, "a=1; SameSite=None; Secure", iframe).stored())
        .isTrue();
  }

  @Test
  void httpResponseCannotOverwriteASecureCookie() {
    set(HTTPS, "sid=1; Secure; Path=/");
    SetResult r = set(HTTP, "sid=2; Path=/");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_OVERWRITE_SECURE);
    assertThat(r.finding()).isEqualTo("cookie.secure-overwrite");
    assertThat(r.devtoolsReasons()).containsExactly("OverwriteSecure");
    assertThat(jar.cookies()).singleElement().extracting(StoredCookie::value).isEqualTo("1");
    SetResult twin = set(HTTP, "other=2; Path=/");
    assertThat(twin.stored()).isTrue();
  }

  @Test
  void httpResponseMaySetTheNameOnAPathTheSecureCookieDoesNotCover() {
    set(HTTPS, "sid=1; Secure; Path=/admin");
    assertThat(set(HTTP, "sid=2; Path=/").stored()).isTrue();
    assertThat(set(HTTP, "sid=3; Path=/admin/x").exclusions()).containsExactly(EXCLUDE_OVERWRITE_SECURE);
  }

  @Test
  void httpSubdomainCannotShadowASecureHostOnlyCookieOfItsParent() {
    set(URI.create("https://example.com/"), "sid=1; Secure; Path=/");
    SetResult r = set(URI.create("http://www.example.com/"), "sid=2; Path=/");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_OVERWRITE_SECURE);
    assertThat(set(URI.create("http://www.other.com/"), "sid=2; Path=/").stored()).isTrue();
  }

  @Test
  void sameSiteWarningsAreDroppedWhenAnotherReasonExcludesTheCookie() {
    RequestContext fromOther = RequestContext.subresource("GET", URI.create("https://evil.test/"));
    SetResult onlySameSite = setFrom(HTTPS, "a=1", fromOther);
    assertThat(onlySameSite.warnings()).contains(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
    SetResult alsoSecure = setFrom(HTTP, "a=1; Secure", fromOther);
    assertThat(alsoSecure.exclusions())
        .containsExactlyInAnyOrder(EXCLUDE_SECURE_ONLY, EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX);
    assertThat(alsoSecure.warnings()).doesNotContain(WarningReason.WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT);
  }

  @Test
  void secureCookieFromHttpLocalhostPort80IsRecordedAsPort443() {
    assertThat(set(URI.create("http://localhost/"), "a=1; Secure").cookie().sourcePort()).isEqualTo(443);
    assertThat(set(URI.create("http://localhost/"), "b=1").cookie().sourcePort()).isEqualTo(80);
  }

  @Test
  void sameNameDomainAndPathReplacesTheCookie() {
    set(HTTPS, "sid=1; Path=/");
    SetResult r = set(HTTPS, "sid=2; Path=/; HttpOnly");
    assertThat(r.stored()).isTrue();
    assertThat(jar.cookies()).singleElement().satisfies(c -> {
      assertThat(c.value()).isEqualTo("2");
      assertThat(c.httpOnly()).isTrue();
    });
  }

  @Test
  void otherPathKeepsBothCookies() {
    set(HTTPS, "sid=1; Path=/");
    set(HTTPS, "sid=2; Path=/api");
    assertThat(jar.cookies()).hasSize(2);
  }

  @Test
  void unchangedValueKeepsTheCreationTime() {
    set(HTTPS, "sid=1; Path=/");
    Instant first = jar.cookies().get(0).creation();
    clock.advance(Duration.ofMinutes(5));
    set(HTTPS, "sid=1; Path=/; Secure");
    assertThat(jar.cookies().get(0).creation()).isEqualTo(first);
    set(HTTPS, "sid=2; Path=/; Secure");
    assertThat(jar.cookies().get(0).creation()).isAfter(first);
  }

  @Test
  void maxAgeWinsOverExpires() {
    SetResult r = set(HTTPS, "a=1; Max-Age=60; Expires=Thu, 01 Jan 2099 00:00:00 GMT");
    assertThat(r.cookie().expiry()).isEqualTo(START.plusSeconds(60));
    SetResult invalidMaxAge = set(HTTPS, "b=1; Max-Age=soon; Expires=Fri, 27 Nov 2026 10:00:00 GMT");
    assertThat(invalidMaxAge.cookie().expiry()).isEqualTo(Instant.parse("2026-11-27T10:00:00Z"));
  }

  @Test
  void expiryIsCappedAt400Days() {
    SetResult r = set(HTTPS, "a=1; Expires=Fri, 01 Jan 2100 00:00:00 GMT");
    assertThat(r.cookie().expiry()).isEqualTo(START.plus(Duration.ofDays(400)));
    SetResult m = set(HTTPS, "b=1; Max-Age=999999999999");
    assertThat(m.cookie().expiry()).isEqualTo(START.plus(Duration.ofDays(400)));
  }

  @Test
  void serverDateCorrectsExpiresForClockSkew() {
    // The server's clock is one hour behind: its "expires in 30 minutes" is 30 minutes from now.
    Instant serverNow = START.minus(Duration.ofHours(1));
    List<SetResult> r =
        jar.receive(
            HTTPS, List.of("a=1; Expires=Thu, 26 Nov 2026 09:30:00 GMT"), RequestContext.typed(),
            serverNow);
    assertThat(r.get(0).stored()).isTrue();
    assertThat(r.get(0).cookie().expiry()).isEqualTo(START.plus(Duration.ofMinutes(30)));
    assertThat(set(HTTPS, "b=1; Expires=Thu, 26 Nov 2026 09:30:00 GMT").stored()).isFalse();
  }

  @Test
  void cookieExpiresLazily() {
    set(HTTPS, "a=1; Max-Age=60");
    clock.advance(Duration.ofSeconds(59));
    assertThat(jar.cookies()).hasSize(1);
    clock.advance(Duration.ofSeconds(1));
    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void laterLineOfOneResponseSeesTheEarlierOne() {
    List<SetResult> r =
        jar.receive(HTTPS, List.of("a=1; Path=/", "a=2; Path=/"), RequestContext.typed(), null);
    assertThat(r).extracting(SetResult::stored).containsExactly(true, true);
    assertThat(jar.cookies()).singleElement().extracting(StoredCookie::value).isEqualTo("2");
  }

  @Test
  void perSiteLimitEvictsTheLeastRecentlyUsed() {
    for (int i = 0; i < CookieJar.DOMAIN_MAX_COOKIES + 1; i++) {
      clock.advance(Duration.ofSeconds(1));
      set(HTTPS, "c" + i + "=1");
    }
    List<StoredCookie> left = jar.cookies();
    assertThat(left).hasSize(CookieJar.DOMAIN_MAX_COOKIES - CookieJar.DOMAIN_PURGE_COOKIES);
    assertThat(left).extracting(StoredCookie::name).doesNotContain("c0").contains("c180");
  }

  @Test
  void perSiteLimitKeepsEachPriorityItsQuota() {
    for (int i = 0; i < 40; i++) {
      clock.advance(Duration.ofSeconds(1));
      set(HTTPS, "low" + i + "=1; Priority=Low");
    }
    for (int i = 0; i < 141; i++) {
      clock.advance(Duration.ofSeconds(1));
      set(HTTPS, "med" + i + "=1");
    }
    List<StoredCookie> left = jar.cookies();
    assertThat(left).hasSize(150);
    assertThat(left).filteredOn(c -> c.priority() == CookiePriority.LOW).hasSize(CookieJar.QUOTA_LOW);
    assertThat(left).extracting(StoredCookie::name).doesNotContain("low0", "med0").contains("low39", "med140");
  }

  @Test
  void globalLimitOnlyEvictsCookiesUnusedFor30Days() {
    for (int i = 0; i < 301; i++) set(URI.create("https://old" + i + ".test/"), "c=1");
    clock.advance(Duration.ofDays(31));
    for (int i = 0; i < 3000; i++) set(URI.create("https://new" + i + ".test/"), "c=1");
    assertThat(jar.cookies()).hasSize(CookieJar.MAX_COOKIES - CookieJar.PURGE_COOKIES);
    assertThat(jar.cookies()).extracting(StoredCookie::domain).noneMatch(d -> d.startsWith("old"));
  }

  @Test
  void globalLimitSparesRecentlyUsedCookies() {
    for (int i = 0; i < CookieJar.MAX_COOKIES + 1; i++) {
      set(URI.create("https://h" + i + ".test/"), "c=1");
    }
    assertThat(jar.cookies()).hasSize(CookieJar.MAX_COOKIES + 1);
  }

  @Test
  void partitionedCookiesAreLimitedTo10KiBPerPartitionAndSite() {
    RequestContext inShop = RequestContext.iframe(URI.create("https://shop.test/"));
    for (int i = 0; i < 11; i++) {
      clock.advance(Duration.ofSeconds(1));
      jar.receive(HTTPS, "p" + i + "=" + "v".repeat(1000) + "; Secure; SameSite=None; Partitioned", inShop);
    }
    assertThat(jar.cookies()).hasSize(10).extracting(StoredCookie::name).doesNotContain("p0");
  }

  @Test
  void setResultToStringHidesTheValue() {
    assertThat(set(HTTPS, "sid=s3cr3t-value").toString()).doesNotContain("s3cr3t-value");
  }
}
