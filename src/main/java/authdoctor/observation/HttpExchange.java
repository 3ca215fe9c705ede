package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP request and its response (or the failure instead of one), recorded raw: the request line and
 * headers as sent, the status, every response header in order including repeated {@code Set-Cookie},
 * timings and TLS facts. Redirects are never followed inside one exchange.
 *
 * @param step position in the command's trace, from 1
 * @param label what the step was for ("login page", "refresh 3", …)
 * @param method request method
 * @param url the URL requested (public host name, even when {@code --resolve} pins its address)
 * @param requestHeaders headers as sent, in order; over HTTP/2 names are lower case and {@code host} stands
 *     for the {@code :authority} pseudo-header
 * @param status response status, or 0 when there was no response
 * @param responseHeaders response headers in order (repeated names repeated)
 * @param body the first bytes of the body as text (bounded), empty when none
 * @param bodyTruncated true when the body was longer than the bound
 * @param elapsed time from sending to the end of the (bounded) body
 * @param tls TLS facts, null for plain http or no connection
 * @param error why there is no response (timeout, reset, refused, too large), null when there is one;
 *     when the headers arrived but the body failed, {@code status} and headers are kept and this says why
 * @param requestBody the request body as sent (UTF-8 text), null when none; may hold secrets: redact it
 * @param withheldHeaders names of caller-given headers bound to one origin (credentials such as
 *     {@code Authorization} and {@code Cookie}, and {@code Host}) that were not sent because this request went
 *     to another origin than the one they were given for
 * @param transport how the connection was made ({@code --resolve}, trust settings), null when unknown
 * @param timings phase timings, null when unknown (e.g. an exchange read from a file)
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record HttpExchange(
    int step,
    String label,
    String method,
    URI url,
    List<HeaderField> requestHeaders,
    int status,
    String protocol,
    List<HeaderField> responseHeaders,
    String body,
    boolean bodyTruncated,
    Duration elapsed,
    @Nullable TlsFacts tls,
    @Nullable String error,
    @Nullable String requestBody,
    List<String> withheldHeaders,
    @Nullable Transport transport,
    @Nullable Timings timings,
    Location location)
    implements Observation {
  public HttpExchange {
    requireNonNull(location);
    requireNonNull(label);
    requireNonNull(method);
    requireNonNull(url);
    requestHeaders = List.copyOf(requestHeaders);
    requireNonNull(protocol);
    responseHeaders = List.copyOf(responseHeaders);
    requireNonNull(body);
    requireNonNull(elapsed);
    withheldHeaders = List.copyOf(withheldHeaders);
  }

  /** Seen at its trace step. */
  public HttpExchange(
      int step,
      String label,
      String method,
      URI url,
      List<HeaderField> requestHeaders,
      int status,
      String protocol,
      List<HeaderField> responseHeaders,
      String body,
      boolean bodyTruncated,
      Duration elapsed,
      @Nullable TlsFacts tls,
      @Nullable String error,
      @Nullable String requestBody,
      List<String> withheldHeaders,
      @Nullable Transport transport,
      @Nullable Timings timings) {
    this(step, label, method, url, requestHeaders, status, protocol, responseHeaders, body, bodyTruncated,
        elapsed, tls, error, requestBody, withheldHeaders, transport, timings,
        new Location.ExchangeRef(step));
  }

  /** An exchange without request body, withheld headers, transport or timing facts. */
  public HttpExchange(
      int step,
      String label,
      String method,
      URI url,
      List<HeaderField> requestHeaders,
      int status,
      String protocol,
      List<HeaderField> responseHeaders,
      String body,
      boolean bodyTruncated,
      Duration elapsed,
      @Nullable TlsFacts tls,
      @Nullable String error) {
    this(step, label, method, url, requestHeaders, status, protocol, responseHeaders, body, bodyTruncated,
        elapsed, tls, error, null, List.of(), null, null);
  }

  /**
   * How the connection was made, so the exchange can be reproduced (see {@code Curl}).
   *
   * @param resolve the {@code --resolve} entry that pinned the address ({@code host:port:addr}), null when
   *     the host was resolved through the system DNS
   * @param remoteAddress the address connected to ({@code 127.0.0.1:8443}), null when no connection
   * @param insecure true when certificates and host names were not verified ({@code -k})
   * @param caCert the {@code --cacert} file the certificate was verified against, null for the system roots
   */
  public record Transport(
      @Nullable String resolve, @Nullable String remoteAddress, boolean insecure, @Nullable String caCert) {}

  /**
   * Time spent in each phase; a phase that did not happen (a reused connection has no DNS, connect or TLS)
   * is null.
   *
   * @param dns host name resolution
   * @param connect TCP connect
   * @param tls TLS handshake
   * @param headers from the start of the call to the end of the response headers
   */
  public record Timings(
      @Nullable Duration dns, @Nullable Duration connect, @Nullable Duration tls, @Nullable Duration headers) {}

  /** TLS facts of the connection: protocol, cipher suite and the names the peer certificate holds. */
  public record TlsFacts(String protocol, String cipherSuite, List<String> certificateNames) {
    public TlsFacts {
      requireNonNull(protocol);
      requireNonNull(cipherSuite);
      certificateNames = List.copyOf(certificateNames);
    }
  }

  public boolean answered() {
    return error == null && status > 0;
  }

  public boolean isHttps() {
    return "https".equalsIgnoreCase(url.getScheme());
  }

  /** Every value of a response header, in order. */
  public List<String> responseHeaders(String name) {
    return responseHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).toList();
  }

  /** The first value of a response header. */
  public Optional<String> responseHeader(String name) {
    return responseHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst();
  }

  /** The first value of a request header as sent. */
  public Optional<String> requestHeader(String name) {
    return requestHeaders.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst();
  }

  public boolean isRedirect() {
    return status >= 300 && status < 400 && responseHeader("Location").isPresent();
  }
}
