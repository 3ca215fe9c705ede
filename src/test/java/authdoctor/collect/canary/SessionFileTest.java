package authdoctor.collect.canary;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.Redactor;
import authdoctor.internal.Hkdf;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sealed session file: what goes in comes out with the key, and nothing opens without it. */
class SessionFileTest {
  private static final byte[] KEY = SessionFile.keyFromText("a-key-of-the-team-for-ci-0001");
  private static final SavedSession SESSION = new SavedSession(URI.create("https://app.example.com/"),
      Instant.parse("2026-12-08T02:00:00Z"), URI.create("https://app.example.com/login"),
      List.of(new SavedSession.Cookie("sid", "s%3AcanarySessionIdQm2.sig", "app.example.com", "/", true, true, "LAX",
          Instant.parse("2026-12-09T02:00:00Z"), true, 443)),
      "canaryBearerTokenValue01", List.of("sid"),
      List.of(new SavedSession.Route(URI.create("https://app.example.com/dashboard"), 200, "200, no login form")));

  /** RFC 5869 Appendix A.3: SHA-256, zero-length salt and info. */
  @Test
  void hkdfMatchesTheRfcVector() {
    byte[] ikm = new byte[22];
    Arrays.fill(ikm, (byte) 0x0b);
    assertThat(HexFormat.of().formatHex(Hkdf.derive(ikm, "", 42))).isEqualTo(
        "8da4e775a563c18f715f802a063c5a31b8a11f5c5ee1879ec3454e5f3c738d2d9d201395faa4b61a96c8");
  }

  @Test
  void aSealedSessionOpensWithItsKeyOnly() {
    byte[] sealed = SessionFile.seal(SESSION, KEY);
    assertThat(SessionFile.open(sealed, KEY)).isEqualTo(SESSION);
    String raw = new String(sealed, StandardCharsets.ISO_8859_1);
    assertThat(raw).doesNotContain("canarySessionIdQm2").doesNotContain("canaryBearerTokenValue01").doesNotContain("dashboard");
    assertThatThrownBy(() -> SessionFile.open(sealed, SessionFile.keyFromText("another-key-of-another-team")))
        .isInstanceOf(SessionFile.Unreadable.class).hasMessageContaining("does not open with this key");
    assertThat(SessionFile.seal(SESSION, KEY)).as("a fresh nonce each time").isNotEqualTo(sealed);
    assertThat(SESSION.toString()).doesNotContain("canarySessionIdQm2").doesNotContain("canaryBearerTokenValue01");
  }

  @Test
  void theDerivedKeyIsNotTheFingerprintKeyAndDependsOnTheLabel() {
    byte[] fp = "the-fingerprint-key-of-this-user".getBytes(StandardCharsets.UTF_8);
    Redactor r = new Redactor(fp);
    byte[] k = r.derivedKey(SessionFile.DERIVED_KEY_LABEL);
    assertThat(k).hasSize(32).isNotEqualTo(Arrays.copyOf(fp, 32)).isNotEqualTo(r.derivedKey("another purpose"));
    assertThat(SessionFile.open(SessionFile.seal(SESSION, k), new Redactor(fp).derivedKey(SessionFile.DERIVED_KEY_LABEL)))
        .isEqualTo(SESSION);
  }

  @Test
  void changedTruncatedOrForeignBytesAreRefusedWhole() {
    byte[] sealed = SessionFile.seal(SESSION, KEY);
    for (int i = 0; i < sealed.length; i += 7) {
      byte[] t = sealed.clone();
      t[i] ^= 0x40;
      assertThatThrownBy(() -> SessionFile.open(t, KEY)).as("byte " + i).isInstanceOf(SessionFile.Unreadable.class);
    }
    for (int n : new int[] {0, 5, 18, 19, 30, sealed.length - 1}) {
      assertThatThrownBy(() -> SessionFile.open(Arrays.copyOf(sealed, n), KEY)).as(n + " bytes")
          .isInstanceOf(SessionFile.Unreadable.class);
    }
    assertThatThrownBy(() -> SessionFile.open("{}".getBytes(StandardCharsets.UTF_8), KEY))
        .hasMessageContaining("not a session saved by authdoctor");
  }
}
