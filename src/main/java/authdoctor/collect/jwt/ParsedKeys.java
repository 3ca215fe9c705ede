package authdoctor.collect.jwt;

import static java.util.Objects.requireNonNull;

import com.nimbusds.jose.jwk.JWK;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The result of {@link KeyParser}: the keys read (with the kind of set they form), or why none could be.
 *
 * @param keys the keys, empty when rejected
 * @param kind {@code jwks} for a key set (a {@code kid} selects the key) or {@code pinned} for one key
 * @param problem one line saying why the text holds no usable key, null when it does
 */
public record ParsedKeys(List<JWK> keys, String kind, @Nullable String problem) {
  public ParsedKeys {
    keys = List.copyOf(keys);
    requireNonNull(kind);
  }

  static ParsedKeys rejected(String problem) {
    return new ParsedKeys(List.of(), "pinned", problem);
  }

  public boolean ok() {
    return problem == null;
  }
}
