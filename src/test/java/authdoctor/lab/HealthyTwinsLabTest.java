package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cookie.SetResult;
import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
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
