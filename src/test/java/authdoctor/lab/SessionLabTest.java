package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.lab.LabBrowser;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import org.junit.jupiter.api.Test;

/**
 * Session state across instances, restarts and logout: the cookie is fine, the server side is not.
 */
class SessionLabTest {
  /** nginx alternates between two instances: about every other reload is signed out. */
  static void someReloadsSignedOut(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isBetween(302, 303);
      int in = b.signedInCount(20);
      assertThat(in).as("reloads signed in out of 20").isBetween(1, 19);
    }
  }

  @Test
  @LabCase("flask-secret-mismatch")
  void flaskInstancesSignWithDifferentSecrets(LabDeployment lab) {
    someReloadsSignedOut(lab);
  }

  @Test
  @LabCase("express-secret-mismatch")
  void expressInstancesSignWithDifferentSecrets(LabDeployment lab) {
    someReloadsSignedOut(lab);
  }

  @Test
  @LabCase("express-store-not-shared")
  void expressMemoryStorePerInstance(LabDeployment lab) {
    someReloadsSignedOut(lab);
  }

  @Test
  @LabCase("flask-secret-missing")
  void flaskSecretUnderTheWrongNameGivesEachProcessItsOwn(LabDeployment lab) {
    someReloadsSignedOut(lab);
  }

  @Test
  @LabCase("django-store-not-shared")
  void djangoLocmemSessionsPerInstance(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      assertThat(b.login().status()).isEqualTo(302);
      // The instance without the session deletes the cookie: from then on every reload is signed out.
      LabBrowser.Response first = b.get(lab.dashboard());
      LabBrowser.Response second = b.get(lab.dashboard());
      assertThat(b.showsUser(first) && b.showsUser(second)).as("two reloads, one per instance").isFalse();
      assertThat(b.signedInCount(10)).isZero();
    }
  }

  /** Signed in before a restart of the app, signed out after it. */
  static void restartSignsOut(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      assertThat(b.signedIn()).as("before the restart").isTrue();
      lab.restart();
      assertThat(b.signedIn()).as("after the restart").isFalse();
    }
  }

  @Test
  @LabCase("flask-lost-on-restart")
  void flaskSecretGeneratedAtStart(LabDeployment lab) {
    restartSignsOut(lab);
  }

  @Test
  @LabCase("express-lost-on-restart")
  void expressMemoryStore(LabDeployment lab) {
    restartSignsOut(lab);
  }

  @Test
  @LabCase("express-store-unreachable")
  void expressRedisNotThere(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      LabBrowser.Response login = b.login();
      assertThat(login.status()).isEqualTo(500);
      assertThat(login.body()).contains("Internal Server Error");
      assertThat(b.signedIn()).isFalse();
    }
  }

  /** After logout the browser is signed out, but the cookie from before still opens the dashboard. */
  static void oldCookieStillWorks(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      String before = b.cookieHeader(lab.dashboard()).orElseThrow();
      b.logout();
      assertThat(b.signedIn()).as("the browser after logout").isFalse();
      assertThat(b.showsUser(b.replay(lab.dashboard(), before))).as("the cookie from before logout").isTrue();
    }
  }

  @Test
  @LabCase("flask-logout-not-invalidated")
  void flaskSignedCookieSessionCannotBeRevoked(LabDeployment lab) {
    oldCookieStillWorks(lab);
  }

  /** Starlette deletes its cookie as {@code session=null}; the signed cookie from before logout still works. */
  @Test
  @LabCase("fastapi-starlette-logout-not-invalidated")
  void starletteSignedCookieSessionCannotBeRevoked(LabDeployment lab) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      LabBrowser.Response logout = b.logout();
      assertThat(logout.setCookies()).anySatisfy(l -> assertThat(l).startsWith("session=null;"));
    }
    oldCookieStillWorks(lab);
  }

  @Test
  @LabCase("express-logout-not-invalidated")
  void expressLogoutOnlyClearsTheCookie(LabDeployment lab) {
    oldCookieStillWorks(lab);
  }

  /** Logout's deleting Set-Cookie misses the cookie (other Domain): the browser stays signed in. */
  static void logoutLeavesTheCookie(LabDeployment lab, String cookie) {
    try (LabBrowser b = new LabBrowser(lab)) {
      b.login();
      LabBrowser.Response logout = b.logout();
      assertThat(logout.status()).isBetween(302, 303);
      assertThat(logout.cookie(cookie).orElseThrow().finding()).isEqualTo("session.logout-cookie-not-cleared");
      assertThat(b.signedIn()).as("the browser after logout").isTrue();
    }
  }

  @Test
  @LabCase("flask-logout-cookie-not-cleared")
  void flaskDeletesHostOnlyCookieButSetDomainCookie(LabDeployment lab) {
    logoutLeavesTheCookie(lab, "session");
  }

  @Test
  @LabCase("express-logout-cookie-not-cleared")
  void expressClearCookieWithoutTheDomain(LabDeployment lab) {
    logoutLeavesTheCookie(lab, "sid");
  }
}
