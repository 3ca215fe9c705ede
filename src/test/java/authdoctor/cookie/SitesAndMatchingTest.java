package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

/** Registrable domains, sites and the match rules of RFC 6265bis §5.1.3–5.1.4. */
class SitesAndMatchingTest {
  private final Sites sites = new Sites();

  @Test
  void registrableDomainUsesThePublicSuffixListWithPrivateRegistries() {
    assertThat(sites.registrableDomain("www.shop.co.uk")).isEqualTo("shop.co.uk");
    assertThat(sites.registrableDomain("me.github.io")).isEqualTo("me.github.io");
    assertThat(sites.registrableDomain("github.io")).isEmpty();
    assertThat(sites.registrableDomain("co.uk")).isEmpty();
  }

  @Test
  void unknownTopLevelDomainFollowsTheImplicitStarRule() {
    assertThat(sites.registrableDomain("www.web-platform.test")).isEqualTo("web-platform.test");
    assertThat(sites.registrableDomain("localhost")).isEmpty();
  }

  @Test
  void ipAddressesHaveNoRegistrableDomain() {
    assertThat(sites.registrableDomain("192.168.0.1")).isEmpty();
    assertThat(sites.registrableDomain("[::1]")).isEmpty();
  }

  @Test
  void sitesAreSchemefulAndIgnorePorts() {
    URI https = URI.create("https://app.example.com:8443/");
    assertThat(sites.sameSite(URI.create("https://api.example.com/"), https, true)).isTrue();
    assertThat(sites.sameSite(URI.create("http://api.example.com/"), https, true)).isFalse();
    assertThat(sites.sameSite(URI.create("http://api.example.com/"), https, false)).isTrue();
    assertThat(sites.sameSite(URI.create("wss://app.example.com/"), https, true)).isTrue();
    assertThat(sites.site(https)).isEqualTo("https://example.com");
  }

  @Test
  void localhostAndLoopbackAreTrustworthy() {
    assertThat(Sites.isLocalhost("localhost")).isTrue();
    assertThat(Sites.isLocalhost("api.localhost")).isTrue();
    assertThat(Sites.isLocalhost("127.8.9.10")).isTrue();
    assertThat(Sites.isLocalhost("[::1]")).isTrue();
    assertThat(Sites.isLocalhost("localhost.example")).isFalse();
    assertThat(Sites.isLocalhost("128.0.0.1")).isFalse();
  }

  @Test
  void hostIsLowercasedAndTakenFromUnusualAuthorities() {
    assertThat(Sites.host(URI.create("https://App.Example.COM/x"))).isEqualTo("app.example.com");
    assertThat(Sites.host(URI.create("http://user@my_app.example:8080/"))).isEqualTo("my_app.example");
    assertThat(Sites.host(URI.create("http://[::1]:8080/"))).isEqualTo("[::1]");
  }

  @Test
  void domainMatchIsExactForHostOnlyAndSuffixForDomainCookies() {
    assertThat(CookieRules.domainMatch("example.com", "example.com")).isTrue();
    assertThat(CookieRules.domainMatch("example.com", "www.example.com")).isFalse();
    assertThat(CookieRules.domainMatch(".example.com", "example.com")).isTrue();
    assertThat(CookieRules.domainMatch(".example.com", "www.example.com")).isTrue();
    assertThat(CookieRules.domainMatch(".example.com", "badexample.com")).isFalse();
  }

  @Test
  void pathMatchNeedsASegmentBoundary() {
    assertThat(CookieRules.pathMatch("/", "/anything")).isTrue();
    assertThat(CookieRules.pathMatch("/api", "/api")).isTrue();
    assertThat(CookieRules.pathMatch("/api", "/api/users")).isTrue();
    assertThat(CookieRules.pathMatch("/api/", "/api/users")).isTrue();
    assertThat(CookieRules.pathMatch("/api", "/apiv2")).isFalse();
    assertThat(CookieRules.pathMatch("/api/", "/api")).isFalse();
  }

  @Test
  void defaultPathIsTheRequestPathUpToItsLastSlash() {
    assertThat(CookieRules.defaultPath(URI.create("https://a.test/"))).isEqualTo("/");
    assertThat(CookieRules.defaultPath(URI.create("https://a.test"))).isEqualTo("/");
    assertThat(CookieRules.defaultPath(URI.create("https://a.test/login"))).isEqualTo("/");
    assertThat(CookieRules.defaultPath(URI.create("https://a.test/auth/login?x=1"))).isEqualTo("/auth");
    assertThat(CookieRules.defaultPath(URI.create("https://a.test/auth/"))).isEqualTo("/auth");
  }

  @Test
  void requestPathIsCanonicalAsInAUrlParser() {
    assertThat(CookieRules.requestPath(URI.create("https://a.test/a/./b/../c"))).isEqualTo("/a/c");
    // Escapes stay as written: Chromium 156 withholds a Path=/foo cookie from /f%6Fo (differential test).
    assertThat(CookieRules.requestPath(URI.create("https://a.test/f%6Fo/%2F"))).isEqualTo("/f%6Fo/%2F");
    assertThat(CookieRules.requestPath(URI.create("https://a.test/caf\u00e9"))).isEqualTo("/caf%C3%A9");
  }
}
