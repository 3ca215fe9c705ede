package authdoctor.bench;

import authdoctor.cookie.CookieJar;
import authdoctor.cookie.ParsedCookie;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetCookieParser;
import authdoctor.cookie.SetResult;
import java.net.HttpCookie;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import okhttp3.Cookie;
import okhttp3.HttpUrl;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Parse (+ store decision) cost of our Set-Cookie model next to OkHttp's {@code Cookie.parse} and the
 * JDK's {@code HttpCookie.parse} on the same inputs, and our parse time against input size (it must
 * grow linearly: HAR files carry thousands of cookies). Not a test: run it by hand,
 *
 * <pre>
 * mvn -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) authdoctor.bench.CookieParseBenchmark
 * </pre>
 *
 * Results on the 2-core build machine are in {@code docs/cookie-model.md}; expect wide error bars.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
public class CookieParseBenchmark {
  /** Typical Set-Cookie lines of a login flow (values are random-looking test data). */
  static final List<String> LINES =
      List.of(
          "session=3f9a1c2e8b7d4f60a1b2c3d4e5f60718; Path=/; HttpOnly; Secure; SameSite=Lax",
          "csrftoken=Zx8Kq2Lm9Np4Rs7Tv1Wy3Ab5Cd6Ef0Gh; expires=Thu, 25 Nov 2027 10:00:00 GMT;"
              + " Max-Age=31449600; Path=/; SameSite=Lax",
          "__Host-sid=eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIn0"
              + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U; Path=/; Secure; HttpOnly;"
              + " SameSite=Strict",
          "tracking=abc; Domain=example.com; Path=/; Expires=Wed, 21 Oct 2026 07:28:00 GMT",
          "logout=; Path=/; Max-Age=0",
          "pref=dark; Path=/settings; SameSite=None; Secure; Partitioned; Priority=High");

  static final URI URL = URI.create("https://app.example.com/login");
  static final HttpUrl OK_URL = HttpUrl.get("https://app.example.com/login");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  @Benchmark
  public void authdoctorParse(Blackhole bh) {
    for (String line : LINES) bh.consume(SetCookieParser.parse(line));
  }

  @Benchmark
  public void authdoctorParseAndStore(Blackhole bh) {
    CookieJar jar = new CookieJar(CLOCK);
    List<SetResult> r = jar.receive(URL, LINES, RequestContext.typed(), null);
    bh.consume(r);
  }

  @Benchmark
  public void okhttpCookieParse(Blackhole bh) {
    for (String line : LINES) bh.consume(Cookie.parse(OK_URL, line));
  }

  @Benchmark
  public void javaNetHttpCookieParse(Blackhole bh) {
    for (String line : LINES) {
      try {
        bh.consume(HttpCookie.parse("Set-Cookie: " + line));
      } catch (IllegalArgumentException e) {
        bh.consume(e); // the JDK refuses some real-world lines (e.g. an empty value)
      }
    }
  }

  /** One cookie whose value (and one unknown attribute) grow with {@code size}: time must be linear. */
  @State(Scope.Benchmark)
  public static class Sized {
    @Param({"64", "1024", "4096", "65536"})
    public int size;

    String line;

    @Setup(Level.Trial)
    public void setUp() {
      StringBuilder b = new StringBuilder("big=");
      for (int i = 0; i < size; i++) b.append((char) ('a' + i % 26));
      b.append("; Path=/; ");
      for (int i = 0; i < size / 16; i++) b.append("x").append(i % 10).append("=1; ");
      b.append("Secure");
      line = b.toString();
    }
  }

  @Benchmark
  public ParsedCookie authdoctorParseBySize(Sized s) {
    return SetCookieParser.parse(s.line);
  }

  /**
   * A HAR-sized replay: 2000 Set-Cookie lines over 40 sites (the per-site limit evicts), then one
   * request per site. Measures the jar, not only the parser.
   */
  @Benchmark
  public void jarReplayOf2000Cookies(Blackhole bh) {
    CookieJar jar = new CookieJar(CLOCK);
    for (int i = 0; i < 2000; i++) {
      URI url = URI.create("https://s" + (i % 40) + ".example.com/app/page");
      bh.consume(jar.receive(url, "c" + i + "=v" + i + "; Path=/; Secure; SameSite=Lax", RequestContext.typed()));
    }
    for (int s = 0; s < 40; s++) {
      bh.consume(jar.send(URI.create("https://s" + s + ".example.com/app/x"), RequestContext.typed()));
    }
  }

  public static void main(String[] args) throws RunnerException {
    new Runner(
            new OptionsBuilder()
                .include(CookieParseBenchmark.class.getSimpleName())
                .build())
        .run();
  }
}
