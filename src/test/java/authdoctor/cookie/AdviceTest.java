package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** Advisory catalog ids computed from the cookie as written. */
class AdviceTest {
  static final URI HTTPS = URI.create("https://app.example.com/");

  private final CookieJar jar = new CookieJar(Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC));

  private SetResult set(URI url, String line) {
    return jar.receive(url, line, RequestContext.typed());
  }

  @Test
  void cookieWithoutHttpOnlyIsAdvised() {
    assertThat(set(HTTPS, "sid=1; Secure; SameSite=Lax").advice()).containsExactly("cookie.not-httponly");
    assertThat(set(HTTPS, "sid=1; Secure; SameSite=Lax; HttpOnly").advice()).isEmpty();
  }

  @Test
  void cookieWithoutSecureOnHttpsIsAdvised() {
    assertThat(set(HTTPS, "sid=1; HttpOnly; SameSite=Lax").advice()).containsExactly("cookie.not-secure");
    assertThat(set(URI.create("http://app.example.com/"), "sid=1; HttpOnly; SameSite=Lax").advice())
        .isEmpty();
  }

  @Test
  void cookieWithoutSameSiteIsAdvised() {
    assertThat(set(HTTPS, "sid=1; HttpOnly; Secure").advice()).containsExactly("cookie.no-samesite");
    assertThat(set(HTTPS, "sid=1; HttpOnly; Secure; SameSite=Bogus").advice())
        .containsExactly("cookie.no-samesite");
  }

  @Test
  void domainSetToAParentDomainIsAdvised() {
    assertThat(set(HTTPS, "sid=1; HttpOnly; Secure; SameSite=Lax; Domain=example.com").advice())
        .containsExactly("cookie.parent-domain-scope");
    assertThat(set(HTTPS, "sid=1; HttpOnly; Secure; SameSite=Lax; Domain=app.example.com").advice())
        .isEmpty();
  }
}
