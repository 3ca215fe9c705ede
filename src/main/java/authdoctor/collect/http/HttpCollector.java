package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import okhttp3.Call;
import okhttp3.CookieJar;
import okhttp3.Dns;
import okhttp3.Headers;
import okhttp3.HttpUrl;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okhttp3.ResponseBody;
import okhttp3.internal.connection.RealConnection;
import okhttp3.internal.http.HttpMethod;
import okio.Buffer;
import okio.BufferedSource;
import org.jspecify.annotations.Nullable;

/**
 * Sends requests and records each exchange raw as an {@link HttpExchange}: the request headers as they went
 * on the wire (including those OkHttp adds, such as {@code Host}), status, protocol, every response header
 * in order, the first {@link HttpOptions#maxBodyBytes} of the body, timings and TLS facts.
 *
 * <p>Like curl without {@code -L}: redirects are never followed, cookies are never stored, and {@code
 * Accept-Encoding: identity} is sent unless the request sets its own, so bodies arrive
 * as the server wrote them. Credential (and {@code Host}) {@code -H} headers go only to
 * {@link HttpOptions#credentialOrigin}. Nothing is retried, with one exception browsers and curl make
 * too: an idempotent request that failed on a pooled connection the server had already closed, before
 * any byte of an answer, is sent once more on a fresh connection. OkHttp's own {@code
 * retryOnConnectionFailure} stays off: it would also retry other routes, refused streams and POST
 * bodies, and hide failures the probe must report. A connection an HTTP/1.0 server closes after its
 * response (no {@code keep-alive}) is not pooled at all.
 *
 * <p>{@link #send} never throws for network trouble: a timeout, reset, refusal, DNS or TLS failure or an
 * oversized answer gives an exchange with status 0 and {@code error} set to one line. Safe for concurrent
 * use from many (virtual) threads.
 *
 * <p>Not final: the tests replay a recorded real run through a subclass that answers {@link #send(HttpRequestSpec,
 * Instant)} from the recording, so the probe's trace can be golden-tested on real traffic.
 */
public class HttpCollector implements AutoCloseable {
  /** {@link UserAgent#DEFAULT}, sent unless the request, {@code -A} or a {@code -H} sets {@code User-Agent}. */
  public static final String USER_AGENT = UserAgent.DEFAULT;

  /** The least a request is given when a run's deadline is (nearly) reached: it fails at once, as timed out. */
  private static final Duration MIN_BOUND = Duration.ofMillis(1);

  private final HttpOptions options;
  private final OkHttpClient base;
  private final Map<Resolve, OkHttpClient> pinned;
  private final CountingSocketFactory sockets = new CountingSocketFactory();
  private final AtomicReference<@Nullable Origin> firstOrigin = new AtomicReference<>();
  private volatile boolean closed;

  /**
   * A collector with its own OkHttp client; close it when done.
   *
   * @throws IllegalArgumentException with a one-line message when an option is unusable (e.g. an
   *     unreadable {@code --cacert} file)
   */
  public HttpCollector(HttpOptions options) {
    this.options = requireNonNull(options);
    OkHttpClient.Builder b =
        new OkHttpClient.Builder()
            .followRedirects(false)
            .followSslRedirects(false)
            .cookieJar(CookieJar.NO_COOKIES)
            .retryOnConnectionFailure(false)
            .connectTimeout(options.connectTimeout())
            // The whole exchange is bounded by callTimeout; per-read bounds would only blur which one fired.
            .readTimeout(Duration.ZERO)
            .writeTimeout(Duration.ZERO)
            .callTimeout(options.maxTime())
            .dns(new BoundedDns(Dns.SYSTEM, options.maxTime()))
            .socketFactory(sockets)
            .eventListenerFactory(call -> recorder(call))
            .addNetworkInterceptor(
                chain -> {
                  Recorder r = chain.request().tag(Recorder.class);
                  if (r != null) r.sent(chain.request(), chain.connection(), sockets);
                  Response response = chain.proceed(chain.request());
                  if (closesAfterResponse(response) && chain.connection() instanceof RealConnection c) {
                    // OkHttp would pool it; the server closes it: the next request would fail on it.
                    c.noNewExchanges();
                  }
                  return response;
                });
    Trust.apply(b, options);
    this.base = b.build();
    // Dns sees only the host, not the port, so each resolve entry gets its own client (sharing the pool and
    // dispatcher) and send() picks it by host and port: app.test:443 may be pinned while app.test:8443 is not.
    Map<Resolve, OkHttpClient> m = new HashMap<>();
    for (Resolve r : options.resolve()) m.put(r, base.newBuilder().dns(new PinnedDns(r, base.dns())).build());
    this.pinned = Map.copyOf(m);
  }

  public HttpOptions options() {
    return options;
  }

  /**
   * Sends one request and records the exchange.
   *
   * @throws IllegalArgumentException when the URL is not an http(s) URL
   * @throws IllegalStateException when the collector is closed
   */
  public HttpExchange send(HttpRequestSpec spec) {
    return send(spec, null);
  }

  /**
   * Sends one request, bounded by {@link HttpOptions#maxTime} and by what is left until {@code deadline}
   * (the end of the whole run): a request started late in a run cannot stretch it past its bound.
   *
   * @throws IllegalArgumentException when the URL is not an http(s) URL
   * @throws IllegalStateException when the collector is closed
   */
  public HttpExchange send(HttpRequestSpec spec, @Nullable Instant deadline) {
    if (closed) throw new IllegalStateException("HTTP collector is closed");
    HttpUrl url = HttpRequestSpec.toHttpUrl(spec.url());
    Optional<Resolve> pin = options.resolveFor(url.host(), url.port());
    OkHttpClient client = pin.map(pinned::get).orElse(base);

    Origin origin = Origin.of(url);
    Origin credentialOrigin =
        options.credentialOrigin() != null
            ? Origin.of(options.credentialOrigin())
            : requireNonNull(firstOrigin.updateAndGet(o -> o == null ? origin : o));
    Headers.Builder headers = new Headers.Builder();
    Set<String> given = new HashSet<>();
    for (HeaderField h : spec.headers()) {
      headers.addUnsafeNonAscii(h.name(), h.value());
      given.add(h.name().toLowerCase(Locale.ROOT));
    }
    List<String> withheld = new ArrayList<>();
    for (HeaderField h : options.extraHeaders()) {
      if (given.contains(h.name().toLowerCase(Locale.ROOT))) continue;
      if (options.isOriginBound(h.name()) && !origin.equals(credentialOrigin)) {
        withheld.add(h.name());
        continue;
      }
      headers.addUnsafeNonAscii(h.name(), h.value());
    }
    if (headers.get("User-Agent") == null) headers.add("User-Agent", USER_AGENT);
    if (headers.get("Accept-Encoding") == null) headers.add("Accept-Encoding", "identity");

    byte[] bodyBytes = spec.body();
    RequestBody body =
        bodyBytes != null
            ? RequestBody.create(bodyBytes, (MediaType) null) // Content-Type stays the caller's header, verbatim
            : HttpMethod.requiresRequestBody(spec.method()) ? RequestBody.create(new byte[0], (MediaType) null) : null;
    Recorder rec = new Recorder();
    Request request =
        new Request.Builder().url(url).headers(headers.build()).method(spec.method(), body)
            .tag(Recorder.class, rec).build();

    int status = 0;
    String protocol = "";
    List<HeaderField> responseHeaders = List.of();
    String text = "";
    boolean truncated = false;
    @Nullable String error = null;
    Call call = client.newCall(request);
    Duration bound = options.maxTime();
    if (deadline != null) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.compareTo(bound) < 0) bound = left.compareTo(MIN_BOUND) < 0 ? MIN_BOUND : left;
      call.timeout().timeout(bound.toNanos(), TimeUnit.NANOSECONDS);
    }
    long start = System.nanoTime();
    Response response = null;
    try {
      try {
        response = call.execute();
      } catch (IOException e) {
        if (!IDEMPOTENT.contains(spec.method().toUpperCase(Locale.ROOT)) || !rec.failedOnStaleConnection()) throw e;
        // The server had closed the pooled connection (a keep-alive timeout, an HTTP/1.0 server): send the
        // request once more on a fresh connection, as browsers and curl do; what it had sent never arrived.
        client.connectionPool().evictAll();
        rec = new Recorder();
        request = request.newBuilder().tag(Recorder.class, rec).build();
        call = client.newCall(request);
        Duration left = bound.minus(Duration.ofNanos(System.nanoTime() - start));
        call.timeout().timeout(Math.max(MIN_BOUND.toNanos(), left.toNanos()), TimeUnit.NANOSECONDS);
        response = call.execute();
      }
      long headerBytes = headerBytes(response);
      if (headerBytes > options.maxHeaderBytes()) {
        error = "response headers from " + Failures.shown(url) + " are " + headerBytes + " bytes, more than the "
            + options.maxHeaderBytes() + "-byte bound; the response was dropped";
      } else {
        status = response.code();
        protocol = response.protocol().toString();
        responseHeaders = Recorder.fields(response.headers());
        rec.readingBody();
        Body read = readBounded(response.body(), options.maxBodyBytes());
        text = read.text();
        truncated = read.truncated();
      }
    } catch (IOException e) {
      // A failure while reading the body keeps the status and headers already set above.
      error = Failures.describe(
          e, rec.phase(), call.isCanceled(), url, options, bound, rec.remoteAddress(), rec.receivedSinceSend());
    } finally {
      if (response != null) response.close();
    }
    Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

    List<HeaderField> sent = rec.sentHeaders();
    List<HeaderField> requestHeaders = sent != null ? sent : Recorder.fields(request.headers());
    return new HttpExchange(
        spec.step(),
        spec.label(),
        spec.method(),
        spec.url(),
        requestHeaders,
        status,
        protocol,
        responseHeaders,
        text,
        truncated,
        elapsed,
        rec.tls(),
        error,
        bodyBytes == null ? null : new String(bodyBytes, StandardCharsets.UTF_8),
        withheld,
        new HttpExchange.Transport(
            pin.map(Resolve::toString).orElse(null),
            rec.remoteAddress(),
            options.insecure() && url.isHttps(),
            !options.insecure() && options.caCert() != null && url.isHttps() ? options.caCert().toString() : null),
        rec.timings());
  }

  /** Methods a browser may send again after a connection failure (RFC 9110 §9.2.2). */
  private static final Set<String> IDEMPOTENT = Set.of("GET", "HEAD", "OPTIONS", "TRACE", "PUT", "DELETE");

  /**
   * Whether the server closes the connection after this response: {@code Connection: close}, or HTTP/1.0
   * without {@code keep-alive} (RFC 9112 §9.3), which Python's {@code http.server} and many embedded
   * servers answer with — OkHttp honours only the former.
   */
  static boolean closesAfterResponse(Response response) {
    String connection = String.join(",", response.headers("Connection")).toLowerCase(Locale.ROOT);
    if (response.protocol() != okhttp3.Protocol.HTTP_1_0) return false; // Connection: close is OkHttp's own
    for (String token : connection.split(",")) {
      if (token.strip().equals("keep-alive")) return false;
    }
    return true;
  }

  /** Closes idle connections and stops OkHttp's threads; later {@link #send} calls fail. */
  @Override
  public void close() {
    closed = true;
    base.dispatcher().executorService().shutdown();
    base.connectionPool().evictAll();
  }

  private static Recorder recorder(Call call) {
    Recorder r = call.request().tag(Recorder.class);
    return r != null ? r : new Recorder();
  }

  /** HTTP/1.1 size of the status line and headers: "Name: value\r\n" each. */
  private static long headerBytes(Response response) {
    long n = 16 + response.message().length();
    Headers h = response.headers();
    for (int i = 0; i < h.size(); i++) {
      n += h.name(i).getBytes(StandardCharsets.UTF_8).length + h.value(i).getBytes(StandardCharsets.UTF_8).length + 4;
    }
    return n;
  }

  private record Body(String text, boolean truncated) {}

  /**
   * Reads at most {@code max} bytes and stops: a server streaming forever neither hangs the call nor fills
   * memory. When exactly {@code max} bytes arrived and the length is unknown, the body is reported
   * truncated rather than waiting to learn whether more would come.
   */
  private static Body readBounded(ResponseBody body, long max) throws IOException {
    BufferedSource source = body.source();
    Buffer buffer = new Buffer();
    boolean ended = false;
    while (buffer.size() < max) {
      long n = source.read(buffer, Math.min(8192, max - buffer.size()));
      if (n == -1) {
        ended = true;
        break;
      }
    }
    long length = body.contentLength();
    boolean truncated;
    if (ended) truncated = false;
    else if (source.getBuffer().size() > 0) truncated = true; // more bytes already arrived
    else if (length >= 0) truncated = length > max;
    else truncated = true; // unknown length and the bound reached: assume more would come
    MediaType type = body.contentType();
    Charset charset = type == null ? StandardCharsets.UTF_8 : type.charset(StandardCharsets.UTF_8);
    return new Body(buffer.readString(charset == null ? StandardCharsets.UTF_8 : charset), truncated);
  }

  /** {@code --resolve}: the pinned host answers with the given address; other hosts use the system DNS. */
  private record PinnedDns(Resolve entry, Dns others) implements Dns {
    @Override
    public List<InetAddress> lookup(String hostname) throws UnknownHostException {
      if (hostname.equalsIgnoreCase(entry.host())) return List.of(entry.inetAddress());
      return others.lookup(hostname);
    }
  }
}
