package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.redis.RedisClient;
import authdoctor.collect.redis.Sentinel;
import authdoctor.collect.redis.StoreCollector;
import authdoctor.internal.Hosts;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StorePing;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The session store ({@code --store}): a {@code PING} right after the login, so a login that failed and a
 * store that does not answer are seen together, then the store inspection of {@code authdoctor store} when it
 * answered {@code PONG}; and, when some request refused the session, {@code EXISTS}
 * on the keys its library would keep it under. Ids and keys are secrets: only fingerprints are shown.
 */
final class StorePhase {
  private static final int DEFAULT_PORT = 6379;

  private final ProbeSession s;
  /** The master a Sentinel URL named (asked once, at the ping), or null. */
  private @Nullable URI master;

  StorePhase(ProbeSession s) {
    this.s = s;
  }

  /**
   * The store's own {@code redis://} URL: a Sentinel URL ({@link Sentinel}) becomes the master's, asked of the
   * Sentinels once; null when no Sentinel named it (then {@code failure} says why, in the ping).
   */
  private @Nullable URI direct(URI store, String[] failure) {
    if (!Sentinel.is(store.toString())) return store;
    if (master != null) return master;
    Sentinel sentinel = Sentinel.parse(store.toString());
    Sentinel.Answer a = sentinel.master(s.millisLeft(3000), (h, p) -> notContacted(h, p) == null ? s.address(h, p) : null);
    if (a.master() == null) {
      failure[0] = String.valueOf(a.failure());
      return null;
    }
    Sentinel.Master m = requireNonNull(a.master());
    s.note("store (Sentinel)", "Sentinel " + m.from() + ": master " + sentinel.master() + " is " + m.host() + ":" + m.port());
    master = Sentinel.masterUrl(m, sentinel.db());
    return master;
  }

  /** Why the store is not contacted, or null when it may be. */
  private @Nullable String notContacted(String host, int port) {
    boolean pinned = s.http.options().resolveFor(host, port).isPresent();
    return !pinned && !Hosts.isLoopback(host) && s.config.onlyResolvedHosts()
        ? "not contacted: " + host + ":" + port + " is not pinned by --resolve" : null;
  }

  /** {@code PING}s the store; whether it answered {@code PONG} (so it can be read without a password). */
  boolean ping(URI given, @Nullable String password) {
    String[] failure = {null};
    URI store = direct(given, failure);
    int step = s.steps.next();
    if (given.getRawUserInfo() != null) s.redactor.remember(given.getRawUserInfo());
    String shown = s.redactor.url(given.toString());
    if (store == null) {
      s.add(new StorePing(step, shown, false, s.redactor.scrub(String.valueOf(failure[0])), 0));
      return false;
    }
    String host = requireNonNull(store.getHost());
    int port = store.getPort() >= 0 ? store.getPort() : DEFAULT_PORT;
    long start = System.nanoTime();
    String reply = notContacted(host, port);
    boolean pong = false;
    if (reply == null) {
      int timeout = s.millisLeft(3000);
      RedisClient.Reply r = new RedisClient(s.address(host, port), port, timeout).ping(password);
      String line = r.failure() != null ? r.failure() : r.lines().get(0);
      reply = line.length() > 200 ? line.substring(0, 200) : line;
      // A store that wants a password answers too: reachable, which is all the ping decides.
      boolean refused = password != null && (reply.startsWith("-WRONGPASS") || reply.startsWith("-ERR invalid password"));
      if (refused) s.problem("store", "the store refused the password of --store-password-env/--store-password-file: it was not read");
      pong = "+PONG".equals(reply) || refused || reply.startsWith("-NOAUTH") || reply.startsWith("-ERR operation not permitted");
      if ("+PONG".equals(reply)) reply = "PONG";
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    StorePing p = new StorePing(step, shown, pong, s.redactor.scrub(reply), ms);
    s.add(p);
    return "PONG".equals(reply);
  }

  /**
   * The {@code store} command's inspection of a store that answered {@code PONG} (settings, a {@code SCAN}
   * sample of session keys), so the probe names eviction, missing persistence and keys without TTL too.
   */
  void inspect(ProbeConfig.Store store) {
    URI url = direct(store.url(), new String[1]);
    if (url == null) return;
    String host = requireNonNull(url.getHost());
    int port = url.getPort() >= 0 ? url.getPort() : DEFAULT_PORT;
    String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
    int db = path.matches("\\d{1,5}") ? Integer.parseInt(path) : 0;
    var request = new StoreCollector.Request(s.redactor.url(url.toString()), host, s.address(host, port), port, db,
        null, store.password(), store.keyPrefix(), s.millisLeft(3000), s.steps.next());
    var inspected = new StoreCollector(s.redactor).inspect(request);
    inspected.observations().forEach(s::add);
    s.problems(inspected.problems());
  }

  /**
   * Whether the session cookie {@code name=value} still has its key in the store.
   *
   * @param key the key looked up, as a fingerprint
   * @param exists whether it exists; null when the store did not answer ({@code failure})
   */
  record Existence(String key, @Nullable Boolean exists, @Nullable String failure) {}

  /** {@code EXISTS} on the keys the cookie's library keeps it under; null when no key convention fits. */
  @Nullable Existence exists(ProbeConfig.Store store, String name, String value) {
    var derived = SessionStoreKeys.of(name, value, store.keyPrefix()).orElse(null);
    if (derived == null || derived.candidates().isEmpty()) return null;
    s.redactor.remember(derived.id());
    derived.candidates().forEach(c -> s.redactor.remember(c.key()));
    URI url = direct(store.url(), new String[1]);
    if (url == null) return null;
    String host = requireNonNull(url.getHost());
    int port = url.getPort() >= 0 ? url.getPort() : DEFAULT_PORT;
    String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
    int db = path.matches("\\d{1,5}") ? Integer.parseInt(path) : 0;
    String shown = derived.candidates().stream().map(c -> c.prefix() + s.redactor.marker(c.key().substring(c.prefix().length())))
        .reduce((a, b) -> a + " or " + b).orElse("");
    String failure = notContacted(host, port);
    if (failure != null) return new Existence(shown, null, failure);
    var answer = new RedisClient(s.address(host, port), port, s.millisLeft(3000))
        .exists(store.password(), db, derived.candidates().stream().map(SessionStoreKeys.Candidate::key).toList());
    if (answer.failure() != null) return new Existence(shown, null, s.redactor.scrub(answer.failure()));
    return new Existence(shown, answer.exists().contains(true), null);
  }

  /** Whether a request with the session was answered as signed out (an instance, the route, a reload). */
  boolean refused() {
    return s.seen(o -> o instanceof SessionCheck c && c.sessionCookie() != null
        && c.verdict() == SessionCheck.Verdict.LOGGED_OUT
        && (c.purpose() == Purpose.INSTANCE || c.purpose() == Purpose.PROTECTED || c.purpose() == Purpose.REFRESH));
  }

  /**
   * Looks the refused session up in the store, right after the instances answered and before logout or a
   * restart could remove it.
   */
  void lookup(ProbeConfig.Store store, String sessionHeader) {
    Map.Entry<String, String> cookie = SessionCookies.of(sessionHeader, s.sessionCookies());
    if (cookie == null) return;
    var derived = SessionStoreKeys.of(cookie.getKey(), cookie.getValue(), store.keyPrefix()).orElse(null);
    if (derived == null) return;
    int step = s.steps.next();
    URI url = direct(store.url(), new String[1]);
    if (url == null) return;
    String shown = s.redactor.url(store.url().toString());
    s.redactor.remember(derived.id());
    derived.candidates().forEach(c -> s.redactor.remember(c.key()));
    List<StoreLookup.Key> keys = new ArrayList<>();
    String failure = null;
    if (derived.candidates().isEmpty()) {
      failure = "no key convention known for cookie " + cookie.getKey() + ": give the app's key prefix with --store-prefix";
    } else {
      String host = requireNonNull(url.getHost());
      int port = url.getPort() >= 0 ? url.getPort() : DEFAULT_PORT;
      String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
      int db = path.matches("\\d{1,5}") ? Integer.parseInt(path) : 0;
      failure = notContacted(host, port);
      if (failure == null) {
        var answer = new RedisClient(s.address(host, port), port, s.millisLeft(3000))
            .exists(store.password(), db, derived.candidates().stream().map(SessionStoreKeys.Candidate::key).toList());
        failure = answer.failure() == null ? null : s.redactor.scrub(answer.failure());
        for (int i = 0; i < answer.exists().size(); i++) {
          var c = derived.candidates().get(i);
          keys.add(new StoreLookup.Key(c.convention(), c.prefix(), s.redactor.secret(c.key()), answer.exists().get(i)));
        }
      }
    }
    StoreLookup lookup = new StoreLookup(step, shown, cookie.getKey(), derived.signedId(), store.keyPrefix() != null,
        keys, failure);
    s.add(lookup);
  }
}
