package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Deletion semantics (product rule): expired Set-Cookie lines delete, or say why they did not. */
class DeletionTest {
  static final URI APP = URI.create("https://app.example.com/auth/login");
  static final URI LOGOUT = URI.create("https://app.example.com/auth/logout");

  private final CookieJar jar = new CookieJar(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

  private SetResult set(URI url, String line) {
    return jar.receive(url, line, RequestContext.typed());
  }

  @Test
  void matchingExpiredCookieDeletesTheStoredOne() {
    set(APP, "sid=1; Path=/");
    SetResult r = set(LOGOUT, "sid=; Path=/; Max-Age=0");
    assertThat(r.deleted()).isTrue();
    assertThat(r.stored()).isFalse();
    assertThat(r.exclusions()).isEmpty();
    assertThat(r.finding()).isNull();
    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void expiresInThePastAlsoDeletes() {
    set(APP, "sid=1; Path=/");
    SetResult r = set(LOGOUT, "sid=; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT");
    assertThat(r.deleted()).isTrue();
    assertThat(jar.cookies()).isEmpty();
  }

  @Test
  void deletionWithAnotherPathLeavesTheCookie() {
    set(APP, "sid=1; Path=/");
    // No Path: the default path is /auth, so the /-cookie stays.
    SetResult r = set(LOGOUT, "sid=; Max-Age=0");
    assertThat(r.deleted()).isFalse();
    assertThat(r.exclusions()).isEmpty();
    assertThat(r.finding()).isEqualTo("session.logout-cookie-not-cleared");
    assertThat(jar.cookies()).hasSize(1);
  }

  @Test
  void deletionWithAnotherDomainLeavesTheCookie() {
    set(APP, "sid=1; Path=/; Domain=example.com");
    SetResult r = set(LOGOUT, "sid=; Path=/; Max-Age=0");
    assertThat(r.deleted()).isFalse();
    assertThat(r.finding()).isEqualTo("session.logout-cookie-not-cleared");
  }

  @Test
  void deletionOverHttpCannotClearASecureCookie() {
    set(APP, "sid=1; Path=/; Secure");
    SetResult r = set(URI.create("http://app.example.com/logout"), "sid=; Path=/; Max-Age=0");
    assertThat(r.deleted()).isFalse();
    assertThat(r.exclusions()).containsExactly(ExclusionReason.EXCLUDE_OVERWRITE_SECURE);
    assertThat(r.finding()).isEqualTo("cookie.secure-overwrite");
    assertThat(jar.cookies()).hasSize(1);
  }

  @Test
  void expiredCookieWithoutAStoredOneIsExpiredOnArrival() {
    SetResult r = set(APP, "sid=1; Max-Age=0");
    assertThat(r.stored()).isFalse();
    assertThat(r.deleted()).isFalse();
    assertThat(r.exclusions()).isEmpty();
    assertThat(r.finding()).isEqualTo("cookie.expired-on-arrival");
    assertThat(set(APP, "sid=1; Max-Age=1").finding()).isNull();
  }

  @Test
  void lineThatIsNotExpiredHasNoDeletedValue() {
    assertThat(set(APP, "sid=1").deleted()).isNull();
  }

  @Test
  void deletionLinesGetNoAdvice() {
    assertThat(set(APP, "sid=; Max-Age=0").advice()).isEmpty();
  }
}
