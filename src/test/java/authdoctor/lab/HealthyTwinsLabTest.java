package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The healthy twins: through the real proxy the session cookie is accepted by the browser model,
 * survives 20 reloads across instances, and logout both clears it and ends the session on the server.
 */
class HealthyTwinsLabTest {
  @Test
  @LabCase("flask-healthy")
  void flask(LabDeployment lab) {
    healthyFlow(lab);
  }

  @Test
  @LabCase("django-healthy")
  void django(LabDeployment lab) {
    healthyFlow(lab);
  }

  @Test
  @LabCase("fastapi-healthy")
  void fastapi(LabDeployment lab) {
    healthyFlow(lab);
  }

  @Test
  @LabCase("express-healthy")
  void express(LabDeployment lab) {
    healthyFlow(lab);
  }

  @Test
  @LabCase("spring-healthy")
  void spring(LabDeployment lab) {
    healthyFlow(lab);
  }

  @Test
  @LabCase("express-cors-healthy")
  void expressApiForAFrontendOnAnotherSite(LabDeployment lab) {
    URI front = lab.frontendOrigin().resolve("/");
    String origin = lab.frontendOrigin().toString();
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response pre = b.send("OPTIONS", lab.login().url(), RequestContext.subresource("OPTIONS", front),
          null, null, Map.of("Origin", origin, "Access-Control-Request-Method", "POST",
              "Access-Control-Request-Headers", "content-type"));
      assertThat(pre.header("Access-Control-Allow-Origin")).contains(origin);
      assertThat(pre.header("Access-Control-Allow-Credentials")).contains("true");
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(200);
      assertThat(login.header("Access-Control-Allow-Origin")).contains(origin);
      assertThat(login.cookie("sid").orElseThrow().stored()).as("SameSite=None; Secure from a cross-site fetch").isTrue();
      LabBrowser.Response me = b.send("GET", lab.dashboard(), RequestContext.subresource("GET", front), null, null,
          Map.of("Origin", origin));
      assertThat(b.showsUser(me)).isTrue();
      assertThat(me.header("Access-Control-Allow-Credentials")).contains("true");
      String before = b.jar().cookieHeader(lab.dashboard(), RequestContext.subresource("GET", front)).orElseThrow();
      LabBrowser.Response logout = b.send("POST", lab.logout().url(), RequestContext.subresource("POST", front),
          "application/json", "{}", Map.of("Origin", origin));
      assertThat(logout.status()).isEqualTo(200);
      assertThat(b.jar().cookieHeader(lab.dashboard(), RequestContext.subresource("GET", front))).isEmpty();
      assertThat(b.showsUser(b.replay(lab.dashboard(), before))).as("the cookie from before logout").isFalse();
    }
  }

  static void healthyFlow(LabDeployment lab) {
    assertThat(lab.healthy()).isTrue();
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response anonymous = b.get(lab.dashboard());
      assertThat(anonymous.status()).as("signed out, the dashboard redirects").isEqualTo(302);
      assertThat(anonymous.location()).get().asString().contains("/login");
      LabBrowser.Response login = b.login();
      assertThat(login.status()).as("login redirects").isBetween(302, 303);
      assertThat(login.cookies()).as("every cookie of the login answer is stored")
          .isNotEmpty().allMatch(SetResult::stored);
      assertThat(login.cookies()).allSatisfy(c -> {
        assertThat(c.cookie().secure()).as(c.name() + " Secure").isTrue();
        assertThat(c.advice()).as(c.name() + " advice").isEmpty();
      });
      assertThat(b.signedInCount(20)).as("20 reloads across the instances stay signed in").isEqualTo(20);
      String before = b.cookieHeader(lab.dashboard()).orElseThrow();

      LabBrowser.Response logout = b.logout();
      assertThat(logout.status()).as("logout redirects").isBetween(302, 303);
      assertThat(b.signedIn()).as("signed out after logout").isFalse();
      assertThat(b.showsUser(b.replay(lab.dashboard(), before)))
          .as("the cookie from before logout is refused by the server").isFalse();
    }
  }
}
