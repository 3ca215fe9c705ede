package authdoctor.oauth;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class OAuthModelTest {
  static final URI AUTHZ = URI.create("https://idp.example.com/authorize?response_type=code&client_id=web"
      + "&redirect_uri=https%3A%2F%2Fapp.example.com%3A8443%2Fcallback&state=s&nonce=n&code_challenge=c&code_challenge_method=S256");

  @Test
  void authorizationRequestIsReadFromItsQuery() {
    AuthorizationRequest a = AuthorizationRequest.of(AUTHZ).orElseThrow();
    assertThat(a.redirectUri()).isEqualTo("https://app.example.com:8443/callback");
    assertThat(a.responseMode()).isEqualTo("query");
    assertThat(a.hasState()).isTrue();
    assertThat(a.hasNonce()).isTrue();
    assertThat(a.codeChallengeMethod()).isEqualTo("S256");
  }

  @Test
  void aUrlWithoutResponseTypeAndClientIdIsNoAuthorizationRequest() {
    assertThat(AuthorizationRequest.of(URI.create("https://app.example.com/dashboard?client_id=x"))).isEmpty();
  }

  @Test
  void formPostAndImplicitModes() {
    assertThat(AuthorizationRequest.of(URI.create("https://i/a?response_type=code&client_id=c&response_mode=form_post"))
        .orElseThrow().responseMode()).isEqualTo("form_post");
    assertThat(AuthorizationRequest.of(URI.create("https://i/a?response_type=id_token%20token&client_id=c"))
        .orElseThrow().responseMode()).isEqualTo("fragment");
  }

  @Test
  void callbackMatchesHostPortPathAndScheme() {
    AuthorizationRequest a = AuthorizationRequest.of(AUTHZ).orElseThrow();
    assertThat(a.isCallback(URI.create("https://app.example.com:8443/callback?code=1&state=s"))).isTrue();
    assertThat(a.isCallback(URI.create("https://app.example.com/callback?code=1"))).isFalse();
    assertThat(a.isCallback(URI.create("https://app.example.com:8443/callback/?code=1"))).isFalse();
    assertThat(a.isCallback(URI.create("http://app.example.com:8443/callback?code=1"))).isFalse();
  }

  @Test
  void discoveryIssuerIsTheUrlWithoutTheWellKnownSuffix() {
    OidcDiscovery d = new OidcDiscovery(URI.create("https://login.example.com/realms/app/.well-known/openid-configuration"),
        "https://login.example.com/realms/app", java.util.Map.of());
    assertThat(d.expectedIssuer()).isEqualTo("https://login.example.com/realms/app");
    assertThat(d.misplaced("https://cdn.example.net/keys")).isFalse();
    assertThat(d.misplaced("http://login.example.com/realms/app/auth")).isTrue();
    assertThat(d.misplaced("https://login.example.com:8443/realms/app/auth")).isTrue();
    assertThat(d.misplaced("http://127.0.0.1:8080/keys")).isFalse();
  }
}
