package authdoctor.collect.redis;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.collect.Collector;
import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import authdoctor.observation.Collected;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import authdoctor.observation.StoreInspection;
import authdoctor.observation.StorePing;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Inspects a Redis session store, read-only: {@code PING} (after {@code AUTH} when a password was given),
 * then {@code INFO}, {@code CONFIG GET} of the settings that decide whether sessions survive, and a bounded
 * {@code SCAN} sample of each session library's keys with {@code PTTL}, {@code OBJECT IDLETIME}, {@code TYPE}
 * and, for strings, the first two bytes (the serialisation, never the session's content). Keys and the
 * password are secrets: keys appear only as fingerprints. No command that writes is ever sent.
 */
public final class StoreCollector implements Collector<StoreCollector.Request> {
  /** Keys sampled per pattern. */
  public static final int SAMPLE = 20;
  /** {@code SCAN} calls per pattern, each {@code COUNT 200}: at most 10,000 keys looked at per pattern. */
  static final int SCAN_CALLS = 50;

  private final Redactor redactor;

  public StoreCollector(Redactor redactor) {
    this.redactor = redactor;
  }

  /**
   * A store to inspect.
   *
   * @param shown the URL as reports show it (no password)
   * @param host the URL's host (the TLS server name)
   * @param address where to connect ({@code --resolve}d, else the host)
   * @param port the port
   * @param db the database number ({@code redis://host/2}), 0 by default
   * @param tls TLS for {@code rediss://}, null for plain TCP
   * @param password the password for {@code AUTH}, or null
   * @param prefix the app's session key prefix ({@code --store-prefix}); null for each library's default
   * @param timeoutMillis the bound on connect and on each reply
   * @param firstStep the trace step of the ping; the inspection is the next
   */
  public record Request(String shown, String host, String address, int port, int db, RedisClient.@Nullable Tls tls,
      @Nullable String password, @Nullable String prefix, int timeoutMillis, int firstStep) {
    public Request {
      requireNonNull(shown);
      requireNonNull(host);
      requireNonNull(address);
    }
  }

  /** The ping and the inspection; a store that does not answer is a {@link StorePing} not answered. */
  @Override
  public Collected collect(Request r) {
    if (r.password() != null) redactor.credential(r.password());
    RedisClient client = new RedisClient(r.address(), r.port(), r.timeoutMillis(), r.tls());
    long start = System.nanoTime();
    List<Observation> seen = new ArrayList<>();
    try (RedisClient.Connection c = client.open()) {
      String refused = auth(c, r.password());
      Resp pong = c.call("PING");
      long ms = (System.nanoTime() - start) / 1_000_000;
      if (refused != null) {
        seen.add(new StorePing(r.firstStep(), r.shown(), true, redactor.scrub(refused), ms));
        return new Collected(seen, List.of(), List.of(), "the store " + r.shown() + " refused the password: " + redactor.scrub(refused));
      }
      boolean noauth = pong instanceof Resp.Error e && e.kind().equals("NOAUTH");
      String reply = pong instanceof Resp.Simple s ? s.text() : RedisClient.clip(pong.line());
      // A store that wants a password answers too: reachable, which is all the ping decides.
      seen.add(new StorePing(r.firstStep(), r.shown(), pong instanceof Resp.Simple || noauth, redactor.scrub(reply), ms));
      if (noauth) {
        return new Collected(seen, List.of(new Problem(r.shown(),
            "the store wants a password: give it with --password-env, --password-file or --password-stdin to read its settings and keys")));
      }
      if (!(pong instanceof Resp.Simple)) return new Collected(seen, List.of(new Problem(r.shown(), "PING → " + redactor.scrub(reply))));
      List<Problem> problems = new ArrayList<>();
      StoreInspection inspection = inspect(c, r, r.firstStep() + 1, problems);
      if (inspection != null) seen.add(inspection);
      return new Collected(seen, problems);
    } catch (IOException e) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      seen.add(new StorePing(r.firstStep(), r.shown(), false, redactor.scrub(client.describe(e)), ms));
      return new Collected(seen, List.of());
    }
  }

  /**
   * The inspection alone, over a connection of its own, for a store already pinged (the probe's {@code
   * --store}): the inspection, or nothing when the store cannot be read (then a problem says why).
   */
  public Collected inspect(Request r) {
    RedisClient client = new RedisClient(r.address(), r.port(), r.timeoutMillis(), r.tls());
    List<Problem> problems = new ArrayList<>();
    try (RedisClient.Connection c = client.open()) {
      String refused = auth(c, r.password());
      if (refused != null) return new Collected(List.of(), List.of(new Problem(r.shown(), "AUTH → " + redactor.scrub(refused))));
      StoreInspection inspection = inspect(c, r, r.firstStep(), problems);
      return new Collected(inspection == null ? List.of() : List.of(inspection), problems);
    } catch (IOException e) {
      return new Collected(List.of(), List.of(new Problem(r.shown(), "inspection: " + redactor.scrub(client.describe(e)))));
    }
  }

  /** {@code AUTH}: null when accepted or not needed; else the refusal line. */
  private static @Nullable String auth(RedisClient.Connection c, @Nullable String password) throws IOException {
    if (password == null) return null;
    Resp r = c.call("AUTH", password);
    if (r instanceof Resp.Simple) return null;
    // Redis 6+: a password given to a store without one is refused with this line; the store is open anyway.
    if (r instanceof Resp.Error e && e.text().contains("without any password configured")) return null;
    return RedisClient.clip(r.line());
  }

  private @Nullable StoreInspection inspect(RedisClient.Connection c, Request r, int step, List<Problem> problems)
      throws IOException {
    if (r.db() != 0) {
      Resp selected = c.call("SELECT", Integer.toString(r.db()));
      if (!(selected instanceof Resp.Simple)) {
        problems.add(new Problem(r.shown(), "SELECT " + r.db() + " → " + redactor.scrub(RedisClient.clip(selected.line()))));
        return null;
      }
    }
    Map<String, String> info = info(c.call("INFO"));
    if (info.isEmpty()) problems.add(new Problem(r.shown(), "INFO refused: settings read from CONFIG alone"));
    Map<String, String> config = new LinkedHashMap<>();
    String configRefused = null;
    for (String name : List.of("maxmemory", "maxmemory-policy", "save", "appendonly")) {
      Resp got = c.call("CONFIG", "GET", name);
      if (got instanceof Resp.Array a && a.items().size() == 2 && a.items().get(1) instanceof Resp.Bulk v) {
        config.put(name, v.text());
      } else {
        configRefused = redactor.scrub(RedisClient.clip(got.line()));
        config.clear();
        break;
      }
    }
    long maxmemory = number(config.getOrDefault("maxmemory", info.get("maxmemory")));
    String policy = config.getOrDefault("maxmemory-policy", info.get("maxmemory_policy"));
    String save = configRefused == null ? config.get("save") : null;
    boolean aof = configRefused == null ? "yes".equalsIgnoreCase(config.get("appendonly")) : "1".equals(info.get("aof_enabled"));
    long keys = keyCount(info.get("db" + r.db()));
    List<StoreInspection.Pattern> patterns = new ArrayList<>();
    for (Framework.StoreKey k : patterns(r.prefix())) {
      StoreInspection.Pattern p = sample(c, k, r, problems);
      if (p == null) break;
      patterns.add(p);
    }
    return new StoreInspection(step, r.shown(), info.getOrDefault("redis_version", ""), configRefused, maxmemory,
        number(info.get("used_memory")), policy, save, aof, number(info.get("evicted_keys")), keys, patterns);
  }

  /** The key patterns: the given prefix, else each session library's default. */
  private static List<Framework.StoreKey> patterns(@Nullable String prefix) {
    if (prefix != null) return List.of(new Framework.StoreKey("--store-prefix", prefix, "--store-prefix"));
    return Frameworks.ALL.stream().flatMap(f -> f.storeKeys().stream()).toList();
  }

  /** A bounded {@code SCAN MATCH prefix*} and each sampled key's lifetime and kind; null when SCAN is refused. */
  private StoreInspection.@Nullable Pattern sample(RedisClient.Connection c, Framework.StoreKey k, Request r,
      List<Problem> problems) throws IOException {
    List<String> found = new ArrayList<>();
    String cursor = "0";
    boolean complete = false;
    for (int i = 0; i < SCAN_CALLS && found.size() < SAMPLE; i++) {
      Resp got = c.call("SCAN", cursor, "MATCH", glob(k.prefix()) + "*", "COUNT", "200");
      if (!(got instanceof Resp.Array a) || a.items().size() != 2 || !(a.items().get(0) instanceof Resp.Bulk next)
          || !(a.items().get(1) instanceof Resp.Array batch)) {
        problems.add(new Problem(r.shown(), "SCAN → " + redactor.scrub(RedisClient.clip(got.line())) + ": no key sampled"));
        return null;
      }
      for (Resp key : batch.items()) {
        // Spring Session's companion keys (expires:, expirations:) are not sessions.
        if (key instanceof Resp.Bulk b && found.size() < SAMPLE && !b.text().startsWith(k.prefix() + "expires:")) {
          found.add(b.text());
        }
      }
      cursor = next.text();
      if (cursor.equals("0")) {
        complete = true;
        break;
      }
    }
    List<StoreInspection.SampledKey> sample = new ArrayList<>();
    for (String key : found) {
      long ttl = c.call("PTTL", key) instanceof Resp.Int t ? t.value() : -1;
      if (ttl == -2) continue; // gone since the scan
      long idle = c.call("OBJECT", "IDLETIME", key) instanceof Resp.Int t ? t.value() : -1;
      sample.add(new StoreInspection.SampledKey(redactor.secret(key), ttl, idle, kind(c, key)));
    }
    return new StoreInspection.Pattern(k.convention(), k.prefix(), complete, sample);
  }

  /** The value's kind from {@code TYPE} and, for a string, its first two bytes (never more of the session). */
  private static String kind(RedisClient.Connection c, String key) throws IOException {
    Resp type = c.call("TYPE", key);
    String t = type instanceof Resp.Simple s ? s.text() : "unknown";
    if (!t.equals("string")) return t;
    if (!(c.call("GETRANGE", key, "0", "1") instanceof Resp.Bulk b) || b.bytes().length == 0) return "string";
    int first = b.bytes()[0] & 0xff;
    int second = b.bytes().length > 1 ? b.bytes()[1] & 0xff : -1;
    if (first == '{') return "json";
    // pickle: PROTO opcode 0x80 then the protocol (2-5); msgpack: a fixmap 0x80-0x8f then a fixstr key.
    if (first == 0x80 && second >= 2 && second <= 5) return "pickle";
    if (first >= 0x80 && first <= 0x8f) return "msgpack";
    return "string";
  }

  /** A prefix as a SCAN glob: {@code * ? [ ] \} escaped so they match themselves. */
  static String glob(String prefix) {
    return prefix.replaceAll("([*?\\[\\]\\\\])", "\\\\$1");
  }

  /** {@code INFO}'s {@code name:value} lines; empty when refused. */
  static Map<String, String> info(Resp reply) {
    Map<String, String> out = new LinkedHashMap<>();
    if (!(reply instanceof Resp.Bulk b)) return out;
    for (String line : b.text().split("\r?\n")) {
      int colon = line.indexOf(':');
      if (colon > 0 && !line.startsWith("#")) out.put(line.substring(0, colon), line.substring(colon + 1).strip());
    }
    return out;
  }

  /** {@code keys=3,expires=1,avg_ttl=0} → 3. */
  private static long keyCount(@Nullable String keyspace) {
    if (keyspace == null) return 0;
    for (String part : keyspace.split(",")) {
      if (part.startsWith("keys=")) return number(part.substring(5));
    }
    return 0;
  }

  private static long number(@Nullable String s) {
    if (s == null) return 0;
    try {
      return Long.parseLong(s.strip());
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
