package authdoctor.collect.http;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange.Timings;
import authdoctor.observation.HttpExchange.TlsFacts;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Proxy;
import java.net.Socket;
import java.security.cert.Certificate;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import okhttp3.Call;
import okhttp3.Connection;
import okhttp3.EventListener;
import okhttp3.Handshake;
import okhttp3.Protocol;
import okhttp3.Request;
import okhttp3.Response;
import org.jspecify.annotations.Nullable;

/**
 * What one call went through: its phase (for failure messages), phase timings, the request as it went on
 * the wire and the TLS session. OkHttp may report connect events from its own threads, hence the locking.
 */
final class Recorder extends EventListener {
  /** Where a call is; a failure is described by the phase it happened in. */
  enum Phase {
    STARTING,
    RESOLVING,
    CONNECTING,
    TLS,
    SENDING,
    WAITING_FOR_HEADERS,
    READING_BODY
  }

  private Phase phase = Phase.STARTING;
  private long callStart = System.nanoTime();
  private long dnsStart;
  private long dnsEnd;
  private long connectStart;
  private long tcpEnd;
  private long secureStart;
  private long secureEnd;
  private long headersEnd;
  private @Nullable InetSocketAddress connectAddress;
  private @Nullable List<HeaderField> sentHeaders;
  private @Nullable String remoteAddress;
  private @Nullable TlsFacts tls;
  private @Nullable AtomicLong received;
  private long receivedAtSend;

  // ---- network interceptor ----

  /** Called by the network interceptor with the final request and its connection. */
  synchronized void sent(Request request, @Nullable Connection connection, CountingSocketFactory sockets) {
    sentHeaders = connection != null && connection.protocol() == Protocol.HTTP_2
        ? http2Fields(request.headers()) : fields(request.headers());
    if (connection == null) return;
    Socket socket = connection.socket();
    received = sockets.counterFor(socket);
    receivedAtSend = received == null ? 0 : received.get();
    InetAddress a = socket.getInetAddress();
    if (a != null) remoteAddress = hostPort(a.getHostAddress(), socket.getPort());
    if (socket instanceof SSLSocket ssl) {
      // Read the session itself, not OkHttp's Handshake: with -k OkHttp cannot "clean" the chain and
      // Handshake.peerCertificates() would throw.
      SSLSession session = ssl.getSession();
      tls = new TlsFacts(session.getProtocol(), session.getCipherSuite(), certificateNames(session));
    }
  }

  private static List<String> certificateNames(SSLSession session) {
    Certificate[] chain;
    try {
      chain = session.getPeerCertificates();
    } catch (SSLPeerUnverifiedException e) {
      return List.of();
    }
    if (chain.length == 0 || !(chain[0] instanceof X509Certificate leaf)) return List.of();
    List<String> names = new ArrayList<>();
    try {
      Collection<List<?>> sans = leaf.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          // RFC 5280 §4.2.1.6: 2 = dNSName, 7 = iPAddress
          if (san.size() >= 2 && (Integer.valueOf(2).equals(san.get(0)) || Integer.valueOf(7).equals(san.get(0)))) {
            names.add(String.valueOf(san.get(1)));
          }
        }
      }
    } catch (CertificateParsingException e) {
      // no readable SAN extension: report no names
    }
    return names;
  }

  // ---- event listener ----

  @Override
  public synchronized void callStart(Call call) {
    callStart = System.nanoTime();
  }

  @Override
  public synchronized void dnsStart(Call call, String domainName) {
    phase = Phase.RESOLVING;
    dnsStart = System.nanoTime();
  }

  @Override
  public synchronized void dnsEnd(Call call, String domainName, List<InetAddress> inetAddressList) {
    dnsEnd = System.nanoTime();
  }

  @Override
  public synchronized void connectStart(Call call, InetSocketAddress address, Proxy proxy) {
    phase = Phase.CONNECTING;
    connectAddress = address;
    connectStart = System.nanoTime();
  }

  @Override
  public synchronized void secureConnectStart(Call call) {
    phase = Phase.TLS;
    secureStart = System.nanoTime();
    tcpEnd = secureStart;
  }

  @Override
  public synchronized void secureConnectEnd(Call call, @Nullable Handshake handshake) {
    secureEnd = System.nanoTime();
  }

  @Override
  public synchronized void connectEnd(Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol) {
    if (tcpEnd == 0) tcpEnd = System.nanoTime();
  }

  @Override
  public synchronized void connectFailed(
      Call call, InetSocketAddress address, Proxy proxy, @Nullable Protocol protocol, IOException ioe) {
    connectAddress = address;
  }

  @Override
  public synchronized void requestHeadersStart(Call call) {
    phase = Phase.SENDING;
  }

  @Override
  public synchronized void requestHeadersEnd(Call call, Request request) {
    phase = Phase.WAITING_FOR_HEADERS;
  }

  @Override
  public synchronized void requestBodyEnd(Call call, long byteCount) {
    phase = Phase.WAITING_FOR_HEADERS;
  }

  @Override
  public synchronized void responseHeadersEnd(Call call, Response response) {
    headersEnd = System.nanoTime();
    phase = Phase.READING_BODY;
  }

  // ---- results ----

  synchronized Phase phase() {
    return phase;
  }

  synchronized void readingBody() {
    phase = Phase.READING_BODY;
  }

  /** The request headers as they went on the wire, null when the request was never sent. */
  synchronized @Nullable List<HeaderField> sentHeaders() {
    return sentHeaders;
  }

  synchronized @Nullable String remoteAddress() {
    if (remoteAddress != null) return remoteAddress;
    return connectAddress == null ? null : hostPort(connectAddress.getAddress() == null
        ? connectAddress.getHostString() : connectAddress.getAddress().getHostAddress(), connectAddress.getPort());
  }

  /**
   * Whether the call failed on a pooled connection the server had already closed: it was reused (no
   * connect), the request was being sent or answered, and not one byte came back. A browser sends such
   * a request again on a fresh connection; it never reached the application.
   */
  synchronized boolean failedOnStaleConnection() {
    boolean reused = connectStart == 0 && connectAddress == null;
    boolean unanswered = phase == Phase.SENDING || phase == Phase.WAITING_FOR_HEADERS;
    return reused && unanswered && receivedSinceSend() <= 0;
  }

  /** Bytes received on the connection since the request was sent, -1 when unknown. */
  synchronized long receivedSinceSend() {
    return received == null ? -1 : received.get() - receivedAtSend;
  }

  synchronized @Nullable TlsFacts tls() {
    return tls;
  }

  synchronized Timings timings() {
    return new Timings(
        span(dnsStart, dnsEnd), span(connectStart, tcpEnd), span(secureStart, secureEnd), span(callStart, headersEnd));
  }

  private static @Nullable Duration span(long start, long end) {
    return start == 0 || end == 0 || end < start ? null : Duration.ofNanos(end - start);
  }

  static List<HeaderField> fields(okhttp3.Headers headers) {
    List<HeaderField> out = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) out.add(new HeaderField(headers.name(i), headers.value(i)));
    return out;
  }

  /**
   * What OkHttp puts in an HTTP/2 HEADERS frame (RFC 9113 §8.2): names in lower case, connection-specific
   * fields dropped; {@code host} stands for the {@code :authority} pseudo-header it becomes.
   */
  static List<HeaderField> http2Fields(okhttp3.Headers headers) {
    List<HeaderField> out = new ArrayList<>(headers.size());
    for (int i = 0; i < headers.size(); i++) {
      String name = headers.name(i).toLowerCase(java.util.Locale.ROOT);
      String value = headers.value(i);
      boolean connectionSpecific = switch (name) {
        case "connection", "keep-alive", "proxy-connection", "transfer-encoding", "encoding", "upgrade" -> true;
        case "te" -> !value.equals("trailers");
        default -> false;
      };
      if (!connectionSpecific) out.add(new HeaderField(name, value));
    }
    return out;
  }

  static String hostPort(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
