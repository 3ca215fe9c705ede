package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.observation.JwtToken;
import authdoctor.testing.TestRedactors;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class JwtParserTest {
  private final Redactor redactor = TestRedactors.fixed();

  private static String b64(String json) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
  }

  private static String token(String header, String claims) {
    return b64(header) + "." + b64(claims) + ".c2lnbmF0dXJlLWJ5dGVzLWhlcmU";
  }

  private JwtToken parsed(String header, String claims) {
    ParsedJwt p = JwtParser.parse(token(header, claims), redactor);
    assertThat(p.ok()).as(p.detail()).isTrue();
    return p.token();
  }

  @Test
  void registeredClaimsAreReadWithTheirTypes() {
    JwtToken t = parsed("{\"alg\":\"RS256\",\"kid\":\"k1\"}",
        "{\"iss\":\"https://idp\",\"sub\":\"u1\",\"aud\":\"api\",\"exp\":1795680000,\"nbf\":1795679000,\"iat\":1795678000.5}");
    assertThat(t.alg()).isEqualTo("RS256");
    assertThat(t.kid()).isEqualTo("k1");
    assertThat(t.issuer()).isEqualTo("https://idp");
    assertThat(t.subject()).isEqualTo("u1");
    assertThat(t.audience()).containsExactly("api");
    assertThat(t.expiresAt()).isEqualTo(Instant.ofEpochSecond(1795680000));
    assertThat(t.notBefore()).isEqualTo(Instant.ofEpochSecond(1795679000));
    assertThat(t.issuedAt()).isEqualTo(Instant.ofEpochSecond(1795678000, 500_000_000));
    assertThat(t.problems()).isEmpty();
  }

  @Test
  void audienceArrayIsKeptInOrder() {
    assertThat(parsed("{\"alg\":\"RS256\"}", "{\"aud\":[\"account\",\"api\"]}").audience()).containsExactly("account", "api");
  }

  @Test
  void expThatIsAStringIsAProblemNotAnError() {
    JwtToken t = parsed("{\"alg\":\"RS256\"}", "{\"exp\":\"tomorrow\"}");
    assertThat(t.expiresAt()).isNull();
    assertThat(t.has("exp")).isTrue();
    assertThat(t.problems()).containsExactly("exp is a string, not a NumericDate (seconds since 1970)");
  }

  @Test
  void exactHeaderAndClaimsTextIsKept() {
    JwtToken t = parsed("{\"alg\":\"HS256\", \"typ\":\"JWT\"}", "{\"sub\":\"u1\"}");
    assertThat(t.headerJson()).isEqualTo("{\"alg\":\"HS256\", \"typ\":\"JWT\"}");
    assertThat(t.claimsJson()).isEqualTo("{\"sub\":\"u1\"}");
  }

  @Test
  void markerHidesTheTokenAndTheRedactorRemembersItAndItsSignature() {
    String token = token("{\"alg\":\"RS256\"}", "{\"sub\":\"u1\"}");
    ParsedJwt p = JwtParser.parse(token, redactor);
    assertThat(p.token().marker()).startsWith("‹redacted " + token.length() + " chars fp:").doesNotContain(token);
    assertThat(redactor.scrub("a " + token + " b")).doesNotContain(token);
    assertThat(redactor.scrub("sig c2lnbmF0dXJlLWJ5dGVzLWhlcmU")).doesNotContain("c2lnbmF0dXJlLWJ5dGVzLWhlcmU");
  }

  @Test
  void unsecuredTokenIsReadAsAlgNone() {
    String token = b64("{\"alg\":\"none\"}") + "." + b64("{\"sub\":\"admin\"}") + ".";
    ParsedJwt p = JwtParser.parse(token, redactor);
    assertThat(p.ok()).isTrue();
    assertThat(p.token().isUnsecured()).isTrue();
  }

  @Test
  void textThatIsNotAJwtIsRejectedByName() {
    assertThat(JwtParser.parse("", redactor).rejection()).isEqualTo(JwtParser.Rejection.EMPTY);
    assertThat(JwtParser.parse("opaque-token-123", redactor).rejection()).isEqualTo(JwtParser.Rejection.NOT_COMPACT);
    assertThat(JwtParser.parse("a.b.c.d.e", redactor).rejection()).isEqualTo(JwtParser.Rejection.ENCRYPTED);
    assertThat(JwtParser.parse("bm90.anNvbg.x", redactor).rejection()).isEqualTo(JwtParser.Rejection.UNREADABLE);
    assertThat(JwtParser.parse("a b.c.d", redactor).rejection()).isEqualTo(JwtParser.Rejection.NOT_COMPACT);
    assertThat(JwtParser.parse("x".repeat(JwtParser.MAX_LENGTH + 1), redactor).rejection()).isEqualTo(JwtParser.Rejection.TOO_LONG);
  }

  @Test
  void rejectionDetailNeverQuotesTheInput() {
    ParsedJwt p = JwtParser.parse("eyJzZWNyZXQiOiJ4In0.eyJzZWNyZXQiOiJ4In0.secretsig", redactor);
    assertThat(p.ok()).isFalse();
    assertThat(p.detail()).doesNotContain("secretsig", "eyJ");
  }

  @Test
  void normalizeTrimsAndDropsBearerAndAuthorizationPrefixes() {
    assertThat(JwtParser.normalize("  a.b.c\n")).isEqualTo("a.b.c");
    assertThat(JwtParser.normalize("Bearer a.b.c")).isEqualTo("a.b.c");
    assertThat(JwtParser.normalize("bearer  a.b.c")).isEqualTo("a.b.c");
    assertThat(JwtParser.normalize("Authorization: Bearer a.b.c")).isEqualTo("a.b.c");
  }

  @Test
  void mutatedTokensNeverThrow() {
    // Not a fuzzer (Jazzer is not in the build yet), but the same contract: no input makes parse throw.
    String base = token("{\"alg\":\"RS256\",\"kid\":\"k1\"}", "{\"sub\":\"u1\",\"exp\":1795680000,\"aud\":[\"a\"]}");
    java.util.Random random = new java.util.Random(42);
    String alphabet = "._-=AZaz09{}\"\\ eyJ";
    for (int i = 0; i < 5000; i++) {
      StringBuilder sb = new StringBuilder(base);
      for (int m = 0; m <= random.nextInt(4); m++) {
        int at = random.nextInt(sb.length());
        switch (random.nextInt(3)) {
          case 0 -> sb.setCharAt(at, alphabet.charAt(random.nextInt(alphabet.length())));
          case 1 -> sb.deleteCharAt(at);
          default -> sb.insert(at, alphabet.charAt(random.nextInt(alphabet.length())));
        }
      }
      ParsedJwt p = JwtParser.parse(sb.toString(), redactor);
      assertThat(p.ok() || p.rejection() != null).isTrue();
    }
  }
}
