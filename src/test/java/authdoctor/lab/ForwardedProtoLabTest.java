package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * TLS ends at the proxy and the app does not learn the scheme (no X-Forwarded-Proto, an untrusted one,
 * or one overwritten by a second proxy): depending on the framework that is a redirect loop, a Secure
 * cookie never set, or redirects to http.
 */
class ForwardedProtoLabTest {
  /** The app's "redirect to https" answers with the very https URL that was requested. */
  static void redirectsToItself(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      for (URI url : new URI[] {lab.dashboard(), lab.login().url()}) {
        LabBrowser.Response r = b.get(url);
        assertThat(r.status()).as(url + " redirects").isBetween(301, 308);
        assertThat(r.location()).as(url + " redirects to itself").contains(url.toString());
      }
    }
  }

  /** Login answers its redirect, but no cookie comes with it: the dashboard sends the user back. */
  static void loginSetsNoCookie(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(303);
      assertThat(login.location()).get().asString().endsWith("/dashboard");
      assertThat(login.setCookies()).isEmpty();
      LabBrowser.Response dash = b.get(lab.dashboard());
      assertThat(dash.status()).isEqualTo(302);
      assertThat(dash.location()).get().asString().endsWith("/login");
    }
  }

  @Test
  @LabCase("flask-forwarded-proto-missing")
  void flaskMissing(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("flask-forwarded-proto-untrusted")
  void flaskUntrusted(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("django-forwarded-proto-missing")
  void djangoMissing(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("django-forwarded-proto-untrusted")
  void djangoUntrusted(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("fastapi-forwarded-proto-untrusted")
  void fastapiUntrusted(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("flask-forwarded-proto-overwritten")
  void flaskOverwrittenBySecondProxy(LabDeployment lab) {
    redirectsToItself(lab);
  }

  @Test
  @LabCase("flask-header-inheritance")
  void flaskLoginLocationLosesTheServersProxyHeaders(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.get(lab.login().url());
      // Flask sees http and nginx's upstream name as the host: its https redirect goes there
      assertThat(login.status()).isEqualTo(301);
      assertThat(login.location()).contains("https://flask_header_inheritance/login");
      assertThat(b.get(lab.url("/healthz")).status()).as("a location without its own headers").isEqualTo(200);
    }
  }

  @Test
  @LabCase("express-forwarded-proto-missing")
  void expressMissing(LabDeployment lab) {
    loginSetsNoCookie(lab);
  }

  @Test
  @LabCase("express-forwarded-proto-untrusted")
  void expressUntrusted(LabDeployment lab) {
    loginSetsNoCookie(lab);
  }

  @Test
  @LabCase("spring-forwarded-proto-missing")
  void springMissingRedirectsToHttp(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response dash = b.get(lab.dashboard());
      assertThat(dash.status()).isEqualTo(302);
      URI login = URI.create(dash.location().orElseThrow());
      assertThat(login.getScheme()).as("Spring's login redirect").isEqualTo("http");
      assertThat(login.getAuthority()).isEqualTo(lab.baseUrl().getAuthority());
      LabBrowser.Response followed = b.send("GET", login, RequestContext.typed(), null, null, Map.of());
      assertThat(followed.status()).as("plain http on the TLS port").isEqualTo(400);
      assertThat(followed.body()).contains("The plain HTTP request was sent to HTTPS port");
    }
  }
}
