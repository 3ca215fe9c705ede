package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * The options of an {@link HttpCollector}, named and meant as curl's.
 *
 * @param resolve {@code --resolve} entries; at most one per host and port
 * @param insecure {@code -k/--insecure}: trust every certificate and host name
 * @param caCert {@code --cacert}: a PEM file with one or more certificates, trusted instead of the system
 *     roots; ignored when {@code insecure}
 * @param extraHeaders {@code -H} headers, added to every request unless the request sets the same name
 * @param credentialHeaders names of extra headers that carry credentials besides {@code Authorization},
 *     {@code Cookie} and {@code Proxy-Authorization} (e.g. {@code X-Api-Key}); matched case-insensitively
 * @param credentialOrigin the origin (scheme, host, port) the credential {@code -H} headers were given for;
 *     null means the origin of the collector's first request. Requests to any other origin do not get them
 *     (nor a {@code -H Host}): see {@link #isOriginBound}
 * @param connectTimeout {@code --connect-timeout}: bound on each TCP connect (unlike curl, the TLS handshake
 *     is bounded only by {@code maxTime}: OkHttp's connect timeout covers TCP alone)
 * @param maxTime {@code --max-time}: bound on one whole exchange, from DNS to the end of the kept body
 * @param maxHeaderBytes bound on the total size of the response headers; at most 256 KiB, OkHttp's own
 *     limit for HTTP/1.1
 * @param maxBodyBytes how many body bytes are kept; reading stops there
 * @param locationTrusted curl's {@code --location-trusted}: a client that follows redirects (the probe) lets
 *     credential {@code -H} headers follow them to other origins; this collector itself never follows one
 */
public record HttpOptions(
    List<Resolve> resolve,
    boolean insecure,
    @Nullable Path caCert,
    List<HeaderField> extraHeaders,
    Set<String> credentialHeaders,
    @Nullable URI credentialOrigin,
    Duration connectTimeout,
    Duration maxTime,
    int maxHeaderBytes,
    long maxBodyBytes,
    boolean locationTrusted) {
  /** OkHttp refuses HTTP/1.1 response headers larger than this (its {@code HeadersReader} limit). */
  public static final int OKHTTP_HEADER_LIMIT = 256 * 1024;

  private static final Set<String> ALWAYS_CREDENTIALS = Set.of("authorization", "cookie", "proxy-authorization");

  public HttpOptions {
    resolve = List.copyOf(resolve);
    extraHeaders = List.copyOf(extraHeaders);
    credentialHeaders =
        credentialHeaders.stream().map(n -> n.toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    requireNonNull(connectTimeout);
    requireNonNull(maxTime);
    Set<String> seen = new HashSet<>();
    for (Resolve r : resolve) {
      if (!seen.add(r.host() + ":" + r.port())) {
        throw new IllegalArgumentException("--resolve: " + r.host() + ":" + r.port() + " is given twice");
      }
    }
    for (HeaderField h : extraHeaders) {
      HeaderArgument.checkName(h.name());
      HeaderArgument.checkValue(h.name(), h.value());
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("--connect-timeout must be positive");
    }
    if (maxTime.isNegative() || maxTime.isZero()) throw new IllegalArgumentException("--max-time must be positive");
    if (maxHeaderBytes < 1 || maxHeaderBytes > OKHTTP_HEADER_LIMIT) {
      throw new IllegalArgumentException("maximum header size must be between 1 and " + OKHTTP_HEADER_LIMIT + " bytes");
    }
    if (maxBodyBytes < 0) throw new IllegalArgumentException("maximum body size must not be negative");
    if (credentialOrigin != null) Origin.of(credentialOrigin); // validates
  }

  /** No resolve entries, system trust, no extra headers; 10 s to connect, 30 s per exchange, 256 KiB, 1 MiB. */
  public static HttpOptions defaults() {
    return new HttpOptions(
        List.of(), false, null, List.of(), Set.of(), null, Duration.ofSeconds(10), Duration.ofSeconds(30),
        OKHTTP_HEADER_LIMIT, 1024 * 1024, false);
  }

  /** True when a header of this name carries credentials and must only go to {@link #credentialOrigin}. */
  public boolean isCredential(String headerName) {
    String n = headerName.toLowerCase(Locale.ROOT);
    return ALWAYS_CREDENTIALS.contains(n) || credentialHeaders.contains(n);
  }

  /**
   * True when a {@code -H} header of this name goes only to {@link #credentialOrigin}: credentials, and
   * {@code Host}, which names the target and would misroute a request to another origin (curl drops a
   * custom {@code Host} on a redirect to another host too).
   */
  public boolean isOriginBound(String headerName) {
    return isCredential(headerName) || headerName.equalsIgnoreCase("Host");
  }

  /** The resolve entry for this host and port, if any. */
  public Optional<Resolve> resolveFor(String host, int port) {
    return resolve.stream().filter(r -> r.appliesTo(host, port)).findFirst();
  }

  public HttpOptions withResolve(List<Resolve> v) {
    return new HttpOptions(v, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withInsecure(boolean v) {
    return new HttpOptions(resolve, v, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withCaCert(@Nullable Path v) {
    return new HttpOptions(resolve, insecure, v, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withExtraHeaders(List<HeaderField> v) {
    return new HttpOptions(resolve, insecure, caCert, v, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withCredentialHeaders(Set<String> v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, v, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withCredentialOrigin(@Nullable URI v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, v,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withConnectTimeout(Duration v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        v, maxTime, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withMaxTime(Duration v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, v, maxHeaderBytes, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withMaxHeaderBytes(int v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, v, maxBodyBytes, locationTrusted);
  }

  public HttpOptions withLocationTrusted(boolean v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, maxBodyBytes, v);
  }

  public HttpOptions withMaxBodyBytes(long v) {
    return new HttpOptions(resolve, insecure, caCert, extraHeaders, credentialHeaders, credentialOrigin,
        connectTimeout, maxTime, maxHeaderBytes, v, locationTrusted);
  }
}
