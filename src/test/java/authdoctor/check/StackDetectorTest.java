package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class StackDetectorTest {
  private static HttpExchange redirect(String body, HeaderField... headers) {
    List<HeaderField> h = new java.util.ArrayList<>(List.of(new HeaderField("Location", "/dashboard")));
    h.addAll(List.of(headers));
    return new HttpExchange(1, "login", "POST", URI.create("https://app.example.com/login"), List.of(), 303, "http/1.1",
        h, body, false, Duration.ZERO, null, null);
  }

  @Test
  void expressIsKnownByItsRedirectBodyWhenXPoweredByIsOff() {
    Stack s = StackDetector.detect(Observations.of(redirect("See Other. Redirecting to /dashboard", new HeaderField("Server", "nginx/1.22.1"))));
    assertThat(s.framework()).isEqualTo("express");
    assertThat(s.proxy()).isEqualTo("nginx");
  }

  @Test
  void anotherRedirectBodyNamesNoFramework() {
    assertThat(StackDetector.detect(Observations.of(redirect("<p>Redirecting…</p>"))).framework()).isNull();
  }

  private static HttpExchange page(String url, HeaderField... headers) {
    return new HttpExchange(1, "oauth provider", "GET", URI.create(url), List.of(), 200, "http/1.1", List.of(headers), "",
        false, Duration.ZERO, null, null);
  }

  @Test
  void keycloakIsKnownByItsCookiesOrItsRealmEndpointsAndItsFixComesBeforeTheProxys() {
    Stack byCookie = StackDetector.detect(Observations.of(page("https://sso.example.com/auth/login",
        new HeaderField("Set-Cookie", "AUTH_SESSION_ID=abc; Path=/; Secure"), new HeaderField("Server", "nginx"))));
    assertThat(byCookie.login()).containsExactly("keycloak");
    assertThat(byCookie.parts()).containsExactly("keycloak", "nginx");
    Stack byPath = StackDetector.detect(Observations.of(page("https://sso.example.com/realms/app/protocol/openid-connect/auth?client_id=x")));
    assertThat(byPath.login()).containsExactly("keycloak");
  }

  @Test
  void apacheIsKnownByItsServerHeaderOrModAuthOpenidcsCookies() {
    assertThat(StackDetector.detect(Observations.of(page("https://app.example.com/", new HeaderField("Server", "Apache/2.4.62 (Debian)"))))
        .login()).containsExactly("apache");
    assertThat(StackDetector.detect(Observations.of(page("https://app.example.com/",
        new HeaderField("Set-Cookie", "mod_auth_openidc_state_Zx1=abc; Path=/; Secure")))).login()).containsExactly("apache");
    assertThat(StackDetector.detect(Observations.of(page("https://app.example.com/realms.html"))).login()).isEmpty();
  }
}
