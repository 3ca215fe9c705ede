package authdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A minimal HTTP/1.1 server on 127.0.0.1 over raw sockets, so tests control every byte, in particular
 * the {@code Date} header (a server whose clock is skewed). Serves fixed JSON bodies by path; other
 * paths get 404. One request per connection.
 */
public final class TinyHttpServer implements AutoCloseable {
  private static final DateTimeFormatter IMF_FIXDATE =
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss 'GMT'", Locale.ROOT);

  private final ServerSocket server;
  private final Map<String, String> bodies = new ConcurrentHashMap<>();
  private final List<String> requested = new CopyOnWriteArrayList<>();
  private final Duration skew;
  private final Clock clock;

  /** A server whose {@code Date} is the real clock plus {@code skew}. */
  public TinyHttpServer(Duration skew) throws IOException {
    this.skew = skew;
    this.clock = Clock.systemUTC();
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(this::acceptLoop);
  }

  /** Serves {@code body} (JSON) at {@code path}. */
  public TinyHttpServer serve(String path, String body) {
    bodies.put(path, body);
    return this;
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** The request paths seen, in order. */
  public List<String> requested() {
    return List.copyOf(requested);
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try (Socket s = server.accept()) {
        String head = readHead(s.getInputStream());
        String path = head.isEmpty() ? "" : head.split(" ", 3)[1];
        requested.add(path);
        String body = bodies.get(path);
        int status = body == null ? 404 : 200;
        byte[] bytes = (body == null ? "{\"error\":\"not found\"}" : body).getBytes(StandardCharsets.UTF_8);
        String date = IMF_FIXDATE.format(ZonedDateTime.ofInstant(clock.instant().plus(skew), ZoneOffset.UTC));
        String response = "HTTP/1.1 " + status + (status == 200 ? " OK" : " Not Found") + "\r\n"
            + "Date: " + date + "\r\n"
            + "Content-Type: application/json\r\n"
            + "Content-Length: " + bytes.length + "\r\n"
            + "Connection: close\r\n\r\n";
        OutputStream out = s.getOutputStream();
        out.write(response.getBytes(StandardCharsets.ISO_8859_1));
        out.write(bytes);
        out.flush();
      } catch (IOException e) {
        if (server.isClosed()) return;
      }
    }
  }

  private static String readHead(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int matched = 0;
    int c;
    while (matched < 4 && (c = in.read()) != -1) {
      out.write(c);
      matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
    }
    return out.toString(StandardCharsets.ISO_8859_1);
  }

  @Override
  public void close() throws IOException {
    server.close();
  }
}
