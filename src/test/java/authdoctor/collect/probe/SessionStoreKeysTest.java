package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** The Redis keys the session libraries keep a session under, from its cookie. */
class SessionStoreKeysTest {
  static SessionStoreKeys.Derived of(String name, String value) {
    return SessionStoreKeys.of(name, value, null).orElseThrow();
  }

  @Test
  void expressSignedIdIsLookedUpUnderConnectRedisSessPrefix() {
    var d = of("connect.sid", "s%3AAbC-dEf_0123456789xyzXYZ.sIgNaTuRe%2Bwith%2Fslash");
    assertThat(d.id()).isEqualTo("AbC-dEf_0123456789xyzXYZ");
    assertThat(d.signedId()).isTrue();
    assertThat(d.candidates()).extracting(SessionStoreKeys.Candidate::key).containsExactly("sess:AbC-dEf_0123456789xyzXYZ");
  }

  @Test
  void expressIdIsFoundWhateverTheCookieIsNamedAndUnencoded() {
    var d = of("sid", "s:AbCdEfGhIjKlMnOpQrStUvWx.sig");
    assertThat(d.candidates()).extracting(SessionStoreKeys.Candidate::key).containsExactly("sess:AbCdEfGhIjKlMnOpQrStUvWx");
  }

  @Test
  void springSessionCookieIsBase64OfTheId() {
    String id = "5c0a8f3e-2b1d-4e6f-9a7b-0c1d2e3f4a5b";
    var d = of("SESSION", Base64.getEncoder().encodeToString(id.getBytes(StandardCharsets.US_ASCII)));
    assertThat(d.signedId()).isFalse();
    assertThat(d.candidates()).extracting(SessionStoreKeys.Candidate::key).containsExactly("spring:session:sessions:" + id);
  }

  @Test
  void djangoSessionKeyUsesTheDefaultCacheKeyFunction() {
    var d = of("sessionid", "abcdefghijklmnopqrstuvwxyz012345");
    assertThat(d.candidates()).extracting(SessionStoreKeys.Candidate::key).containsExactly(
        ":1:django.contrib.sessions.cacheabcdefghijklmnopqrstuvwxyz012345",
        ":1:django.contrib.sessions.cached_dbabcdefghijklmnopqrstuvwxyz012345");
  }

  @Test
  void flaskSessionSignedSidDropsTheSignature() {
    var d = of("session", "Xy_Z0123456789abcdefghijklmnopqrstuvwxyzABCDE.Zm9vYmFyYmF6cXV4");
    assertThat(d.signedId()).isTrue();
    assertThat(d.candidates()).extracting(SessionStoreKeys.Candidate::key)
        .containsExactly("session:Xy_Z0123456789abcdefghijklmnopqrstuvwxyzABCDE");
  }

  @Test
  void theAppsOwnPrefixReplacesTheDefaults() {
    var d = SessionStoreKeys.of("sid", "s%3AAbCdEfGhIjKlMnOpQrStUvWx.sig", "lab:case:sess:").orElseThrow();
    assertThat(d.candidates()).singleElement().satisfies(c -> {
      assertThat(c.key()).isEqualTo("lab:case:sess:AbCdEfGhIjKlMnOpQrStUvWx");
      assertThat(c.convention()).isEqualTo("--store-prefix");
    });
  }

  @Test
  void anUnknownCookieHasNoKeyWithoutAPrefix() {
    assertThat(of("session_id", "Zx0123456789abcdefghij").candidates()).isEmpty();
    assertThat(SessionStoreKeys.of("session_id", "Zx0123456789abcdefghij", "app:").orElseThrow().candidates())
        .extracting(SessionStoreKeys.Candidate::key).containsExactly("app:Zx0123456789abcdefghij");
  }

  @Test
  void anEmptyValueHasNoId() {
    assertThat(SessionStoreKeys.of("sid", "", null)).isEmpty();
  }
}
