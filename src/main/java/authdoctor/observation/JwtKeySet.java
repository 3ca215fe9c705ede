package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The keys a verifier holds, as authdoctor was given or fetched them (a JWKS per RFC 7517 §5, a PEM
 * public key, a JWK, or an HMAC secret): their public facts only, never key material.
 *
 * @param source where the keys came from: a JWKS URL, a file name, or {@code $VAR}
 * @param kind {@code jwks} (a published key set, where {@code kid} selects the key) or {@code pinned}
 *     (one key or secret configured directly)
 * @param keys the keys, in the set's order
 * @param fetchedAt when the set was fetched over the network (local clock), null for keys from files
 */
public record JwtKeySet(String source, String kind, List<Key> keys, @Nullable Instant fetchedAt) implements Observation {
  public JwtKeySet {
    requireNonNull(source);
    requireNonNull(kind);
    keys = List.copyOf(keys);
  }

  /**
   * The public facts of one key (RFC 7517 §4).
   *
   * @param kid its {@code kid}, null when it has none
   * @param kty {@code RSA}, {@code EC}, {@code oct} or {@code OKP}
   * @param alg its {@code alg}, null when the key does not restrict it
   * @param use its {@code use} ({@code sig}, {@code enc}), null when absent
   * @param size the key size in bits
   * @param fingerprint a printable fingerprint: the RFC 7638 thumbprint of a public key, or the redaction
   *     marker of a secret
   */
  public record Key(
      @Nullable String kid, String kty, @Nullable String alg, @Nullable String use, int size, String fingerprint) {
    public Key {
      requireNonNull(kty);
      requireNonNull(fingerprint);
    }

    /** One line for evidence: {@code kid=k1 RSA 2048 bits alg=RS256 use=sig fp:…}. */
    public String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append("kid=").append(kid == null ? "(none)" : kid).append(' ').append(kty).append(' ').append(size).append(" bits");
      if (alg != null) sb.append(" alg=").append(alg);
      if (use != null) sb.append(" use=").append(use);
      sb.append(' ').append(fingerprint);
      return sb.toString();
    }
  }

  /** True when this is a published set whose keys carry ids (so a token's {@code kid} must be among them). */
  public boolean selectsByKid() {
    return kind.equals("jwks") && keys.stream().anyMatch(k -> k.kid() != null);
  }

  /** True when some key has exactly this {@code kid}. */
  public boolean hasKid(@Nullable String kid) {
    return kid != null && keys.stream().anyMatch(k -> Objects.equals(k.kid(), kid));
  }

  /** The key ids the set lists, in order ({@code (none)} for keys without one). */
  public List<String> kids() {
    return keys.stream().map(k -> k.kid() == null ? "(none)" : k.kid()).toList();
  }

  /** No location of its own: evidence about it points at the token's claims. */
  @Override
  public @Nullable Location location() {
    return null;
  }
}
