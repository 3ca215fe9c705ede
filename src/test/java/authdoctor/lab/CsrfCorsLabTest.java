package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Requests the server refuses (CSRF) and answers the browser may not read (CORS). */
class CsrfCorsLabTest {
  static String appLog(LabDeployment lab) throws IOException {
    return Files.readString(lab.logs().resolve("a.log"));
  }

  @Test
  @LabCase("django-csrf-origin-untrusted")
  void djangoRefusesTheRefererOfItsOwnPublicOrigin(LabDeployment lab) throws IOException {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isEqualTo(403);
      assertThat(appLog(lab)).contains("does not match any trusted origins");
    }
  }

  @Test
  @LabCase("express-csrf-origin-untrusted")
  void expressOriginCheckListsTheOldDomain(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(403);
      assertThat(login.body()).contains("origin " + LabBrowser.origin(lab.baseUrl()) + " is not allowed");
    }
  }

  @Test
  @LabCase("django-csrf-token-missing")
  void djangoFormWithoutToken(LabDeployment lab) throws IOException {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.get(lab.login().formUrl()).body()).doesNotContain("csrfmiddlewaretoken");
      assertThat(b.login().status()).isEqualTo(403);
      assertThat(appLog(lab)).contains("CSRF cookie not set");
    }
  }

  /** The preflight of the frontend's JSON login, as a browser sends it. */
  static LabBrowser.Response preflight(LabBrowser b, LabDeployment lab, URI url, String method, String headers) {
    return b.send("OPTIONS", url, RequestContext.subresource("OPTIONS", lab.frontendOrigin().resolve("/")), null,
        null, Map.of("Origin", lab.frontendOrigin().toString(), "Access-Control-Request-Method", method,
            "Access-Control-Request-Headers", headers));
  }

  static void wildcardWithCredentials(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response pre = preflight(b, lab, lab.login().url(), "POST", "content-type");
      assertThat(pre.header("Access-Control-Allow-Origin")).contains("*");
      assertThat(pre.header("Access-Control-Allow-Credentials")).contains("true");
      LabBrowser.Response login = b.login();
      assertThat(login.status()).as("the server itself accepts the login").isEqualTo(200);
      assertThat(login.header("Access-Control-Allow-Origin")).contains("*");
    }
  }

  @Test
  @LabCase("express-cors-wildcard-credentials")
  void expressCorsWildcardWithCredentials(LabDeployment lab) {
    wildcardWithCredentials(lab);
  }

  @Test
  @LabCase("flask-cors-wildcard-credentials")
  void nginxCorsWildcardWithCredentialsForFlask(LabDeployment lab) {
    wildcardWithCredentials(lab);
  }

  @Test
  @LabCase("express-cors-credentials-not-allowed")
  void expressCorsWithoutAllowCredentials(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(200);
      assertThat(login.header("Access-Control-Allow-Origin")).contains(lab.frontendOrigin().toString());
      assertThat(login.header("Access-Control-Allow-Credentials")).isEmpty();
    }
  }

  @Test
  @LabCase("express-cors-origin-not-allowed")
  void expressCorsAllowsOnlyTheStagingFrontend(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response pre = preflight(b, lab, lab.login().url(), "POST", "content-type");
      assertThat(pre.header("Access-Control-Allow-Origin")).isPresent()
          .get().isNotEqualTo(lab.frontendOrigin().toString());
    }
  }

  @Test
  @LabCase("express-cors-header-not-allowed")
  void expressCorsPreflightRefusesAuthorization(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      String token = b.token().orElseThrow();
      LabBrowser.Response pre = preflight(b, lab, lab.dashboard(), "GET", "authorization");
      assertThat(pre.header("Access-Control-Allow-Origin")).contains(lab.frontendOrigin().toString());
      assertThat(pre.header("Access-Control-Allow-Headers")).get().asString().doesNotContainIgnoringCase("authorization");
      LabBrowser.Response me = b.send("GET", lab.dashboard(), RequestContext.subresource("GET", lab.frontendOrigin()),
          null, null, Map.of("Authorization", "Bearer " + token, "Origin", lab.frontendOrigin().toString()));
      assertThat(b.showsUser(me)).as("the server accepts the token itself").isTrue();
    }
  }
}
