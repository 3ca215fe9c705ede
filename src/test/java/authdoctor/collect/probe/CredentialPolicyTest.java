package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.http.Resolve;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The table of where credentials may go, one row per case. */
class CredentialPolicyTest {
  private static final CredentialPolicy POLICY = new CredentialPolicy(
      List.of(URI.create("https://app.example.com/"), URI.create("http://127.0.0.1:8000/")),
      List.of(Resolve.parse("api.example.com:443:127.0.0.1")), false, URI.create("https://idp.example.com/realms/a"));
  private static final CredentialPolicy TRUSTED = new CredentialPolicy(
      List.of(URI.create("https://app.example.com/")), List.of(), true, null);

  @ParameterizedTest(name = "password from {0} to {1}: {2}")
  @CsvSource({
      "https://app.example.com/login, https://app.example.com/session, true",
      "https://app.example.com/login, https://api.example.com/login, true", // pinned by --resolve
      "https://app.example.com/login, http://127.0.0.1:8000/login, true", // --direct
      "https://app.example.com/login, https://evil.example.net/login, false", // form action elsewhere
      "https://app.example.com/login, http://app.example.com/login, false", // another scheme is another origin
      "https://app.example.com/login, https://app.example.com:8443/login, false", // another port
      "https://sso.example.net/login, https://sso.example.net/login, false", // the page redirected elsewhere
      "https://app.example.com/login, javascript:alert(1), false",
  })
  void passwordGoesOnlyBetweenNamedOrigins(URI page, URI target, boolean allowed) {
    assertThat(POLICY.password(page, target).isEmpty()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "idp password: authorization {0}, page {1}, action {2}: {3}")
  @CsvSource({
      "https://idp.example.com/auth, https://idp.example.com/login, https://idp.example.com/login-actions, true",
      "https://idp.example.com/auth, https://other.example.net/login, https://other.example.net/login, false", // later hop
      "https://idp.example.com/auth, https://idp.example.com/login, https://evil.example.net/collect, false",
      "https://fake-idp.example.net/auth, https://fake-idp.example.net/login, https://fake-idp.example.net/x, false", // not --oidc-issuer
  })
  void identityProviderPasswordGoesOnlyToTheProviderTheAppRedirectedTo(URI auth, URI page, URI action, boolean allowed) {
    assertThat(POLICY.idpPassword(auth, page, action).isEmpty()).isEqualTo(allowed);
  }

  @ParameterizedTest(name = "-H to {0} (redirected {1}): {2}, trusted {3}")
  @CsvSource({
      "https://app.example.com/home, false, true, true",
      "https://app.example.com/home, true, true, true",
      "https://other.example.net/home, true, false, true", // --location-trusted: follows redirects
      "https://other.example.net/home, false, false, false", // not reached by a redirect
  })
  void headerCredentialsGoToNamedOriginsAndWithLocationTrustedAlongRedirects(URI url, boolean redirected,
      boolean allowed, boolean trusted) {
    assertThat(POLICY.headers(url, redirected)).isEqualTo(allowed);
    assertThat(TRUSTED.headers(url, redirected)).isEqualTo(trusted);
  }

  @ParameterizedTest(name = "{0} from {1} to {2}: followed {3}")
  @CsvSource({
      "307, https://app.example.com/login, https://app.example.com/login/, true",
      "308, https://app.example.com/login, https://evil.example.net/login, false",
      "307, https://app.example.com/login, https://api.example.com/login, true",
  })
  void aRedirectThatKeepsTheBodyIsFollowedOnlyToNamedOrigins(int status, URI from, URI to, boolean followed) {
    assertThat(POLICY.resend(status, from, to).isEmpty()).isEqualTo(followed);
  }
}
