package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The probe's look-up of the session it replayed in the store the app is configured with ({@code --store}):
 * one {@code EXISTS} per key a session library would keep that session under (never {@code KEYS} or
 * {@code SCAN}), made right after the instances answered, while the session is still alive.
 *
 * @param step the trace step of the look-up
 * @param store the store URL as given ({@code redis://sessions:6379/0}; never with a password)
 * @param cookie the session cookie's name
 * @param signedId whether the id was taken out of a signed cookie ({@code s:<id>.<signature>} of
 *     express-session, {@code <id>.<signature>} of Flask-Session's signer): then an instance with another
 *     secret refuses the cookie before it asks the store
 * @param prefixGiven whether the key prefix came from {@code --store-prefix} (else each library's default)
 * @param keys the keys looked up, in order
 * @param failure null when the store answered every {@code EXISTS}; else why there is no answer
 *     ({@code -NOAUTH …}, "connection refused", "no key convention known for cookie x")
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record StoreLookup(
    int step, String store, String cookie, boolean signedId, boolean prefixGiven, List<Key> keys,
    @Nullable String failure,
    Location location) implements Observation {
  public StoreLookup {
    requireNonNull(location);
    requireNonNull(store);
    requireNonNull(cookie);
    keys = List.copyOf(keys);
  }

  /** Seen at its trace step. */
  public StoreLookup(
      int step,
      String store,
      String cookie,
      boolean signedId,
      boolean prefixGiven,
      List<Key> keys,
      @Nullable String failure) {
    this(step, store, cookie, signedId, prefixGiven, keys, failure, new Location.ExchangeRef(step));
  }

  /**
   * One key looked up.
   *
   * @param convention whose convention names the key ({@code connect-redis (express-session)},
   *     {@code --store-prefix}, …)
   * @param prefix the part of the key before the session id (not a secret: {@code sess:})
   * @param key the whole key, which holds the session id: only its fingerprint
   * @param exists whether the store has it ({@code EXISTS} answered 1)
   */
  public record Key(String convention, String prefix, Redacted key, boolean exists) {
    public Key {
      requireNonNull(convention);
      requireNonNull(prefix);
      requireNonNull(key);
    }
  }

  /** Whether the store answered and holds the session under one of the keys. */
  public boolean found() {
    return failure == null && keys.stream().anyMatch(Key::exists);
  }

  /** Whether the store answered and holds the session under none of the keys. */
  public boolean missing() {
    return failure == null && !keys.isEmpty() && keys.stream().noneMatch(Key::exists);
  }
}
