package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.observation.JwtToken;
import authdoctor.observation.JwtVerification;
import authdoctor.observation.JwtVerification.Signature;
import authdoctor.testing.JwtFixture;
import authdoctor.testing.TestRedactors;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SignatureVerifierTest {
  static RSAKey rsa;
  static RSAKey otherRsa;
  static ECKey ec384;
  final Redactor redactor = TestRedactors.fixed();

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("k1").generate();
    otherRsa = new RSAKeyGenerator(2048).keyID("k2").generate();
    ec384 = new ECKeyGenerator(Curve.P_384).keyID("e1").generate();
  }

  ParsedJwt token(JWK key, String alg, String kid) throws Exception {
    return JwtParser.parse(JwtFixture.sign(alg, kid, Map.of(), new JWTClaimsSet.Builder().subject("u").build(), key), redactor);
  }

  List<JwtVerification> verify(ParsedJwt p, List<JWK> keys, String kind) {
    return SignatureVerifier.verify(p.token(), p.jwt(), keys, kind, "test", redactor);
  }

  @Test
  void rightPublicKeyVerifies() throws Exception {
    assertThat(verify(token(rsa, "RS256", "k1"), List.of(rsa.toPublicJWK()), "pinned"))
        .singleElement().satisfies(v -> assertThat(v.accepted()).isTrue());
  }

  @Test
  void kidSelectsTheKeyFromASet() throws Exception {
    List<JwtVerification> v = verify(token(rsa, "RS256", "k1"), List.of(otherRsa.toPublicJWK(), rsa.toPublicJWK()), "jwks");
    assertThat(v).extracting(x -> x.key().kid()).containsExactly("k1");
    assertThat(v.get(0).signature()).isEqualTo(Signature.VALID);
  }

  @Test
  void unknownKidInAPublishedSetTriesNoKey() throws Exception {
    assertThat(verify(token(rsa, "RS256", "old"), List.of(otherRsa.toPublicJWK()), "jwks")).isEmpty();
  }

  @Test
  void pinnedKeyIsTriedWhateverTheKid() throws Exception {
    assertThat(verify(token(rsa, "RS256", "old"), List.of(otherRsa.toPublicJWK()), "pinned"))
        .singleElement().extracting(JwtVerification::signature).isEqualTo(Signature.INVALID);
  }

  @Test
  void hmacTokenAgainstAnRsaKeyIsNotCheckedAndSaysWhy() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKey.Builder("0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)).build();
    JwtVerification v = verify(token(secret, "HS256", null), List.of(rsa.toPublicJWK()), "pinned").get(0);
    assertThat(v.keyTypeFits()).isFalse();
    assertThat(v.signature()).isEqualTo(Signature.NOT_CHECKED);
    assertThat(v.detail()).isEqualTo("HS256 needs an HMAC secret (oct) key, not an RSA key");
  }

  @Test
  void es256AgainstAP384KeyIsAKeyTypeMisfit() throws Exception {
    ECKey p256 = new ECKeyGenerator(Curve.P_256).generate();
    JwtVerification v = verify(token(p256, "ES256", null), List.of(ec384.toPublicJWK()), "pinned").get(0);
    assertThat(v.keyTypeFits()).isFalse();
    assertThat(v.detail()).contains("P-256", "P-384");
  }

  @Test
  void keyWhoseAlgDiffersStillReportsTheSignature() throws Exception {
    JWK restricted = new RSAKey.Builder(rsa.toPublicJWK()).algorithm(com.nimbusds.jose.JWSAlgorithm.RS512).build();
    JwtVerification v = verify(token(rsa, "RS256", "k1"), List.of(restricted), "jwks").get(0);
    assertThat(v.keyAlgFits()).isFalse();
    assertThat(v.signature()).isEqualTo(Signature.VALID);
    assertThat(v.accepted()).isFalse();
  }

  @Test
  void shortHmacSecretsAreVerifiedAndShownOnlyAsAMarker() throws Exception {
    OctetSequenceKey secret = new OctetSequenceKey.Builder("secret".getBytes(StandardCharsets.UTF_8)).build();
    JwtVerification v = verify(token(secret, "HS256", null), List.of(secret), "pinned").get(0);
    assertThat(v.signature()).isEqualTo(Signature.VALID);
    assertThat(v.key().fingerprint()).startsWith("‹redacted 6 chars fp:").doesNotContain("secret");
  }

  @Test
  void publicKeysAreFingerprintedByThumbprint() {
    assertThat(SignatureVerifier.describe(rsa.toPublicJWK(), redactor).describe()).matches("kid=k1 RSA 2048 bits thumbprint:[A-Za-z0-9_-]{16}");
  }

  @Test
  void unsecuredTokenIsNeverVerified() throws Exception {
    ParsedJwt p = JwtParser.parse(JwtFixture.sign("none", null, Map.of(), new JWTClaimsSet.Builder().build(), rsa), redactor);
    JwtToken t = p.token();
    assertThat(SignatureVerifier.verify(t, p.jwt(), List.of(rsa), "pinned", "x", redactor)).isEmpty();
  }
}
