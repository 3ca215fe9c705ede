package authdoctor.collect.jwt;

import authdoctor.Redactor;
import authdoctor.observation.JwtKeySet;
import authdoctor.observation.JwtToken;
import authdoctor.observation.JwtVerification;
import authdoctor.observation.JwtVerification.Signature;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.crypto.impl.HMAC;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jwt.JWT;
import com.nimbusds.jwt.SignedJWT;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Verifies a token's signature with the verifier's keys the way a verifier selects them (RFC 7515 §4.1.4:
 * the {@code kid} picks the key from a set; a pinned key is used as it is), recording one
 * {@link JwtVerification} per key tried. All cryptography is nimbus-jose-jwt's.
 */
public final class SignatureVerifier {
  private SignatureVerifier() {}

  /** The public facts of a key; secrets are shown only as their redaction marker. */
  public static JwtKeySet.Key describe(JWK jwk, Redactor redactor) {
    String fingerprint;
    if (jwk instanceof OctetSequenceKey oct) {
      // A thumbprint of a secret is an unsalted hash of it: show the keyed fingerprint instead.
      fingerprint = redactor.marker(oct.getKeyValue().decodeToString());
    } else {
      try {
        fingerprint = "thumbprint:" + jwk.computeThumbprint().toString().substring(0, 16);
      } catch (JOSEException e) {
        fingerprint = "thumbprint:?";
      }
    }
    return new JwtKeySet.Key(
        jwk.getKeyID(),
        jwk.getKeyType().getValue(),
        jwk.getAlgorithm() == null ? null : jwk.getAlgorithm().getName(),
        jwk.getKeyUse() == null ? null : jwk.getKeyUse().identifier(),
        jwk.size(),
        fingerprint);
  }

  /**
   * The keys a verifier holding this set would try for this token: those with the token's {@code kid};
   * in a pinned set, or when the token has no {@code kid}, every key without a different {@code kid}.
   */
  public static List<JWK> candidates(JwtToken token, List<JWK> keys, String kind) {
    String kid = token.kid();
    if (kid != null) {
      List<JWK> byKid = keys.stream().filter(k -> kid.equals(k.getKeyID())).toList();
      if (!byKid.isEmpty()) return byKid;
      if (kind.equals("jwks") && keys.stream().anyMatch(k -> k.getKeyID() != null)) {
        return keys.stream().filter(k -> k.getKeyID() == null).toList();
      }
    }
    return keys;
  }

  /** One verification per candidate key; none for an unsecured token. */
  public static List<JwtVerification> verify(
      JwtToken token, JWT jwt, List<JWK> keys, String kind, String source, Redactor redactor) {
    List<JwtVerification> out = new ArrayList<>();
    if (token.isUnsecured() || !(jwt instanceof SignedJWT signed)) return out;
    JWSAlgorithm alg = JWSAlgorithm.parse(token.alg());
    for (JWK key : candidates(token, keys, kind)) {
      JwtKeySet.Key facts = describe(key, redactor);
      boolean algFits = key.getAlgorithm() == null || key.getAlgorithm().getName().equals(token.alg());
      String misfit = misfit(alg, key);
      if (misfit != null) {
        out.add(new JwtVerification(facts, source, token.alg(), false, algFits, Signature.NOT_CHECKED, misfit));
        continue;
      }
      Signature sig;
      String detail = null;
      try {
        sig = check(signed, alg, key) ? Signature.VALID : Signature.INVALID;
      } catch (JOSEException | RuntimeException e) {
        sig = Signature.NOT_CHECKED;
        detail = "cannot verify " + token.alg() + ": " + Objects.requireNonNullElse(e.getMessage(), e.getClass().getSimpleName());
      }
      out.add(new JwtVerification(facts, source, token.alg(), true, algFits, sig, detail));
    }
    return out;
  }

  /** Why this key cannot verify this algorithm at all (RFC 7518 §3.1), or null when it can. */
  static @Nullable String misfit(JWSAlgorithm alg, JWK key) {
    String kty = key.getKeyType().getValue();
    String needed;
    if (JWSAlgorithm.Family.HMAC_SHA.contains(alg)) needed = "oct";
    else if (JWSAlgorithm.Family.RSA.contains(alg)) needed = "RSA";
    else if (JWSAlgorithm.Family.EC.contains(alg)) needed = "EC";
    else if (JWSAlgorithm.Family.ED.contains(alg)) needed = "OKP";
    else return "unknown algorithm " + alg.getName();
    if (!needed.equals(kty)) return alg.getName() + " needs " + article(needed) + " key, not " + article(kty) + " key";
    if (key instanceof ECKey ec) {
      Curve expected = Curve.forJWSAlgorithm(alg).stream().findFirst().orElse(null);
      if (expected != null && !Curve.forJWSAlgorithm(alg).contains(ec.getCurve())) {
        return alg.getName() + " needs curve " + expected + ", the key is on " + ec.getCurve();
      }
    }
    return null;
  }

  private static String article(String kty) {
    return switch (kty) {
      case "oct" -> "an HMAC secret (oct)";
      case "RSA" -> "an RSA";
      case "EC" -> "an EC";
      default -> "an " + kty;
    };
  }

  private static boolean check(SignedJWT jwt, JWSAlgorithm alg, JWK key) throws JOSEException {
    if (key instanceof OctetSequenceKey oct) {
      // nimbus's MACVerifier refuses secrets shorter than the hash (RFC 7518 §3.2), but real services do
      // sign with short secrets; compute the MAC with nimbus's primitive and compare in constant time.
      String jca = "HmacSHA" + alg.getName().substring(2);
      byte[] expected = HMAC.compute(jca, new javax.crypto.spec.SecretKeySpec(oct.toByteArray(), jca), jwt.getSigningInput(), null);
      return MessageDigest.isEqual(expected, jwt.getSignature().decode());
    }
    if (key instanceof RSAKey rsa) return jwt.verify(new RSASSAVerifier(rsa));
    if (key instanceof ECKey ec) return jwt.verify(new ECDSAVerifier(ec));
    throw new JOSEException(key.getKeyType().getValue() + " keys are not supported");
  }
}
