package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.cookie.RequestContext;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Token APIs and single-page apps (#14): a JSON login that answers a bearer token, then the API called
 * with {@code Authorization: Bearer} — through nginx and to the app's own port, and, for a frontend on
 * {@code app.}, as the browser does it: the CORS preflight first.
 */
class TokenFlowLabTest {
  /** The token the JSON login answers (a fetch from the frontend when the case has one). */
  static String token(LabBrowser b) {
    LabBrowser.Response login = b.login();
    assertThat(login.status()).as("the JSON login").isEqualTo(200);
    assertThat(login.setCookies()).as("a token login sets no cookie").isEmpty();
    return b.token().orElseThrow();
  }

  static LabBrowser.Response me(LabBrowser b, URI url, String token) {
    return b.send("GET", url, RequestContext.typed(), null, null, Map.of("Authorization", "Bearer " + token));
  }

  /** The same call to the app's own port, as nginx would have sent it. */
  static HttpExchange direct(LabDeployment lab, String token) {
    return direct(lab, lab.directUrls().get(0), token);
  }

  /** The call to one instance's own port, as nginx would have sent it. */
  static HttpExchange direct(LabDeployment lab, URI instance, String token) {
    URI direct = instance.resolve("/api/me");
    try (HttpCollector http = new HttpCollector(HttpOptions.defaults())) {
      return http.send(HttpRequestSpec.get(1, "direct /api/me", direct)
          .withHeader("Authorization", "Bearer " + token)
          .withHeader("Host", lab.dashboard().getAuthority())
          .withHeader("X-Forwarded-Proto", "https"));
    }
  }

  /** The browser's preflight for a fetch from the frontend that sends {@code header}. */
  static LabBrowser.Response preflight(LabBrowser b, LabDeployment lab, URI url, String method, String header) {
    String origin = LabBrowser.origin(lab.frontendOrigin());
    return b.send("OPTIONS", url, RequestContext.subresource("OPTIONS", lab.frontendOrigin().resolve("/")), null, null,
        Map.of("Origin", origin, "Access-Control-Request-Method", method, "Access-Control-Request-Headers", header));
  }

  /** Whether the browser would send the real request after this preflight (Fetch standard, CORS check). */
  static boolean preflightAllows(LabBrowser.Response pre, String origin, String header) {
    return pre.status() / 100 == 2
        && pre.header("Access-Control-Allow-Origin").filter(o -> o.equals(origin) || o.equals("*")).isPresent()
        && pre.header("Access-Control-Allow-Headers").map(h -> h.toLowerCase().contains(header.toLowerCase()))
            .orElse(false);
  }

  @Test
  @LabCase("express-token-api-authorization-cleared")
  void nginxClearsTheBearerToken(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String token = token(b);
      LabBrowser.Response proxied = me(b, lab.dashboard(), token);
      assertThat(proxied.status()).as("through nginx").isEqualTo(401);
      assertThat(proxied.header("WWW-Authenticate")).contains("Bearer realm=\"api\"");
      HttpExchange direct = direct(lab, token);
      assertThat(direct.status()).as("the same token to the app's own port").isEqualTo(200);
      assertThat(direct.body()).contains("\"user\":\"alice\"");
    }
  }

  @Test
  @LabCase("express-token-cookie-authorization-cleared")
  void theTokenComesInACookieAndNginxClearsItAsABearerToken(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).as("the JSON login").isEqualTo(200);
      assertThat(login.body()).doesNotContain("\"token\"");
      // The frontend's script reads the cookie (not HttpOnly) and sends its value as the bearer token.
      assertThat(login.cookie("token")).as("the token cookie, stored").hasValueSatisfying(c -> assertThat(c.stored()).isTrue());
      String cookie = login.setCookies().stream().filter(l -> l.startsWith("token=")).findFirst().orElseThrow();
      assertThat(cookie).doesNotContainIgnoringCase("HttpOnly");
      String token = cookie.substring("token=".length(), cookie.indexOf(';'));
      assertThat(me(b, lab.dashboard(), token).status()).as("through nginx").isEqualTo(401);
      HttpExchange direct = direct(lab, token);
      assertThat(direct.status()).as("the same token to the app's own port").isEqualTo(200);
      assertThat(direct.body()).contains("\"user\":\"alice\"");
    }
  }

  @Test
  @LabCase("express-token-instances-secret-mismatch")
  void eachInstanceSignsTokensWithItsOwnSecret(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String token = token(b);
      List<Integer> answers = lab.directUrls().stream().map(d -> direct(lab, d, token).status()).toList();
      assertThat(answers).as("the same token to each instance").containsExactlyInAnyOrder(200, 401);
    }
  }

  @Test
  @LabCase("express-token-api-healthy")
  void tokenApiHealthy(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String token = token(b);
      assertThat(b.showsUser(me(b, lab.dashboard(), token))).as("through nginx").isTrue();
      assertThat(direct(lab, token).status()).as("direct").isEqualTo(200);
      assertThat(me(b, lab.dashboard(), token + "x").status()).as("a forged token").isEqualTo(401);
    }
  }

  @Test
  @LabCase("express-token-refused-unexplained")
  void apiRefusesEveryTokenEverywhere(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String token = token(b);
      LabBrowser.Response proxied = me(b, lab.dashboard(), token);
      assertThat(proxied.status()).as("through nginx").isEqualTo(401);
      assertThat(proxied.header("WWW-Authenticate")).contains("Bearer realm=\"api\"");
      assertThat(direct(lab, token).status()).as("and directly: not the proxy").isEqualTo(401);
    }
  }

  @Test
  @LabCase("express-spa-bearer-header-not-allowed")
  void preflightOfTheBearerCallIsRefused(LabDeployment lab) {
    String origin = LabBrowser.origin(lab.frontendOrigin());
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.get(lab.frontendOrigin().resolve("/")).body()).as("the frontend's page").contains("/api/token");
      assertThat(preflightAllows(preflight(b, lab, lab.login().url(), "POST", "content-type"), origin, "content-type"))
          .as("the login's preflight").isTrue();
      String token = token(b);
      LabBrowser.Response pre = preflight(b, lab, lab.dashboard(), "GET", "authorization");
      assertThat(pre.header("Access-Control-Allow-Headers")).contains("Content-Type");
      assertThat(preflightAllows(pre, origin, "authorization")).as("the API call's preflight").isFalse();
      assertThat(b.showsUser(me(b, lab.dashboard(), token))).as("the token itself is good (curl is not CORS)").isTrue();
    }
  }

  @Test
  @LabCase("express-spa-login-preflight-refused")
  void preflightOfTheJsonLoginIsRefused(LabDeployment lab) {
    String origin = LabBrowser.origin(lab.frontendOrigin());
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response pre = preflight(b, lab, lab.login().url(), "POST", "content-type");
      assertThat(pre.header("Access-Control-Allow-Headers")).contains("Authorization");
      assertThat(preflightAllows(pre, origin, "content-type")).as("the login's preflight").isFalse();
      assertThat(preflightAllows(preflight(b, lab, lab.dashboard(), "GET", "authorization"), origin, "authorization"))
          .as("the API call's preflight").isTrue();
    }
  }

  @Test
  @LabCase("express-spa-bearer-healthy")
  void spaHealthy(LabDeployment lab) {
    String origin = LabBrowser.origin(lab.frontendOrigin());
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(preflightAllows(preflight(b, lab, lab.login().url(), "POST", "content-type"), origin, "content-type"))
          .as("the login's preflight").isTrue();
      String token = token(b);
      assertThat(preflightAllows(preflight(b, lab, lab.dashboard(), "GET", "authorization"), origin, "authorization"))
          .as("the API call's preflight").isTrue();
      LabBrowser.Response api = me(b, lab.dashboard(), token);
      assertThat(b.showsUser(api)).isTrue();
      assertThat(api.header("Access-Control-Allow-Origin")).contains(origin);
    }
  }
}
