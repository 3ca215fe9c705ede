package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a session store (Redis) said about itself and its session keys, read-only: {@code INFO},
 * {@code CONFIG GET maxmemory maxmemory-policy save appendonly} (or {@code INFO} alone when {@code CONFIG}
 * is disabled or renamed), and a sample of keys found with a bounded {@code SCAN} by each session library's
 * key pattern (never {@code KEYS}), with {@code PTTL}, {@code OBJECT IDLETIME} and the kind of value.
 *
 * @param step the trace step of the inspection
 * @param store the store URL as given, without a password
 * @param version {@code redis_version} from {@code INFO server} ("" when not shown)
 * @param configRefused null when {@code CONFIG GET} answered; else its error line (the settings then come
 *     from {@code INFO}, and {@code save} is unknown)
 * @param maxmemory {@code maxmemory} in bytes; 0 means no limit
 * @param usedMemory {@code used_memory} in bytes
 * @param policy {@code maxmemory-policy} ({@code noeviction}, {@code allkeys-lru}, …); null when unknown
 * @param save the RDB {@code save} setting ("" = snapshots off); null when unknown ({@code CONFIG} refused)
 * @param appendonly whether the append-only file is on ({@code appendonly yes} or {@code aof_enabled:1})
 * @param evictedKeys {@code evicted_keys} of {@code INFO stats}: keys evicted since the server started
 * @param keys the number of keys in the selected database ({@code INFO keyspace})
 * @param patterns the key patterns scanned, each with the keys found and whether the scan finished
 * @param location where it was seen: its trace step
 */
public record StoreInspection(
    int step,
    String store,
    String version,
    @Nullable String configRefused,
    long maxmemory,
    long usedMemory,
    @Nullable String policy,
    @Nullable String save,
    boolean appendonly,
    long evictedKeys,
    long keys,
    List<Pattern> patterns,
    Location location) implements Observation {
  public StoreInspection {
    requireNonNull(store);
    requireNonNull(version);
    requireNonNull(location);
    patterns = List.copyOf(patterns);
  }

  /** Seen at its trace step. */
  public StoreInspection(int step, String store, String version, @Nullable String configRefused, long maxmemory,
      long usedMemory, @Nullable String policy, @Nullable String save, boolean appendonly, long evictedKeys, long keys,
      List<Pattern> patterns) {
    this(step, store, version, configRefused, maxmemory, usedMemory, policy, save, appendonly, evictedKeys, keys,
        patterns, new Location.ExchangeRef(step));
  }

  /**
   * One session library's key pattern and what {@code SCAN MATCH <prefix>*} found under it.
   *
   * @param convention whose keys ({@code connect-redis (express-session)}, {@code --store-prefix})
   * @param prefix the key prefix ({@code sess:}); not a secret
   * @param complete whether the scan walked the whole keyspace (else it stopped at its bound)
   * @param sample the keys sampled, at most the bound
   */
  public record Pattern(String convention, String prefix, boolean complete, List<SampledKey> sample) {
    public Pattern {
      requireNonNull(convention);
      requireNonNull(prefix);
      sample = List.copyOf(sample);
    }
  }

  /**
   * One sampled key.
   *
   * @param key the whole key, which holds the session id: only its fingerprint
   * @param ttlMillis {@code PTTL}: milliseconds left, or -1 when the key has no expiry
   * @param idleSeconds {@code OBJECT IDLETIME}, or -1 when the store does not track it (an LFU policy)
   * @param kind how the value is stored: {@code hash} (Spring Session), {@code json} (connect-redis),
   *     {@code pickle} (Flask-Session, Django), {@code string} (anything else), or the Redis type
   */
  public record SampledKey(Redacted key, long ttlMillis, long idleSeconds, String kind) {
    public SampledKey {
      requireNonNull(key);
      requireNonNull(kind);
    }

    public boolean expires() {
      return ttlMillis >= 0;
    }
  }

  /** Every sampled key, pattern by pattern. */
  public List<SampledKey> sample() {
    return patterns.stream().flatMap(p -> p.sample().stream()).toList();
  }

  /** {@code used_memory} against {@code maxmemory} in Redis' units (1mb = 1024 KiB): "1.9 MiB of 2.0 MiB (96%)". */
  public String memory() {
    String used = mebibytes(usedMemory);
    if (maxmemory <= 0) return used + " used, no maxmemory limit";
    return used + " of " + mebibytes(maxmemory) + " (" + (usedMemory * 100 / maxmemory) + "%)";
  }

  private static String mebibytes(long bytes) {
    return String.format(java.util.Locale.ROOT, "%.1f MiB", bytes / (1024.0 * 1024.0));
  }

  /** Whether memory is within 10% of a {@code maxmemory} limit. */
  public boolean nearMaxmemory() {
    return maxmemory > 0 && usedMemory >= maxmemory * 9 / 10;
  }
}
