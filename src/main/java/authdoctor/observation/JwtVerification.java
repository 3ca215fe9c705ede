package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import org.jspecify.annotations.Nullable;

/**
 * One attempt to verify a token's signature (RFC 7515 §5.2) with one of the verifier's keys, made by the
 * collector with nimbus-jose-jwt: which key, whether that key may be used with the token's {@code alg}
 * at all (RFC 7518 §3.1: HS256 needs an {@code oct} key, RS256 and PS256 an RSA key, ES256 an EC key), and what the
 * signature check gave.
 *
 * @param key the key tried
 * @param source where the key came from (as in {@link JwtKeySet#source()})
 * @param tokenAlg the token's {@code alg}
 * @param keyTypeFits whether the key's type can verify {@code tokenAlg}; when not, a verifier refuses
 *     without computing anything and {@code signature} is {@link Signature#NOT_CHECKED}
 * @param keyAlgFits whether the key's own {@code alg} (if it has one) equals {@code tokenAlg}
 * @param signature what the signature check gave
 * @param detail one line when there is more to say (why it was not checked), or null
 */
public record JwtVerification(
    JwtKeySet.Key key,
    String source,
    String tokenAlg,
    boolean keyTypeFits,
    boolean keyAlgFits,
    Signature signature,
    @Nullable String detail)
    implements Observation {
  public JwtVerification {
    requireNonNull(key);
    requireNonNull(source);
    requireNonNull(tokenAlg);
    requireNonNull(signature);
    if (!keyTypeFits && signature != Signature.NOT_CHECKED) {
      throw new IllegalArgumentException("a key of the wrong type cannot check a signature");
    }
  }

  /** The outcome of the signature computation. */
  public enum Signature {
    VALID,
    INVALID,
    NOT_CHECKED
  }

  /** True when a verifier holding this key would accept the signature: right type, right alg, valid. */
  public boolean accepted() {
    return keyTypeFits && keyAlgFits && signature == Signature.VALID;
  }

  /** No location of its own: evidence about it points at the token's claims. */
  @Override
  public @Nullable Location location() {
    return null;
  }
}
