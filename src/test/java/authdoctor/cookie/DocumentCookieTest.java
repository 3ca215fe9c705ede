package authdoctor.cookie;

import static authdoctor.cookie.ExclusionReason.*;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The non-HTTP API: SPAs read their CSRF cookie from {@code document.cookie}. */
class DocumentCookieTest {
  static final URI PAGE = URI.create("https://app.example.com/dashboard");

  private final CookieJar jar = new CookieJar(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

  @Test
  void httpOnlyCookieIsInvisibleToScript() {
    jar.receive(PAGE, "sid=1; HttpOnly; Path=/", RequestContext.typed());
    jar.receive(PAGE, "csrf=2; Path=/", RequestContext.typed());
    assertThat(jar.documentCookie(PAGE)).isEqualTo("csrf=2");
    assertThat(jar.documentCookieDecisions(PAGE, null).named("sid"))
        .singleElement()
        .satisfies(d -> assertThat(d.exclusions()).containsExactly(EXCLUDE_HTTP_ONLY));
  }

  @Test
  void scriptCannotSetAnHttpOnlyCookie() {
    SetResult r = jar.setDocumentCookie(PAGE, "a=1; HttpOnly");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_HTTP_ONLY);
    assertThat(r.finding()).isNull();
    assertThat(jar.setDocumentCookie(PAGE, "a=1").stored()).isTrue();
  }

  @Test
  void scriptCannotOverwriteAnHttpOnlyCookie() {
    jar.receive(PAGE, "sid=1; HttpOnly; Path=/", RequestContext.typed());
    SetResult r = jar.setDocumentCookie(PAGE, "sid=2; Path=/");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_OVERWRITE_HTTP_ONLY);
    assertThat(jar.cookies()).singleElement().extracting(StoredCookie::value).isEqualTo("1");
    assertThat(jar.setDocumentCookie(PAGE, "sid=2; Path=/dashboard").stored()).isTrue();
  }

  @Test
  void scriptMaySetStrictCookiesInASameSiteDocument() {
    assertThat(jar.setDocumentCookie(PAGE, "a=1; SameSite=Strict").stored()).isTrue();
    assertThat(jar.documentCookie(PAGE)).isEqualTo("a=1");
  }

  @Test
  void scriptInACrossSiteIframeCannotSetLaxCookies() {
    URI top = URI.create("https://shop.test/");
    SetResult r = jar.setDocumentCookie(PAGE, top, "a=1; SameSite=Lax");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SAMESITE_LAX);
    assertThat(jar.setDocumentCookie(PAGE, top, "a=1; SameSite=None; Secure").stored()).isTrue();
    assertThat(jar.documentCookie(PAGE, top)).isEqualTo("a=1");
  }

  @Test
  void scriptOnHttpCannotSetSecureCookies() {
    SetResult r = jar.setDocumentCookie(URI.create("http://app.example.com/"), "a=1; Secure");
    assertThat(r.exclusions()).containsExactly(EXCLUDE_SECURE_ONLY);
    assertThat(r.finding()).isEqualTo("cookie.secure-over-http");
  }

  @Test
  void documentCookieOfAnEmptyJarIsEmpty() {
    assertThat(jar.documentCookie(PAGE)).isEmpty();
  }
}
