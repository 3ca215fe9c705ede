package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Cookies the server sets but a browser refuses, stores and never sends, or cannot delete: the login
 * "works", the browser model says why the session is gone.
 */
class CookieLabTest {
  /** Login succeeds on the server; the browser refuses its session cookie for {@code finding}. */
  static void sessionCookieRefused(LabDeployment lab, String cookie, String finding) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).as("the server accepts the login").isBetween(200, 303);
      SetResult set = login.cookie(cookie).orElseThrow(() -> new AssertionError("no " + cookie + " cookie"));
      assertThat(set.stored()).as(cookie + " stored").isFalse();
      assertThat(set.finding()).isEqualTo(finding);
      assertThat(b.signedIn()).as("signed in after login").isFalse();
    }
  }

  @Test
  @LabCase("flask-samesite-none-insecure")
  void flaskSameSiteNoneWithoutSecure(LabDeployment lab) {
    sessionCookieRefused(lab, "session", "cookie.samesite-none-insecure");
  }

  @Test
  @LabCase("express-samesite-none-insecure")
  void expressSameSiteNoneWithoutSecure(LabDeployment lab) {
    sessionCookieRefused(lab, "sid", "cookie.samesite-none-insecure");
  }

  @Test
  @LabCase("flask-cookie-domain-mismatch")
  void flaskDomainOfTheOldSite(LabDeployment lab) {
    sessionCookieRefused(lab, "session", "cookie.domain-mismatch");
  }

  @Test
  @LabCase("express-cookie-domain-mismatch")
  void expressDomainOfStaging(LabDeployment lab) {
    sessionCookieRefused(lab, "sid", "cookie.domain-mismatch");
  }

  @Test
  @LabCase("flask-cookie-public-suffix")
  void flaskDomainIsAPublicSuffix(LabDeployment lab) {
    sessionCookieRefused(lab, "session", "cookie.domain-public-suffix");
  }

  @Test
  @LabCase("flask-cookie-too-large")
  void flaskSessionTooLarge(LabDeployment lab) {
    sessionCookieRefused(lab, "session", "cookie.too-large");
  }

  @Test
  @LabCase("express-cookie-prefix")
  void expressHostPrefixWithDomain(LabDeployment lab) {
    sessionCookieRefused(lab, "__Host-sid", "cookie.prefix-violation");
  }

  @Test
  @LabCase("express-cookie-partitioned")
  void expressPartitionedWithoutSecure(LabDeployment lab) {
    sessionCookieRefused(lab, "sid", "cookie.partitioned-invalid");
  }

  @Test
  @LabCase("flask-secure-over-http")
  void flaskSecureCookieOnHttpStaging(LabDeployment lab) {
    sessionCookieRefused(lab, "session", "cookie.secure-over-http");
  }

  @Test
  @LabCase("express-cookie-expired")
  void expressMaxAgeZero(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      SetResult set = b.login().cookie("sid").orElseThrow();
      assertThat(set.stored()).isFalse();
      assertThat(set.finding()).isEqualTo("cookie.expired-on-arrival");
      assertThat(b.signedIn()).isFalse();
    }
  }

  @Test
  @LabCase("flask-cookie-invalid-characters")
  void flaskTabInsideACookieValue(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response r = b.login();
      assertThat(r.setCookies()).anyMatch(l -> l.startsWith("display_name=") && l.contains("\t"));
      SetResult name = r.cookie("display_name").orElseThrow();
      assertThat(name.stored()).isFalse();
      assertThat(name.finding()).isEqualTo("cookie.invalid-characters");
      assertThat(b.signedIn()).isTrue();
    }
  }

  @Test
  @LabCase("express-cookie-no-content")
  void expressNamelessEmptyCookie(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      SetResult empty = b.login().cookie("").orElseThrow();
      assertThat(empty.stored()).isFalse();
      assertThat(empty.finding()).isEqualTo("cookie.no-content");
      assertThat(b.signedIn()).isTrue(); // the session cookie itself is fine
    }
  }

  /** Stored, but its Path leaves out the dashboard. */
  static void storedButNotSentToDashboard(LabDeployment lab, String cookie, String path) {
    try (LabBrowser b = new LabBrowser(lab)) {
      SetResult set = b.login().cookie(cookie).orElseThrow();
      assertThat(set.stored()).isTrue();
      assertThat(set.cookie().path()).isEqualTo(path);
      assertThat(b.jar().send(lab.dashboard(), RequestContext.typed()).named(cookie))
          .singleElement().satisfies(d -> assertThat(d.finding()).isEqualTo("cookie.path-excludes-route"));
      assertThat(b.signedIn()).isFalse();
    }
  }

  @Test
  @LabCase("flask-cookie-path")
  void flaskPathOfTheOldMount(LabDeployment lab) {
    storedButNotSentToDashboard(lab, "session", "/app");
  }

  @Test
  @LabCase("express-cookie-path")
  void expressPathApiOnly(LabDeployment lab) {
    storedButNotSentToDashboard(lab, "sid", "/api");
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      assertThat(b.signedIn(lab.url("/api/me"))).as("the API under the cookie's Path works").isTrue();
    }
  }

  @Test
  @LabCase("fastapi-cookie-missing")
  void fastapiCookieSetOnTheWrongResponse(LabDeployment lab) {
    ForwardedProtoLabTest.loginSetsNoCookie(lab);
  }

  @Test
  @LabCase("flask-samesite-strict")
  void flaskStrictCookieWithheldOnLinkFromPartnerPortal(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().cookie("session").orElseThrow().stored()).isTrue();
      assertThat(b.signedIn()).as("typed URL").isTrue();
      URI portal = lab.frontendOrigin().resolve("/");
      assertThat(b.get(portal).body()).contains(lab.dashboard().toString());
      LabBrowser.Response viaLink =
          b.send("GET", lab.dashboard(), RequestContext.navigation("GET", portal), null, null, Map.of());
      assertThat(b.showsUser(viaLink)).as("following the portal's link").isFalse();
      assertThat(b.jar().send(lab.dashboard(), RequestContext.navigation("GET", portal)).named("session"))
          .singleElement().satisfies(d -> assertThat(d.finding()).isEqualTo("cookie.samesite-blocks-flow"));
    }
  }

  @Test
  @LabCase("express-cookie-scope-host")
  void expressHostOnlyCookieNotSentToApiHost(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      assertThat(b.signedIn(lab.url("/dashboard"))).as("pages on app.lab.test").isTrue();
      URI page = lab.url("/dashboard");
      LabBrowser.Response api = b.send("GET", lab.dashboard(), RequestContext.subresource("GET", page), null, null,
          Map.of("Origin", LabBrowser.origin(page)));
      assertThat(api.status()).as("the page's call to api.lab.test").isEqualTo(401);
      assertThat(api.header("Access-Control-Allow-Origin")).contains(LabBrowser.origin(page));
      assertThat(b.jar().cookieHeader(lab.dashboard(), RequestContext.subresource("GET", page))).isEmpty();
    }
  }

  @Test
  @LabCase("flask-cookie-name-collision")
  void flaskTwoAppsOverwriteEachOthersSession(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI admin = lab.protectedUrls().get(0);
      URI shop = lab.protectedUrls().get(1);
      b.login();
      assertThat(b.signedIn(admin)).isTrue();
      JsonNode l = lab.raw().get("second_login");
      Map<String, String> fields = new LinkedHashMap<>();
      l.get("fields").properties().forEach(e -> fields.put(e.getKey(), e.getValue().asText()));
      b.login(new LabDeployment.Login(l.get("method").asText(), URI.create(l.get("url").asText()),
          URI.create(l.get("form_url").asText()), l.get("content_type").asText(), fields, null, null));
      assertThat(b.signedIn(shop)).isTrue();
      assertThat(b.jar().cookies()).as("one cookie named session for the whole host").hasSize(1);
      assertThat(b.signedIn(admin)).as("the admin console after signing in to the shop").isFalse();
    }
  }

  @Test
  @LabCase("express-secure-overwrite")
  void expressLogoutOverHttpCannotDeleteTheSecureCookie(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      assertThat(b.signedIn()).isTrue();
      assertThat(b.get(lab.dashboard()).body()).contains("action=\"" + lab.logout().url() + "\"");
      LabBrowser.Response logout = b.logout();
      SetResult deletion = logout.cookie("sid").orElseThrow();
      assertThat(deletion.stored()).isFalse();
      assertThat(deletion.finding()).isEqualTo("cookie.secure-overwrite");
      assertThat(b.signedIn()).as("the https dashboard after logging out").isTrue();
    }
  }
}
