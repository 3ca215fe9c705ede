package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the proxy does to requests and answers: headers stripped or missing, prefixes, caches. */
class ProxyLabTest {
  static void bearerRefusedThroughProxyOnly(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isEqualTo(200);
      String bearer = "Bearer " + b.token().orElseThrow();
      LabBrowser.Response proxied =
          b.send("GET", lab.dashboard(), RequestContext.typed(), null, null, Map.of("Authorization", bearer));
      assertThat(proxied.status()).as("through nginx").isEqualTo(401);
      URI direct = lab.directUrls().get(0).resolve("/api/me");
      LabBrowser.Response app = b.send("GET", direct, RequestContext.typed(), null, null, Map.of("Authorization", bearer));
      assertThat(b.showsUser(app)).as("direct to the app").isTrue();
    }
  }

  @Test
  @LabCase("flask-authorization-stripped")
  void flaskBearerStrippedByNginx(LabDeployment lab) {
    bearerRefusedThroughProxyOnly(lab);
  }

  @Test
  @LabCase("express-authorization-stripped")
  void expressBearerStrippedByNginx(LabDeployment lab) {
    bearerRefusedThroughProxyOnly(lab);
  }

  @Test
  @LabCase("fastapi-host-not-forwarded")
  void fastapiRedirectsToTheUpstreamAddress(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI to = URI.create(b.login().location().orElseThrow());
      assertThat(to.getHost()).isEqualTo("127.0.0.1");
      assertThat(to.getPort()).isEqualTo(lab.directUrls().get(0).getPort());
    }
  }

  @Test
  @LabCase("spring-host-not-forwarded")
  void springRedirectsToTheUpstreamAddress(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI to = URI.create(b.get(lab.dashboard()).location().orElseThrow());
      assertThat(to.getHost()).isEqualTo("127.0.0.1");
      assertThat(to.getPath()).isEqualTo("/login");
    }
  }

  @Test
  @LabCase("flask-prefix-not-forwarded")
  void flaskRedirectLeavesTheMount(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().location()).contains("/dashboard");
      assertThat(b.get(lab.url("/dashboard")).status()).as("/dashboard outside the /app mount").isEqualTo(404);
      assertThat(b.signedIn()).as("the dashboard under the mount").isTrue();
    }
  }

  @Test
  @LabCase("express-redirect-https-downgrade")
  void expressRedirectsToHttpAfterLogin(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      URI to = URI.create(b.login().location().orElseThrow());
      assertThat(to.getScheme()).isEqualTo("http");
      assertThat(to.getHost()).isEqualTo(lab.baseUrl().getHost());
      assertThat(b.send("GET", to, RequestContext.typed(), null, null, Map.of()).status()).isEqualTo(400);
    }
  }

  @Test
  @LabCase("express-set-cookie-cached")
  void nginxServesOneUsersSetCookieToOthers(LabDeployment lab) {
    try (LabBrowser alice = new LabBrowser(lab); LabBrowser stranger = new LabBrowser(lab)) {
      alice.login();
      assertThat(alice.signedIn()).isTrue();
      LabBrowser.Response page = stranger.get(lab.dashboard());
      assertThat(page.header("X-Cache-Status")).contains("HIT");
      assertThat(page.cookie("sid")).as("alice's session cookie, served from the cache").isPresent();
      assertThat(stranger.signedIn()).as("the stranger is now signed in as alice").isTrue();
    }
  }

  @Test
  @LabCase("flask-auth-response-cached")
  void nginxServesOneUsersPageToOthers(LabDeployment lab) {
    try (LabBrowser alice = new LabBrowser(lab); LabBrowser stranger = new LabBrowser(lab)) {
      alice.login();
      assertThat(alice.signedIn()).isTrue();
      LabBrowser.Response page = stranger.get(lab.dashboard());
      assertThat(page.header("X-Cache-Status")).contains("HIT");
      assertThat(stranger.showsUser(page)).as("a stranger sees alice's dashboard").isTrue();
      assertThat(page.setCookies()).isEmpty();
    }
  }
}
