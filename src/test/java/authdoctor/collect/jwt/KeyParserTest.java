package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class KeyParserTest {
  static RSAKey rsa;
  static ECKey ec;

  @BeforeAll
  static void keys() throws Exception {
    rsa = new RSAKeyGenerator(2048).keyID("r1").generate();
    ec = new ECKeyGenerator(Curve.P_384).keyID("e1").generate();
  }

  static String pem(String type, byte[] der) {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }

  @Test
  void jwksIsAPublishedSetOfPublicKeys() {
    ParsedKeys p = KeyParser.parse(new JWKSet(List.of(rsa, ec)).toString(false)); // includes private parts
    assertThat(p.ok()).isTrue();
    assertThat(p.kind()).isEqualTo("jwks");
    assertThat(p.keys()).extracting(k -> k.getKeyID()).containsExactly("r1", "e1");
    assertThat(p.keys()).noneMatch(k -> k.isPrivate());
  }

  @Test
  void singleJwkIsPinned() {
    ParsedKeys p = KeyParser.parse(rsa.toPublicJWK().toJSONString());
    assertThat(p.kind()).isEqualTo("pinned");
    assertThat(p.keys()).singleElement().extracting(k -> k.getKeyID()).isEqualTo("r1");
  }

  @Test
  void pemPublicKeysOfRsaAndEcAreRead() throws Exception {
    ParsedKeys r = KeyParser.parse(pem("PUBLIC KEY", rsa.toPublicKey().getEncoded()));
    assertThat(r.ok()).as(String.valueOf(r.problem())).isTrue();
    assertThat(r.keys().get(0)).isInstanceOf(RSAKey.class);
    assertThat(((RSAKey) r.keys().get(0)).getModulus()).isEqualTo(rsa.getModulus());
    ParsedKeys e = KeyParser.parse(pem("PUBLIC KEY", ec.toPublicKey().getEncoded()));
    assertThat(((ECKey) e.keys().get(0)).getCurve()).isEqualTo(Curve.P_384);
  }

  @Test
  void privateKeyPemIsRefusedWithTheCommandToFixIt() throws Exception {
    ParsedKeys p = KeyParser.parse(pem("PRIVATE KEY", rsa.toPrivateKey().getEncoded()));
    assertThat(p.ok()).isFalse();
    assertThat(p.problem()).contains("openssl pkey").doesNotContain("MII");
  }

  @Test
  void junkIsNamedNotThrown() {
    assertThat(KeyParser.parse("").problem()).isEqualTo("it is empty");
    assertThat(KeyParser.parse("{not json").problem()).isEqualTo("it is not valid JSON");
    assertThat(KeyParser.parse("{\"kty\":\"XYZ\"}").problem()).startsWith("the JSON is not a JWK or JWKS");
    assertThat(KeyParser.parse("hello").problem()).startsWith("expected a JWKS or JWK");
    assertThat(KeyParser.parse("-----BEGIN PUBLIC KEY-----\n!!!\n-----END PUBLIC KEY-----").ok()).isFalse();
  }

  @Test
  void secretBecomesAnOctKeyOfItsBytes() {
    var k = KeyParser.secret("s3cr3t".getBytes(StandardCharsets.UTF_8));
    assertThat(k.getKeyType().getValue()).isEqualTo("oct");
    assertThat(k.size()).isEqualTo(48);
  }

  @Test
  void mutatedKeyTextNeverThrows() throws Exception {
    String base = new JWKSet(List.of(rsa.toPublicJWK(), ec.toPublicJWK())).toString();
    String pem = pem("PUBLIC KEY", rsa.toPublicKey().getEncoded());
    java.util.Random random = new java.util.Random(7);
    for (String text : List.of(base, pem)) {
      for (int i = 0; i < 2000; i++) {
        StringBuilder sb = new StringBuilder(text);
        int at = random.nextInt(sb.length());
        if (random.nextBoolean()) sb.deleteCharAt(at);
        else sb.insert(at, "{}[]\",:-A0".charAt(random.nextInt(10)));
        ParsedKeys p = KeyParser.parse(sb.toString());
        assertThat(p.ok() ? !p.keys().isEmpty() || p.kind().equals("jwks") : p.problem() != null).isTrue();
      }
    }
  }
}
