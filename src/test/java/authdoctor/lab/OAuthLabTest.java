package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OAuth clients of the lab's OIDC provider (authorization code with state, nonce and PKCE): the browser
 * starts at the app's /login, signs in on the provider's interactive login form, and comes back to the
 * app's redirect_uri as a cross-site top-level navigation.
 */
class OAuthLabTest {
  /** The app's /login: the authorization request it redirects to. */
  static URI start(LabBrowser b, LabDeployment lab) {
    LabBrowser.Response r = b.get(URI.create(lab.extra("oauth_start").orElseThrow()));
    assertThat(r.status()).isEqualTo(302);
    return URI.create(r.location().orElseThrow());
  }

  static Map<String, String> query(URI u) {
    Map<String, String> out = new HashMap<>();
    for (String kv : u.getRawQuery().split("&")) {
      String[] p = kv.split("=", 2);
      out.put(p[0], URLDecoder.decode(p.length > 1 ? p[1] : "", StandardCharsets.UTF_8));
    }
    return out;
  }

  /** Signs in on the provider's login form; returns the callback the provider redirects to. */
  static URI signInAtProvider(LabBrowser b, LabDeployment lab, URI authorize) {
    LabBrowser.Response login = b.send("POST", authorize, RequestContext.navigation("POST", authorize),
        "application/x-www-form-urlencoded", "username=" + lab.user() + "&claims=", Map.of());
    assertThat(login.status()).as("the provider's login").isEqualTo(302);
    return URI.create(login.location().orElseThrow());
  }

  static LabBrowser.Response callback(LabBrowser b, URI callback, URI from) {
    return b.send("GET", callback, RequestContext.navigation("GET", from), null, null, Map.of());
  }

  @Test
  @LabCase("flask-oauth-healthy")
  void signInCompletes(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI authorize = start(b, lab);
      Map<String, String> q = query(authorize);
      assertThat(q.get("redirect_uri")).isEqualTo(lab.extra("expect_redirect_uri").orElseThrow());
      assertThat(q).containsKeys("state", "nonce", "code_challenge").containsEntry("code_challenge_method", "S256");
      URI cb = signInAtProvider(b, lab, authorize);
      LabBrowser.Response done = callback(b, cb, authorize);
      assertThat(done.status()).as(done.body()).isEqualTo(302);
      assertThat(done.location()).contains("/dashboard");
      assertThat(b.signedIn()).isTrue();
    }
  }

  @Test
  @LabCase("flask-oauth-redirect-uri-scheme")
  void redirectUriIsPlainHttpBehindTls(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI authorize = start(b, lab);
      URI redirectUri = URI.create(query(authorize).get("redirect_uri"));
      assertThat(redirectUri.getScheme()).isEqualTo("http");
      assertThat(redirectUri.getAuthority()).isEqualTo(lab.baseUrl().getAuthority());
      URI cb = signInAtProvider(b, lab, authorize);
      assertThat(callback(b, cb, authorize).status()).as("plain http to nginx's TLS port").isEqualTo(400);
    }
  }

  @Test
  @LabCase("flask-oauth-redirect-uri-mismatch")
  void redirectUriHasATrailingSlash(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI authorize = start(b, lab);
      String expected = lab.extra("expect_redirect_uri").orElseThrow();
      assertThat(query(authorize).get("redirect_uri")).isEqualTo(expected + "/");
      URI cb = signInAtProvider(b, lab, authorize);
      assertThat(callback(b, cb, authorize).status()).isEqualTo(404);
    }
  }

  @Test
  @LabCase("flask-oauth-state-cookie-lost")
  void stateCookieIsNotSentToTheCallback(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI authorize = start(b, lab);
      assertThat(b.jar().cookieHeader(lab.url("/login"), RequestContext.typed())).hasValueSatisfying(
          c -> assertThat(c).contains("oauth_state="));
      URI cb = signInAtProvider(b, lab, authorize);
      assertThat(b.jar().cookieHeader(cb, RequestContext.navigation("GET", authorize))).isEmpty();
      LabBrowser.Response r = callback(b, cb, authorize);
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("no oauth_state cookie");
    }
  }

  @Test
  @LabCase("flask-oauth-discovery-mismatch")
  void discoveryNamesTheInternalHttpOrigin(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response d = b.get(URI.create("https://login.lab.test:18780/web/.well-known/openid-configuration"));
      assertThat(d.status()).isEqualTo(200);
      assertThat(d.body()).contains("\"issuer\" : \"http://login.lab.test:18982/web\"");
      assertThat(start(b, lab).toString()).startsWith("http://login.lab.test:18982/web/authorize?");
    }
  }

  @Test
  @LabCase("flask-oauth-form-post-lax")
  void formPostFromAnotherSiteLeavesTheLaxStateCookieBehind(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI authorize = start(b, lab);
      assertThat(query(authorize)).containsEntry("response_mode", "form_post");
      LabBrowser.Response page = b.send("POST", authorize, RequestContext.navigation("POST", authorize),
          "application/x-www-form-urlencoded", "username=" + lab.user() + "&claims=", Map.of());
      assertThat(page.status()).as("the provider's auto-submitting form").isEqualTo(200);
      URI callback = lab.url("/callback");
      assertThat(page.body()).contains(callback.toString());
      String form = "code=" + LabBrowser.hiddenField(page.body(), "code") + "&state=" + LabBrowser.hiddenField(page.body(), "state");
      // The page on sso.other.test posts to app.lab.test: a cross-site POST navigation, where Lax is withheld.
      assertThat(b.jar().cookieHeader(callback, RequestContext.navigation("POST", authorize))).isEmpty();
      LabBrowser.Response r = b.send("POST", callback, RequestContext.navigation("POST", authorize),
          "application/x-www-form-urlencoded", form, Map.of());
      assertThat(r.status()).isEqualTo(400);
      assertThat(r.body()).contains("no oauth_state cookie");
    }
  }
}
