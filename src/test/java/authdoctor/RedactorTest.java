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
  void locationRedactsCodeStateAndTokenParameters() {
    String s = r.headerValue("Location", "https://app/cb?state=xyz&code=AUTHCODE123&x=1#access_token=TOK456");
    assertThat(s).contains("state=‹redacted 3 chars", "&x=1").doesNotContain("xyz", "AUTHCODE123", "TOK456");
  }

  @Test
  void everyParameterThatCarriesATokenIsRedacted() {
    String s = r.url("https://idp/cb?SAMLResponse=PHNhbWw&RelayState=rs1&client_secret=cs1&id_token_hint=ith1"
        + "&X-Amz-Signature=sig1&my_refresh_token=rt1&ticket=ST-1&next=/home&lang=en");
    assertThat(s).doesNotContain("PHNhbWw", "rs1", "cs1", "ith1", "sig1", "rt1", "ST-1").contains("next=/home", "lang=en");
  }

  @Test
  void theSafetyNetLeavesShortValuesAlone() {
    r.remember("null");
    r.remember("true");
    r.remember("0");
    r.remember("a-long-session-value");
    String json = "{\"error\": null, \"ok\": true, \"n\": 0, \"v\": \"a-long-session-value\"}";
    assertThat(r.safetyNet(json)).startsWith("{\"error\": null, \"ok\": true, \"n\": 0, \"v\": \"‹redacted 20 chars");
    assertThat(r.scrub("null true 0")).isEqualTo("null true 0");
  }

  @Test
  void theSafetyNetCatchesAValueAsEachFormatEscapesIt() {
    String v = "a&b<c>d\"e'f/g\\h";
    r.remember(v);
    String fp = "‹redacted " + v.length() + " chars";
    assertThat(r.safetyNet("<td>a&amp;b&lt;c&gt;d&quot;e&#39;f/g\\h</td>")).isEqualTo("<td>" + fp + " fp:" + r.fingerprint(v) + "›</td>");
    assertThat(r.safetyNet("<failure message=\"a&amp;b&lt;c&gt;d&quot;e&apos;f/g\\h\"/>")).contains(fp).doesNotContain("e&apos;f");
    assertThat(r.safetyNet("{\"v\": \"a&b<c>d\\\"e'f/g\\\\h\"}")).contains(fp).doesNotContain("e'f");
    assertThat(r.safetyNet("{\"v\": \"a&b<c>d\\\"e'f\\/g\\\\h\"}")).contains(fp).doesNotContain("e'f");
  }

  @Test
  void aShortCredentialIsRemovedAtEntryAsAWordOfItsOwn() {
    r.credential("pw1");
    assertThat(r.plain("login refused for pw1, try again").text()).doesNotContain(" pw1,").contains("‹redacted 3 chars");
    assertThat(r.plain("pw12 spw1").text()).isEqualTo("pw12 spw1");
    assertThat(r.headerValue("X-Echo", "pw1")).startsWith("‹redacted 3 chars");
    assertThat(r.url("http://h/p?x=pw1")).doesNotContain("pw1");
    assertThat(r.safetyNet("pw1")).isEqualTo("pw1"); // short: left to the entry points
  }

  @Test
  void runsStartedAtOnceAgreeOnTheKey(@org.junit.jupiter.api.io.TempDir java.nio.file.Path home) throws Exception {
    java.nio.file.Path file = home.resolve("config").resolve("fp.key");
    int n = 8;
    java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(n);
    java.util.List<java.util.concurrent.Future<String>> fps = new java.util.ArrayList<>();
    try (var pool = java.util.concurrent.Executors.newFixedThreadPool(n)) {
      for (int i = 0; i < n; i++) {
        fps.add(pool.submit(() -> {
          start.await();
          return Redactor.fromKeyFile(file).fingerprint("same value");
        }));
      }
      java.util.Set<String> distinct = new java.util.HashSet<>();
      for (var f : fps) distinct.add(f.get());
      assertThat(distinct).hasSize(1);
    }
    assertThat(Redactor.fromKeyFile(file).fingerprint("same value")).isEqualTo(fps.get(0).get());
    try (var files = java.nio.file.Files.list(file.getParent())) {
      assertThat(files.map(p -> p.getFileName().toString()).toList()).containsExactly("fp.key");
    }
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
