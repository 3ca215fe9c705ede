package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.http.Trust;
import authdoctor.collect.redis.RedisClient;
import authdoctor.collect.redis.Sentinel;
import authdoctor.collect.redis.StoreCollector;
import authdoctor.observation.StorePing;
import authdoctor.observation.Collected;
import authdoctor.observation.Problem;
import authdoctor.report.Format;
import authdoctor.report.trace.StoreLifetime;
import authdoctor.report.trace.StoreSteps;
import authdoctor.Step;
import authdoctor.observation.StoreInspection;
import java.time.Duration;
import java.util.ArrayList;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor store}: inspect a Redis session store, read-only: reachability, the settings that decide
 * whether sessions survive (eviction policy, memory, persistence) and a bounded sample of session keys
 * ({@code SCAN}, never {@code KEYS}) with their remaining lifetimes. Keys and the password never appear.
 *
 * <p>Trace ({@link StoreSteps}): step 1 the ping, step 2 the inspection.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "store",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Inspect a Redis session store, read-only.",
      "PING, INFO, CONFIG GET maxmemory maxmemory-policy save appendonly (INFO alone when CONFIG is disabled or renamed), then a sample of session keys by each library's key pattern (connect-redis sess:, Flask-Session session:, Spring Session spring:session:sessions:, Django cache sessions; or --store-prefix) found with a bounded SCAN, never KEYS, with PTTL, OBJECT IDLETIME and the kind of value. Findings: session.store-unreachable, session.store-eviction, session.store-not-persistent, session.store-no-ttl, session.store-prefix-shared. Nothing is ever written to the store; keys hold session ids and appear only as fingerprints."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor store redis://127.0.0.1:6379/0",
      "  REDIS_PASSWORD=… authdoctor store rediss://sessions.internal:6380 --password-env REDIS_PASSWORD --cacert ca.pem",
      "  authdoctor store redis://127.0.0.1:6379 --store-prefix myapp:sess: --format json",
      "  authdoctor store 'redis-sentinel://10.0.0.5:26379,10.0.0.6:26379/0#sessions'   (the master the Sentinels name)",
      "",
      "A password is never taken from the URL (shell history, ps): --password-env, --password-file or --password-stdin.",
      "A store that wants one and got none is reachable: the run is incomplete (exit 3)."
    })
final class StoreCommand implements Callable<Integer> {
  /** The session store checks; no stack. */
  static final Scope STORE = Scope.areas("session").withoutStack();

  private static final int DEFAULT_PORT = 6379;

  private final Io io;

  @Parameters(index = "0", paramLabel = "URL", description = "redis://HOST[:PORT][/DB] or rediss://… (TLS), without a password; or Redis Sentinel: redis-sentinel://HOST[:PORT][,HOST[:PORT]][/DB]#MASTER (Lettuce's form) or redis+sentinel://HOST[:PORT][,HOST[:PORT]]/MASTER[/DB] (the Python libraries'), port 26379 by default: the master the Sentinels name is inspected.")
  String url = "";

  @Option(names = "--password-env", paramLabel = "VAR", description = "Read the store's password from environment variable VAR.")
  @Nullable String passwordEnv;

  @Option(names = "--password-file", paramLabel = "FILE", description = "Read the store's password from FILE (a trailing newline is ignored).")
  @Nullable Path passwordFile;

  @Option(names = "--password-stdin", description = "Read the store's password from stdin (a trailing newline is ignored).")
  boolean passwordStdin;

  @Option(names = "--store-prefix", paramLabel = "PREFIX", description = "Sample only keys under this prefix, the app's own (default: each library's: sess:, session:, spring:session:sessions:, :1:django.contrib.sessions.cache…).")
  @Nullable String prefix;

  @Option(names = "--cacert", paramLabel = "FILE", description = "rediss://: trust the PEM certificate(s) in FILE instead of the system roots.")
  @Nullable Path caCert;

  @Option(names = {"-k", "--insecure"}, description = "rediss://: do not verify the certificate or host name.")
  boolean insecure;

  @Option(names = "--connect-timeout", paramLabel = "DURATION", description = "Bound on the connect and on each reply (default: ${DEFAULT-VALUE}s).", defaultValue = "5")
  String timeout = "5";

  @Option(names = "--session-lifetime", paramLabel = "DURATION", description = "The app's configured session lifetime (14d, 12h, 30m, 3600s): the sampled keys' remaining TTLs are compared with it (a store that expires sessions earlier signs users out early).")
  @Nullable String sessionLifetime;

  @Mixin OutputMixin output;

  StoreCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    lifetime(); // a bad --session-lifetime is refused before the store is contacted
    if (Sentinel.is(url)) return throughSentinel(redactor);
    URI store = storeUrl(url);
    String password = password();
    if (password != null) redactor.credential(password);
    String host = store.getHost();
    int port = store.getPort() >= 0 ? store.getPort() : DEFAULT_PORT;
    String path = store.getPath() == null ? "" : store.getPath().replaceFirst("^/", "");
    if (!path.isEmpty() && !path.matches("\\d{1,5}")) throw new UsageError("URL '" + store + "': the path is the database number (redis://HOST:PORT/0)");
    int db = path.isEmpty() ? 0 : Integer.parseInt(path);
    boolean tls = store.getScheme().toLowerCase(Locale.ROOT).equals("rediss");
    if (!tls && (caCert != null || insecure)) throw new UsageError("--cacert and -k are for rediss:// (TLS) URLs");
    RedisClient.Tls socketTls;
    try {
      socketTls = tls ? new RedisClient.Tls(Trust.socketFactory(insecure, caCert), host, !insecure) : null;
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage());
    }
    int millis = (int) Math.min(Integer.MAX_VALUE, Args.positiveDuration("--connect-timeout", timeout).toMillis());
    String shown = store.toString();
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    Collected collected = new StoreCollector(redactor).collect(
        new StoreCollector.Request(shown, host, host, port, db, socketTls, password, prefix, millis, 1));
    if (collected.unreachable() != null) throw new Unreachable(collected.unreachable());
    Report report = doctor.diagnose("store", shown, collected.withTrace(trace(collected, lifetime())), STORE);
    for (Problem p : collected.problems()) io.err().println("authdoctor: " + Main.oneLine(redactor.scrub(p.source() + ": " + p.message())));
    return output.emit(report, redactor, io);
  }

  /**
   * A store behind Redis Sentinel: the Sentinels are asked for the master's address, then the master is
   * inspected as a {@code redis://} store, shown as the Sentinel URL and the master it named. No Sentinel
   * that knows the master is a store that does not answer ({@code session.store-unreachable}).
   */
  private int throughSentinel(Redactor redactor) {
    Sentinel sentinel = sentinel("URL", url);
    if (caCert != null || insecure) throw new UsageError("--cacert and -k are for rediss:// (TLS) URLs");
    String password = password();
    if (password != null) redactor.credential(password);
    int millis = (int) Math.min(Integer.MAX_VALUE, Args.positiveDuration("--connect-timeout", timeout).toMillis());
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    long start = System.nanoTime();
    Sentinel.Answer answer = sentinel.master(millis, (h, p) -> h);
    Collected collected;
    String shown = sentinel.url();
    if (answer.master() == null) {
      long ms = (System.nanoTime() - start) / 1_000_000;
      collected = new Collected(List.of(new StorePing(1, shown, false, redactor.scrub(String.valueOf(answer.failure())), ms)), List.of());
    } else {
      Sentinel.Master m = answer.master();
      shown = sentinel.url() + " (master " + m.host() + ":" + m.port() + ", from Sentinel " + m.from() + ")";
      collected = new StoreCollector(redactor).collect(new StoreCollector.Request(shown, m.host(), m.host(), m.port(),
          sentinel.db(), null, password, prefix, millis, 1));
    }
    if (collected.unreachable() != null) throw new Unreachable(collected.unreachable());
    Report report = doctor.diagnose("store", shown, collected.withTrace(trace(collected, lifetime())), STORE);
    for (Problem p : collected.problems()) io.err().println("authdoctor: " + Main.oneLine(redactor.scrub(p.source() + ": " + p.message())));
    return output.emit(report, redactor, io);
  }

  /** The store's steps, and the lifetime comparison after the inspection when {@code --session-lifetime} was given. */
  private static List<Step> trace(Collected collected, @Nullable Duration lifetime) {
    List<Step> steps = new ArrayList<>(StoreSteps.of(collected.observations()));
    if (lifetime == null) return steps;
    for (var o : collected.observations()) {
      if (o instanceof StoreInspection i) steps.add(StoreLifetime.compare(i, lifetime, i.step() + 1));
    }
    return steps;
  }

  /** {@code --session-lifetime}: 14d, 12h, 30m, 3600s or 3600 (seconds); null when not given. */
  private @Nullable Duration lifetime() {
    if (sessionLifetime == null) return null;
    var m = java.util.regex.Pattern.compile("(\\d{1,9})\\s*([smhd]?)").matcher(sessionLifetime.strip().toLowerCase(Locale.ROOT));
    if (!m.matches() || Long.parseLong(m.group(1)) == 0) {
      throw new UsageError("--session-lifetime '" + sessionLifetime + "': a positive duration such as 14d, 12h, 30m or 3600s");
    }
    long n = Long.parseLong(m.group(1));
    return switch (m.group(2)) {
      case "d" -> Duration.ofDays(n);
      case "h" -> Duration.ofHours(n);
      case "m" -> Duration.ofMinutes(n);
      default -> Duration.ofSeconds(n);
    };
  }

  /** A Sentinel URL given to {@code flag}; a malformed one is a {@link UsageError}. */
  static Sentinel sentinel(String flag, String value) {
    try {
      return Sentinel.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageError(flag + " '" + Args.withoutUserInfo(value) + "': " + e.getMessage());
    }
  }

  /** The store URL: redis:// or rediss://, a host, and no password in it. */
  static URI storeUrl(String value) {
    URI u;
    try {
      u = new URI(value);
    } catch (URISyntaxException e) {
      throw new UsageError("URL '" + Args.withoutUserInfo(value) + "': not a URL");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (!scheme.equals("redis") && !scheme.equals("rediss") || u.getHost() == null) {
      throw new UsageError("URL '" + Args.withoutUserInfo(value) + "': use redis://HOST[:PORT][/DB] or rediss://… (TLS)");
    }
    if (u.getRawUserInfo() != null) {
      throw new UsageError("URL: no password on the command line (shell history, ps): give the URL without it and the "
          + "password with --password-env, --password-file or --password-stdin");
    }
    return u;
  }

  private @Nullable String password() {
    int given = (passwordEnv != null ? 1 : 0) + (passwordFile != null ? 1 : 0) + (passwordStdin ? 1 : 0);
    if (given > 1) throw new UsageError("give the password once: --password-env, --password-file or --password-stdin");
    String p = null;
    if (passwordEnv != null) {
      p = io.env().get(passwordEnv);
      if (p == null || p.isEmpty()) throw new UsageError("--password-env: environment variable " + passwordEnv + " is not set");
    }
    if (passwordFile != null) p = stripNewline(read(passwordFile), "--password-file " + passwordFile);
    if (passwordStdin) {
      try {
        p = stripNewline(new String(io.in().readNBytes(4096), StandardCharsets.UTF_8), "--password-stdin");
      } catch (IOException e) {
        throw new UsageError("--password-stdin: cannot read stdin: " + e.getMessage());
      }
    }
    return p;
  }

  private static String read(Path file) {
    try {
      if (Files.size(file) > 4096) throw new UsageError("--password-file " + file + ": larger than 4096 bytes");
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException | java.io.UncheckedIOException e) {
      throw new UsageError("--password-file " + file + ": cannot read the file: " + Args.fileProblem(file,
          e instanceof java.io.UncheckedIOException u ? u.getCause() : (IOException) e));
    }
  }

  private static String stripNewline(String s, String source) {
    String v = s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    if (v.isEmpty()) throw new UsageError(source + ": the password is empty");
    return v;
  }
}
