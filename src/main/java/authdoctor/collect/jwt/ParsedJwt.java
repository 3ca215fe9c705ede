package authdoctor.collect.jwt;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.JwtToken;
import com.nimbusds.jwt.JWT;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link JwtParser#parse}: the decoded token and nimbus's parsed form (kept for signature
 * verification inside the collector), or the named reason it is not a readable JWT.
 *
 * @param token the observation, null when rejected
 * @param jwt nimbus's parsed token, null when rejected
 * @param rejection why it was rejected, null when it was read
 * @param detail one line about the rejection (never containing the token), empty when read
 */
public record ParsedJwt(
    @Nullable JwtToken token, @Nullable JWT jwt, JwtParser.@Nullable Rejection rejection, String detail) {
  public ParsedJwt {
    requireNonNull(detail);
    if ((token == null) != (rejection != null) || (token == null) != (jwt == null)) {
      throw new IllegalArgumentException("either a token or a rejection");
    }
  }

  public boolean ok() {
    return token != null;
  }
}
