package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.CookieHeader;
import java.io.BufferedInputStream;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PushbackInputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * The local web server every scenario host is mapped to. It listens on one port of 127.0.0.1 and speaks
 * both HTTPS and plain HTTP there (the first byte of a connection tells a TLS ClientHello from a request
 * line), answering for any {@code Host}.
 *
 * <p>Scenario URLs are rewritten to this port ({@link #rewrite}); scheme, host, path and query are kept.
 * Chromium ignores the port for cookie scope and for same-site, and Secure depends on the scheme, which
 * is kept, so the rewrite changes no cookie decision. One port for both schemes also survives Chromium's
 * HSTS preload list upgrading {@code http://x.dev} to https.
 *
 * <p>It serves exactly the {@code Set-Cookie} lines and {@code Date} registered for a host and path
 * ({@link #serve}), pages that start requests ({@link #page}), and an empty page for anything else. Every
 * response allows credentialed CORS from the requesting origin, so a cross-site {@code fetch} completes
 * and only cookie rules decide what happens. Cookie values are never kept: {@link #received} records
 * cookie names only.
 */
public final class ScenarioServer implements AutoCloseable {
  /** Path prefix of the pages the server makes itself; scenario URLs should not use it. */
  public static final String OWN_PREFIX = "/__authdoctor/";

  private static final int MAX_HEADER_BYTES = 64 * 1024;
  private static final long MAX_BODY_BYTES = 1 << 20;
  private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

  /** What to answer at one host and path: exactly these Set-Cookie lines, and a Date header if given. */
  public record Reply(List<String> setCookie, @Nullable Instant date) {
    public Reply {
      setCookie = List.copyOf(setCookie);
    }

    @Override
    public String toString() {
      return "Reply[" + setCookie.size() + " Set-Cookie line(s)" + (date == null ? "" : ", date=" + date) + "]";
    }
  }

  /** A request the server answered; cookie names only, never values. */
  public record ReceivedRequest(
      String method, boolean tls, String host, String target, List<String> cookieNames, @Nullable String origin) {
    public ReceivedRequest {
      cookieNames = List.copyOf(cookieNames);
    }
  }

  private final ServerSocket listener;
  private final SSLSocketFactory tls;
  private final ExecutorService workers = Executors.newVirtualThreadPerTaskExecutor();
  private final Map<String, Reply> replies = new ConcurrentHashMap<>();
  private final Map<String, String> pages = new ConcurrentHashMap<>();
  private final List<ReceivedRequest> received = new CopyOnWriteArrayList<>();
  private final List<Socket> open = new CopyOnWriteArrayList<>();
  private final AtomicLong pageIds = new AtomicLong();
  private final Thread acceptor;

  private ScenarioServer(ServerSocket listener, SSLContext ssl) {
    this.listener = listener;
    this.tls = ssl.getSocketFactory();
    this.acceptor = Thread.ofPlatform().daemon().name("authdoctor-scenario-server").start(this::acceptLoop);
  }

  /** Starts the server on a free port of 127.0.0.1. */
  public static ScenarioServer start() throws IOException {
    ServerSocket s = new ServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    return new ScenarioServer(s, SelfSignedCertificate.sslContext());
  }

  public int port() {
    return listener.getLocalPort();
  }

  /** {@code url} with its port replaced by this server's; everything else kept. */
  public URI rewrite(URI url) {
    return URI.create(origin(url) + rawPathAndQuery(url));
  }

  /** Origin {@code scheme://host:port} of {@code url} on this server. */
  public String origin(URI url) {
    return url.getScheme().toLowerCase(Locale.ROOT) + "://" + hostForUrl(url.getHost()) + ":" + port();
  }

  private static String hostForUrl(String host) {
    return host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
  }

  /** Path and query of {@code url} as sent on the request line ({@code /} if empty). */
  public static String rawPathAndQuery(URI url) {
    String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? path : path + "?" + url.getRawQuery();
  }

  /** From now on, answer requests for {@code url} (host and path+query; any scheme and port) with {@code reply}. */
  public void serve(URI url, Reply reply) {
    replies.put(key(url.getHost(), rawPathAndQuery(url)), requireNonNull(reply));
  }

  /** Registers an HTML page the server serves at the returned path, on any host. */
  public String page(String html) {
    String path = OWN_PREFIX + "page/" + pageIds.incrementAndGet();
    pages.put(path, html);
    return path;
  }

  /** Forgets every registered reply, so a URL answered with Set-Cookie in one step is plain in the next. */
  public void clearReplies() {
    replies.clear();
  }

  /** Forgets every registered reply and page and the list of received requests. */
  public void reset() {
    replies.clear();
    pages.clear();
    received.clear();
  }

  /** Requests answered since the last {@link #reset}, in order. */
  public List<ReceivedRequest> received() {
    return List.copyOf(received);
  }

  private static String key(String host, String target) {
    String h = host.toLowerCase(Locale.ROOT);
    if (h.startsWith("[") && h.endsWith("]")) h = h.substring(1, h.length() - 1);
    return h + " " + target;
  }

  private void acceptLoop() {
    while (!listener.isClosed()) {
      try {
        Socket s = listener.accept();
        open.add(s);
        workers.execute(() -> handle(s));
      } catch (IOException e) {
        if (listener.isClosed()) return;
      }
    }
  }

  private void handle(Socket raw) {
    Socket socket = raw;
    try {
      raw.setSoTimeout(30_000);
      PushbackInputStream sniff = new PushbackInputStream(raw.getInputStream(), 1);
      int first = sniff.read();
      if (first < 0) return;
      boolean isTls = first == 0x16; // TLS record type "handshake": a ClientHello
      InputStream in;
      if (isTls) {
        SSLSocket ssl = (SSLSocket) tls.createSocket(raw, new ByteArrayInputStream(new byte[] {(byte) first}), true);
        ssl.setUseClientMode(false);
        ssl.startHandshake();
        socket = ssl;
        in = new BufferedInputStream(ssl.getInputStream());
      } else {
        sniff.unread(first);
        in = new BufferedInputStream(sniff);
      }
      OutputStream out = socket.getOutputStream();
      while (serveOne(in, out, isTls)) {
        // keep-alive: Chromium reuses the connection for the next request
      }
    } catch (IOException | RuntimeException e) {
      // a client that went away or spoke nonsense: nothing to answer
    } finally {
      try {
        socket.close();
      } catch (IOException ignored) {
        // closing anyway
      }
      open.remove(raw);
    }
  }

  /** Reads one request and answers it; false when the connection should close. */
  private boolean serveOne(InputStream in, OutputStream out, boolean isTls) throws IOException {
    List<String> lines = readHead(in);
    if (lines == null || lines.isEmpty()) return false;
    String[] requestLine = lines.get(0).split(" ");
    if (requestLine.length != 3) return false;
    String method = requestLine[0];
    String target = requestLine[1];
    String host = "";
    String origin = null;
    String connection = "";
    long length = 0;
    boolean chunked = false;
    List<String> cookieNames = new ArrayList<>();
    String requestMethodHeader = null;
    String requestHeadersHeader = null;
    for (String line : lines.subList(1, lines.size())) {
      int colon = line.indexOf(':');
      if (colon <= 0) continue;
      String name = line.substring(0, colon).strip().toLowerCase(Locale.ROOT);
      String value = line.substring(colon + 1).strip();
      switch (name) {
        case "host" -> host = value;
        case "origin" -> origin = value;
        case "connection" -> connection = value.toLowerCase(Locale.ROOT);
        case "content-length" -> length = Long.parseLong(value);
        case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        case "cookie" -> {
          for (CookieHeader.Pair pair : CookieHeader.parse(value)) cookieNames.add(pair.name());
        }
        case "access-control-request-method" -> requestMethodHeader = value;
        case "access-control-request-headers" -> requestHeadersHeader = value;
        default -> {}
      }
    }
    if (chunked) {
      skipChunked(in);
    } else {
      if (length < 0 || length > MAX_BODY_BYTES) return false;
      in.skipNBytes(length);
    }
    String hostOnly = stripPort(host);
    received.add(new ReceivedRequest(method, isTls, hostOnly, target, cookieNames, origin));

    int status = 200;
    String contentType = "text/html; charset=utf-8";
    byte[] body = "<!doctype html><title>ok</title>ok".getBytes(StandardCharsets.UTF_8);
    List<String> extra = new ArrayList<>();
    if (origin != null) {
      extra.add("Access-Control-Allow-Origin: " + origin);
      extra.add("Access-Control-Allow-Credentials: true");
      extra.add("Vary: Origin");
    }
    String path = target.indexOf('?') < 0 ? target : target.substring(0, target.indexOf('?'));
    String page = pages.get(path);
    if (method.equals("OPTIONS") && requestMethodHeader != null) {
      // CORS preflight (sent without cookies): allow whatever the page asked for.
      status = 204;
      body = new byte[0];
      extra.add("Access-Control-Allow-Methods: " + requestMethodHeader);
      if (requestHeadersHeader != null) extra.add("Access-Control-Allow-Headers: " + requestHeadersHeader);
    } else if (page != null) {
      body = page.getBytes(StandardCharsets.UTF_8);
    } else {
      Reply reply = replies.get(key(hostOnly, target));
      if (reply != null) {
        for (String line : reply.setCookie()) extra.add("Set-Cookie: " + line);
        if (reply.date() != null) extra.add("Date: " + HTTP_DATE.format(reply.date()));
      } else if (path.equals("/favicon.ico")) {
        status = 404;
        body = new byte[0];
      }
    }
    boolean keepAlive = !connection.contains("close");
    ByteArrayOutputStream head = new ByteArrayOutputStream();
    StringBuilder sb = new StringBuilder();
    sb.append("HTTP/1.1 ").append(status).append(status == 200 ? " OK" : status == 204 ? " No Content" : " Not Found").append("\r\n");
    sb.append("Content-Type: ").append(contentType).append("\r\n");
    sb.append("Content-Length: ").append(body.length).append("\r\n");
    sb.append("Cache-Control: no-store\r\n");
    sb.append("Connection: ").append(keepAlive ? "keep-alive" : "close").append("\r\n");
    for (String h : extra) sb.append(h).append("\r\n");
    sb.append("\r\n");
    // Set-Cookie lines go out as their UTF-8 bytes, exactly as written in the scenario.
    head.writeBytes(sb.toString().getBytes(StandardCharsets.UTF_8));
    head.writeBytes(body);
    out.write(head.toByteArray());
    out.flush();
    return keepAlive;
  }

  private static String stripPort(String host) {
    if (host.startsWith("[")) {
      int end = host.indexOf(']');
      return end < 0 ? host : host.substring(1, end);
    }
    int colon = host.lastIndexOf(':');
    return colon < 0 ? host : host.substring(0, colon);
  }

  /** Header lines up to the empty line, or null at end of stream. */
  private static @Nullable List<String> readHead(InputStream in) throws IOException {
    List<String> lines = new ArrayList<>();
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int total = 0;
    while (true) {
      int b = in.read();
      if (b < 0) return lines.isEmpty() && line.size() == 0 ? null : lines;
      if (++total > MAX_HEADER_BYTES) throw new IOException("request head too large");
      if (b == '\n') {
        String s = line.toString(StandardCharsets.ISO_8859_1);
        if (s.endsWith("\r")) s = s.substring(0, s.length() - 1);
        line.reset();
        if (s.isEmpty()) {
          if (lines.isEmpty()) continue; // tolerate a stray CRLF between requests
          return lines;
        }
        lines.add(s);
      } else {
        line.write(b);
      }
    }
  }

  private static void skipChunked(InputStream in) throws IOException {
    long total = 0;
    while (true) {
      String sizeLine = readLine(in);
      int semi = sizeLine.indexOf(';');
      long n = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).strip(), 16);
      if (n == 0) {
        while (!readLine(in).isEmpty()) {
          // trailer fields: ignored
        }
        return;
      }
      total += n;
      if (n < 0 || total > MAX_BODY_BYTES) throw new IOException("request body too large");
      in.skipNBytes(n + 2);
    }
  }

  private static String readLine(InputStream in) throws IOException {
    StringBuilder sb = new StringBuilder();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) throw new IOException("truncated chunked body");
      if (sb.length() > 4096) throw new IOException("chunk line too long");
      if (b != '\r') sb.append((char) b);
    }
    return sb.toString();
  }

  @Override
  public void close() {
    try {
      listener.close();
    } catch (IOException ignored) {
      // closing anyway
    }
    for (Socket s : open) {
      try {
        s.close();
      } catch (IOException ignored) {
        // closing anyway
      }
    }
    workers.shutdownNow();
    try {
      acceptor.join(2000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
