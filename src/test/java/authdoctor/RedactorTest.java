package authdoctor;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.testing.TestRedactors;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class RedactorTest {
  private final Redactor r = TestRedactors.fixed();

  @Test
  void secretShowsLengthAndEightHexFingerprintOnly() {
    String m = r.secret("hunter2-password").text();
    assertThat(m).matches("‹redacted 16 chars fp:[0-9a-f]{8}›").doesNotContain("hunter2");
  }

  @Test
  void fingerprintIsStableForOneKeyAndDiffersAcrossKeys() {
    Redactor other = new Redactor("another-key".getBytes(StandardCharsets.UTF_8));
    assertThat(r.fingerprint("abc")).isEqualTo(TestRedactors.fixed().fingerprint("abc"));
    assertThat(r.fingerprint("abc")).isNotEqualTo(other.fingerprint("abc"));
    assertThat(r.fingerprint("abc")).isNotEqualTo(r.fingerprint("abd"));
  }

  @Test
  void setCookieKeepsNameAndAttributesButNotTheValue() {
    String s = r.header("Set-Cookie", "sid=topsecretvalue; Path=/; Secure; SameSite=Lax").text();
    assertThat(s).startsWith("Set-Cookie: sid=‹redacted 14 chars").endsWith("; Path=/; Secure; SameSite=Lax");
    assertThat(s).doesNotContain("topsecretvalue");
  }

  @Test
  void cookieHeaderRedactsEveryValue() {
    String s = r.headerValue("Cookie", "a=one-secret; b=two-secret; flag");
    assertThat(s).startsWith("a=‹redacted").contains("; b=‹redacted").doesNotContain("one-secret", "two-secret", "flag");
  }

  @Test
  void authorizationKeepsTheSchemeOnly() {
    assertThat(r.headerValue("Authorization", "Bearer eyJhbGciOi.payload.sig"))
        .startsWith("Bearer ‹redacted 22 chars")
        .doesNotContain("eyJ");
  }

  @Test
  void locationRedactsCodeAndTokenParameters() {
    String s = r.headerValue("Location", "https://app/cb?state=xyz&code=AUTHCODE123&x=1#access_token=TOK456");
    assertThat(s).contains("state=xyz", "&x=1").doesNotContain("AUTHCODE123", "TOK456");
  }

  @Test
  void scrubRemovesEverySecretSeenBefore() {
    r.secret("planted-canary-value");
    assertThat(r.scrub("error: bad planted-canary-value here")).doesNotContain("planted-canary-value").contains("fp:");
  }

  @Test
  void rememberedSecretsAreScrubbedFromPlainText() {
    r.remember("my-db-password");
    assertThat(r.plain("connect failed for my-db-password").text()).doesNotContain("my-db-password");
  }

  @Test
  void emptyValueIsShownAsEmpty() {
    assertThat(r.header("Set-Cookie", "sid=; Max-Age=0").text()).isEqualTo("Set-Cookie: sid=; Max-Age=0");
  }
}
