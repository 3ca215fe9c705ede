package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;

/**
 * One instance's secrets as {@code authdoctor fingerprint} wrote them: names, keyed fingerprints and
 * lengths, never values. Read back from its JSON output by {@code authdoctor fingerprint --compare}.
 *
 * @param instance the file the fingerprints were read from (one per machine or instance)
 * @param keyId the fingerprint of a fixed text under the same key: two files compare only when it is equal
 * @param secrets the secrets, in the file's order
 * @param location the file
 */
public record SecretFingerprints(String instance, String keyId, List<Secret> secrets, Location location) implements Observation {
  public SecretFingerprints {
    requireNonNull(instance);
    requireNonNull(keyId);
    requireNonNull(location);
    secrets = List.copyOf(secrets);
  }

  /** Read from {@code instance}. */
  public SecretFingerprints(String instance, String keyId, List<Secret> secrets) {
    this(instance, keyId, secrets, new Location.FileLine(instance, 1));
  }

  /**
   * One secret.
   *
   * @param name the variable's name ({@code SESSION_SECRET})
   * @param fingerprint HMAC-SHA256 of the value under the fingerprint key, first 8 hex digits
   * @param length the value's length
   */
  public record Secret(String name, String fingerprint, int length) {
    public Secret {
      requireNonNull(name);
      requireNonNull(fingerprint);
    }
  }
}
