package authdoctor.framework;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.FieldSource;
import org.junit.jupiter.api.Test;

/** The framework records: which names identify which framework, and the lists read from them. */
class FrameworksTest {
  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(nullValues = "none", value = {
      "sessionid, django", "csrftoken, django", "connect.sid, express", "JSESSIONID, spring", "SESSION, spring",
      "session, flask", "_shop_session, rails", "_session, rails", "PHPSESSID, none", "XSRF-TOKEN, none",
      "laravel_session, none", "Session, none", "jsessionid, none", "sid, none"})
  void aCookieNameIdentifiesAtMostOneFramework(String cookie, String framework) {
    assertThat(Frameworks.identifiedBy(cookie).map(Framework::key).orElse(null)).isEqualTo(framework);
  }

  @ParameterizedTest(name = "{0} csrf-like: {1}")
  @CsvSource({
      "csrfmiddlewaretoken, true", "_csrf, true", "csrf_token, true", "X-XSRF-TOKEN, true", "authenticity_token, true",
      "_token, true", "AUTHENTICITY_TOKEN, true", "csrftoken, true", "token, false", "_tokens, false", "username, false",
      "access_token, false"})
  void csrfNamesAreTheWordOrAFrameworksField(String name, boolean csrf) {
    assertThat(Frameworks.csrfLike(name)).isEqualTo(csrf);
  }

  @ParameterizedTest(name = "{0} is a session cookie: {1}")
  @CsvSource({
      "sessionid, true", "connect.sid, true", "JSESSIONID, true", "SESSION, true", "session, true", "_app_session, true",
      "laravel_session, true", "PHPSESSID, true", "ASP.NET_SessionId, true", "csrftoken, false", "sid, false",
      "Sessionid, false"})
  void sessionCookieNamesAreEachFrameworksDefault(String name, boolean session) {
    assertThat(Frameworks.sessionCookie(name)).isEqualTo(session);
  }

  @Test
  void sessionCookiesAreReadInOrderOfPrecedence() {
    assertThat(Frameworks.sessionCookieNames()).containsExactly("sessionid", "connect.sid", "_*_session", "JSESSIONID",
        "SESSION", "session", "laravel_session", "PHPSESSID", "ASP.NET_SessionId");
  }

  @Test
  void caseBlindSessionNamesAreTheSessionKindsListOfBefore() {
    assertThat(Frameworks.sessionCookieNamesIgnoringCase()).isEqualTo(Set.of(
        "connect.sid", "sessionid", "jsessionid", "session", "phpsessid", "asp.net_sessionid", "laravel_session"));
  }

  @Test
  void csrfMetasKeepThePagesOrder() {
    assertThat(Frameworks.csrfMetas()).containsExactly("csrf-token", "_csrf", "csrf_token", "xsrf-token");
  }

  @Test
  void refusalPhrasesAreTheProbesListsOfBefore() {
    assertThat(Frameworks.originRefusals()).containsExactlyInAnyOrder("origin checking failed", "referer checking failed",
        "does not match any trusted origins", "invalid origin", "origin not allowed", "origin mismatch",
        "untrusted origin", "cross-site post form submissions are forbidden", "referer header is missing",
        "can't verify csrf token authenticity");
    assertThat(Frameworks.tokenRefusals()).containsExactlyInAnyOrder("cookie not set", "token missing",
        "token is missing", "token incorrect", "missing or incorrect", "invalid csrf token", "csrf token mismatch",
        "tokens do not match", "token has expired", "bad csrf token", "csrf session token is missing",
        "page expired", "csrf token not found", "could not verify the provided csrf token");
  }

  static final List<Framework> ALL = Frameworks.ALL;

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL")
  void refusalPhrasesAreLowerCaseBecauseBodiesAreLowered(Framework f) {
    for (String p : f.refusals().origin()) assertThat(p).isEqualTo(p.toLowerCase(Locale.ROOT));
    for (String p : f.refusals().token()) assertThat(p).isEqualTo(p.toLowerCase(Locale.ROOT));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL")
  void keysAreTheCatalogsFixKeys(Framework f) {
    assertThat(f.key()).isIn("django", "express", "rails", "spring", "flask", "fastapi", "generic");
    assertThat(Frameworks.byKey(f.key())).contains(f);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("ALL")
  void identifyingCookiesAreTheFrameworksOwnNames(Framework f) {
    for (String c : f.identifyingCookies()) {
      assertThat(f.sessionCookies().contains(c) || f.csrf().cookies().contains(c)).as(c).isTrue();
    }
  }

  @Test
  void storeKeysAreTheLibrariesDefaultPrefixes() {
    assertThat(Frameworks.ALL.stream().flatMap(f -> f.storeKeys().stream()).map(Framework.StoreKey::prefix))
        .containsExactly(":1:django.contrib.sessions.cache", ":1:django.contrib.sessions.cached_db", "sess:",
            "spring:session:sessions:", "session:");
  }
}
