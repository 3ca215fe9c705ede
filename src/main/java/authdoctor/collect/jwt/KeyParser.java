package authdoctor.collect.jwt;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Reads verification keys without throwing: a JWKS (RFC 7517 §5), one JWK (§4), a PEM
 * {@code PUBLIC KEY} (SubjectPublicKeyInfo, RFC 5280 §4.1.2.7) or a PEM {@code CERTIFICATE}; and wraps an
 * HMAC secret as an {@code oct} key. Private key material in a JWK is reduced to its public part.
 */
public final class KeyParser {
  /** Key files and JWKS documents longer than this are refused (real ones are a few KiB). */
  public static final int MAX_LENGTH = 1024 * 1024;

  private KeyParser() {}

  /** Keys from the text of a file or a JWKS response. */
  public static ParsedKeys parse(String text) {
    String t = text.strip();
    if (t.isEmpty()) return ParsedKeys.rejected("it is empty");
    if (t.length() > MAX_LENGTH) return ParsedKeys.rejected("it is longer than " + MAX_LENGTH + " characters");
    if (t.startsWith("{")) return json(t);
    if (t.contains("-----BEGIN CERTIFICATE-----")) {
      try {
        return new ParsedKeys(List.of(publicOnly(JWK.parseFromPEMEncodedX509Cert(t))), "pinned", null);
      } catch (JOSEException | RuntimeException e) {
        return ParsedKeys.rejected("the PEM certificate cannot be read");
      }
    }
    if (t.contains("-----BEGIN PUBLIC KEY-----")) return publicKeyPem(t);
    if (t.contains("PRIVATE KEY-----")) {
      return ParsedKeys.rejected("it holds a private key; give the public key (openssl pkey -in key.pem -pubout)");
    }
    if (t.contains("-----BEGIN RSA PUBLIC KEY-----")) {
      return ParsedKeys.rejected("PKCS#1 'RSA PUBLIC KEY' is not supported; convert it: openssl rsa -RSAPublicKey_in -in key.pem -pubout");
    }
    return ParsedKeys.rejected("expected a JWKS or JWK (JSON), a PEM public key or a PEM certificate");
  }

  /** An HMAC secret (its bytes as given) as an {@code oct} key. */
  public static JWK secret(byte[] secret) {
    return new OctetSequenceKey.Builder(secret).build();
  }

  private static ParsedKeys json(String t) {
    Map<String, Object> object;
    try {
      object = com.nimbusds.jose.util.JSONObjectUtils.parse(t);
    } catch (ParseException e) {
      return ParsedKeys.rejected("it is not valid JSON");
    }
    try {
      if (object.containsKey("keys")) {
        JWKSet set = JWKSet.parse(object);
        return new ParsedKeys(set.getKeys().stream().map(KeyParser::publicOnly).toList(), "jwks", null);
      }
      return new ParsedKeys(List.of(publicOnly(JWK.parse(object))), "pinned", null);
    } catch (ParseException | RuntimeException e) {
      return ParsedKeys.rejected("the JSON is not a JWK or JWKS (" + firstLine(e.getMessage()) + ")");
    }
  }

  private static ParsedKeys publicKeyPem(String t) {
    int begin = t.indexOf("-----BEGIN PUBLIC KEY-----") + "-----BEGIN PUBLIC KEY-----".length();
    int end = t.indexOf("-----END PUBLIC KEY-----", begin);
    if (end < 0) return ParsedKeys.rejected("the PEM block has no END PUBLIC KEY line");
    byte[] der;
    try {
      der = Base64.getMimeDecoder().decode(t.substring(begin, end));
    } catch (IllegalArgumentException e) {
      return ParsedKeys.rejected("the PEM block is not base64");
    }
    for (String algorithm : List.of("RSA", "EC")) {
      try {
        PublicKey key = KeyFactory.getInstance(algorithm).generatePublic(new X509EncodedKeySpec(der));
        JWK jwk =
            key instanceof RSAPublicKey rsa
                ? new RSAKey.Builder(rsa).build()
                : new ECKey.Builder(Curve.forECParameterSpec(((ECPublicKey) key).getParams()), (ECPublicKey) key).build();
        return new ParsedKeys(List.of(jwk), "pinned", null);
      } catch (java.security.GeneralSecurityException | RuntimeException e) {
        // try the next key type
      }
    }
    return ParsedKeys.rejected("the PEM public key is neither RSA nor EC (Ed25519 keys are not supported)");
  }

  private static JWK publicOnly(JWK jwk) {
    JWK pub = jwk.toPublicJWK();
    return pub == null ? jwk : pub; // oct keys have no public part
  }

  private static String firstLine(String s) {
    if (s == null) return "unreadable";
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
