package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Third-party software behind the lab's nginx (#13): Keycloak's own login pages, Django's admin site,
 * a JavaScript-rendered login, Apache httpd with mod_auth_openidc. Each healthy deployment signs in;
 * each planted bug shows as its users meet it.
 */
class ThirdPartyLabTest {
  private static final Pattern KC_FORM = Pattern.compile("id=\"kc-form-login\"[^>]*action=\"([^\"]+)\"");

  /** The Location of a redirect, resolved against the request URL. */
  static URI next(URI from, LabBrowser.Response r) {
    assertThat(r.status()).as("a redirect from " + from).isBetween(301, 303);
    return from.resolve(r.location().orElseThrow());
  }

  @Test
  @LabCase("keycloak-healthy")
  void keycloakLoginPagesSignIn(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, b.get(start));
      assertThat(authorize.toString()).startsWith(lab.raw().get("oidc_issuer").asText() + "/protocol/openid-connect/auth?");
      LabBrowser.Response page = b.send("GET", authorize, RequestContext.navigation("GET", start), null, null, Map.of());
      assertThat(page.status()).isEqualTo(200);
      assertThat(page.cookie("AUTH_SESSION_ID")).hasValueSatisfying(c -> assertThat(c.stored()).isTrue());
      Matcher form = KC_FORM.matcher(page.body());
      assertThat(form.find()).as("Keycloak's login form").isTrue();
      URI action = URI.create(form.group(1).replace("&amp;", "&"));
      assertThat(action.getScheme()).isEqualTo("https");
      LabBrowser.Response login = b.send("POST", action, RequestContext.navigation("POST", authorize),
          "application/x-www-form-urlencoded", "username=" + lab.user() + "&password=" + lab.password(), Map.of());
      URI callback = next(action, login);
      assertThat(callback.toString()).startsWith(lab.raw().get("expect_redirect_uri").asText() + "?");
      LabBrowser.Response cb = b.send("GET", callback, RequestContext.navigation("GET", action), null, null, Map.of());
      assertThat(next(callback, cb)).isEqualTo(lab.dashboard());
      assertThat(b.signedIn()).as("the dashboard shows the user").isTrue();
    }
  }

  @Test
  @LabCase("keycloak-session-cookie-loop")
  void keycloakRemembersTheUserWhileTheAppsSessionCookieIsRefused(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, b.get(start));
      LabBrowser.Response page = b.send("GET", authorize, RequestContext.navigation("GET", start), null, null, Map.of());
      Matcher form = KC_FORM.matcher(page.body());
      assertThat(form.find()).as("Keycloak's login form").isTrue();
      URI action = URI.create(form.group(1).replace("&amp;", "&"));
      LabBrowser.Response login = b.send("POST", action, RequestContext.navigation("POST", authorize),
          "application/x-www-form-urlencoded", "username=" + lab.user() + "&password=" + lab.password(), Map.of());
      URI callback = next(action, login);
      LabBrowser.Response cb = b.send("GET", callback, RequestContext.navigation("GET", action), null, null, Map.of());
      assertThat(cb.cookie("lab_session")).as("the session cookie, set for the old domain")
          .hasValueSatisfying(c -> assertThat(c.stored()).isFalse());
      assertThat(next(callback, cb)).isEqualTo(lab.dashboard());
      URI again = next(lab.dashboard(), b.get(lab.dashboard()));
      assertThat(again.getPath()).as("the dashboard sends the browser back to /login").isEqualTo("/login");
      URI authorizeAgain = next(again, b.get(again));
      LabBrowser.Response sso = b.send("GET", authorizeAgain, RequestContext.navigation("GET", again), null, null, Map.of());
      assertThat(next(authorizeAgain, sso).toString()).as("Keycloak sends the remembered user straight back")
          .startsWith(lab.raw().get("expect_redirect_uri").asText() + "?");
    }
  }

  @Test
  @LabCase("keycloak-prefix-stripped")
  void keycloakBehindAStrippedPrefixNamesItselfOutsideIt(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String issuer = lab.raw().get("oidc_issuer").asText();
      LabBrowser.Response discovery = b.get(URI.create(issuer + "/.well-known/openid-configuration"));
      assertThat(discovery.body()).contains("\"issuer\":\"" + issuer.replace("/auth/", "/") + "\"");
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, b.get(start));
      assertThat(authorize.getPath()).as("the app sends the browser outside /auth").startsWith("/realms/prefix/");
      assertThat(b.get(authorize).status()).as("where the proxy has no route").isEqualTo(404);
    }
  }

  @Test
  @LabCase("keycloak-forwarded-proto-missing")
  void keycloakWithoutForwardedProtoBuildsHttpUrls(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      String issuer = lab.raw().get("oidc_issuer").asText();
      LabBrowser.Response discovery = b.get(URI.create(issuer + "/.well-known/openid-configuration"));
      assertThat(discovery.body()).contains("\"issuer\":\"" + issuer.replace("https://", "http://") + "\"");
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, b.get(start));
      assertThat(authorize.getScheme()).as("the app sends the browser to plain http").isEqualTo("http");
      assertThat(authorize.getAuthority()).isEqualTo(URI.create(issuer).getAuthority());
      LabBrowser.Response refused = b.get(authorize);
      assertThat(refused.status()).as("plain http to the TLS port").isEqualTo(400);
    }
  }

  /** Django admin's login as a browser posts it: the form's CSRF token, Origin and Referer of the form. */
  static LabBrowser.Response adminLogin(LabBrowser b, LabDeployment lab) {
    LabBrowser.Response form = b.get(lab.login().formUrl());
    assertThat(form.status()).isEqualTo(200);
    assertThat(form.cookie("csrftoken")).hasValueSatisfying(c -> assertThat(c.stored()).isTrue());
    return b.login();
  }

  static boolean welcomes(LabBrowser.Response r, LabDeployment lab) {
    return r.status() == 200 && r.body().contains("<strong>" + lab.user() + "</strong>");
  }

  @Test
  @LabCase("django-admin-healthy")
  void djangoAdminSignsInBehindTls(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = adminLogin(b, lab);
      assertThat(login.status()).isEqualTo(302);
      assertThat(login.cookie("sessionid")).hasValueSatisfying(c -> assertThat(c.cookie().secure()).isTrue());
      assertThat(welcomes(b.get(lab.dashboard()), lab)).as("/admin/ welcomes the user").isTrue();
      b.get(lab.logout().url());
      assertThat(b.get(lab.dashboard()).status()).as("signed out after logout").isEqualTo(302);
    }
  }

  @Test
  @LabCase("django-admin-csrf-origin-untrusted")
  void djangoAdminRefusesItsOwnLoginForm(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = adminLogin(b, lab);
      assertThat(login.status()).isEqualTo(403);
      assertThat(login.body()).contains("CSRF verification failed");
      assertThat(welcomes(b.get(lab.dashboard()), lab)).isFalse();
    }
  }

  private static final Pattern APP_STATE =
      Pattern.compile("<script type=\"application/json\" id=\"app-state\">\\{\"csrfToken\":\"([^\"]+)\"");

  /**
   * The React login as the page's script submits it: the CSRF token comes from the page's JSON state
   * (there is no hidden input), added to the form as {@code _csrf}.
   */
  static LabBrowser.Response reactLogin(LabBrowser b, LabDeployment lab) {
    LabBrowser.Response form = b.get(lab.login().formUrl());
    assertThat(form.body()).as("React's markup: a form").contains("<form id=\"login\" action=\"/login\" method=\"post\">");
    assertThat(form.body()).as("no hidden token field").doesNotContain("type=\"hidden\"");
    Matcher state = APP_STATE.matcher(form.body());
    assertThat(state.find()).as("the token in the JSON state").isTrue();
    String body = "username=" + lab.user() + "&password=" + lab.password() + "&_csrf=" + java.net.URLEncoder.encode(
        state.group(1), java.nio.charset.StandardCharsets.UTF_8);
    return b.send("POST", lab.login().url(), RequestContext.navigation("POST", lab.login().formUrl()),
        "application/x-www-form-urlencoded", body, Map.of("Referer", lab.login().formUrl().toString()));
  }

  static LabBrowser.Response postWithoutToken(LabBrowser b, LabDeployment lab) {
    return b.send("POST", lab.login().url(), RequestContext.navigation("POST", lab.login().formUrl()),
        "application/x-www-form-urlencoded", "username=" + lab.user() + "&password=" + lab.password(), Map.of());
  }

  @Test
  @LabCase("react-login-healthy")
  void reactLoginWithItsTokenInJsonSignsIn(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(postWithoutToken(b, lab).status()).as("without the token").isEqualTo(403);
      LabBrowser.Response login = reactLogin(b, lab);
      assertThat(login.status()).isEqualTo(303);
      assertThat(login.cookie("dash.sid")).hasValueSatisfying(c -> assertThat(c.stored()).isTrue());
      assertThat(b.signedIn()).isTrue();
    }
  }

  @Test
  @LabCase("react-login-origin-untrusted")
  void reactLoginRefusesTheHttpsOrigin(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = reactLogin(b, lab);
      assertThat(login.status()).isEqualTo(403);
      assertThat(login.body()).contains("Cross-site POST form submissions are forbidden");
      assertThat(b.signedIn()).isFalse();
    }
  }

  /** A top-level navigation as a browser sends it: mod_auth_openidc redirects browsers, not API clients. */
  static LabBrowser.Response navigate(LabBrowser b, URI url, URI from) {
    return b.send("GET", url, from == null ? RequestContext.typed() : RequestContext.navigation("GET", from), null, null,
        Map.of("Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"));
  }

  @Test
  @LabCase("apache-openidc-healthy")
  void modAuthOpenidcSignsInThroughKeycloak(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, navigate(b, start, null));
      assertThat(authorize.toString()).startsWith(lab.raw().get("oidc_issuer").asText() + "/protocol/openid-connect/auth?")
          .contains("redirect_uri=" + java.net.URLEncoder.encode(lab.raw().get("expect_redirect_uri").asText(),
              java.nio.charset.StandardCharsets.UTF_8));
      LabBrowser.Response page = navigate(b, authorize, start);
      Matcher form = KC_FORM.matcher(page.body());
      assertThat(form.find()).as("Keycloak's login form").isTrue();
      URI action = URI.create(form.group(1).replace("&amp;", "&"));
      URI callback = next(action, b.send("POST", action, RequestContext.navigation("POST", authorize),
          "application/x-www-form-urlencoded", "username=" + lab.user() + "&password=" + lab.password(), Map.of()));
      assertThat(next(callback, navigate(b, callback, action))).isEqualTo(lab.dashboard());
      assertThat(b.showsUser(navigate(b, lab.dashboard(), null))).as("the app greets the user").isTrue();
    }
  }

  @Test
  @LabCase("apache-openidc-redirect-uri-scheme")
  void modAuthOpenidcSendsAnHttpRedirectUriThatKeycloakRefuses(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI start = URI.create(lab.raw().get("oauth_start").asText());
      URI authorize = next(start, navigate(b, start, null));
      String httpUri = lab.raw().get("expect_redirect_uri").asText().replace("https://", "http://");
      assertThat(authorize.getQuery()).contains("redirect_uri=" + httpUri);
      LabBrowser.Response refused = navigate(b, authorize, start);
      assertThat(refused.status()).isEqualTo(400);
      assertThat(refused.body()).contains("Invalid parameter: redirect_uri");
    }
  }
}
