package authdoctor.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A hostile HTTP server on 127.0.0.1 for cases MockWebServer cannot script; each connection runs the handler. */
public final class RawServer implements AutoCloseable {
  /** Serves one accepted connection. */
  public interface Handler {
    void handle(Socket socket) throws IOException;
  }

  private final ServerSocket server;
  private final List<Socket> sockets = new CopyOnWriteArrayList<>();

  public RawServer(Handler handler) throws IOException {
    server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread.ofVirtual().start(() -> {
      while (!server.isClosed()) {
        try {
          Socket s = server.accept();
          sockets.add(s);
          Thread.ofVirtual().start(() -> {
            try {
              handler.handle(s);
            } catch (IOException e) {
              // the client went away: expected in these tests
            }
          });
        } catch (IOException e) {
          return;
        }
      }
    });
  }

  public URI url(String path) {
    return URI.create("http://127.0.0.1:" + server.getLocalPort() + path);
  }

  /** Reads the request head (up to the blank line). */
  public static String readHead(Socket s) throws IOException {
    InputStream in = s.getInputStream();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    int matched = 0;
    int c;
    while (matched < 4 && (c = in.read()) != -1) {
      out.write(c);
      matched = (c == '\r' || c == '\n') ? matched + 1 : 0;
    }
    return out.toString(java.nio.charset.StandardCharsets.ISO_8859_1);
  }

  /** Reads the request body announced by the {@code Content-Length} of {@code head}, if any. */
  public static void readBody(Socket s, String head) throws IOException {
    int cl = head.toLowerCase(java.util.Locale.ROOT).indexOf("content-length:");
    if (cl >= 0) s.getInputStream().readNBytes(Integer.parseInt(head.substring(cl + 15, head.indexOf('\r', cl)).strip()));
  }

  @Override
  public void close() throws IOException {
    server.close();
    for (Socket s : sockets) {
      try {
        s.close();
      } catch (IOException e) {
        // already closed
      }
    }
  }
}
