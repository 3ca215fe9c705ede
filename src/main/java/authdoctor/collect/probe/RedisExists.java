package authdoctor.collect.probe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * {@code EXISTS} for a few keys over one plain RESP2 connection, after {@code SELECT db} when the store URL
 * names a database: the keys are given, never searched for ({@code KEYS}/{@code SCAN} are not used). Without a
 * password, as the ping: a store that wants one answers {@code -NOAUTH}, which is reported as the failure.
 */
final class RedisExists {
  private RedisExists() {}

  /**
   * What the store answered.
   *
   * @param exists one answer per key, in order (empty on failure)
   * @param failure null when every command was answered; else the error line or what failed
   */
  record Answer(List<Boolean> exists, @Nullable String failure) {}

  static Answer exists(String address, int port, int db, List<String> keys, int timeoutMillis) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      // Pipelined: SELECT (when not 0), then one EXISTS per key, so that each answer is one line.
      if (db != 0) out.write(command("SELECT", Integer.toString(db)));
      for (String k : keys) out.write(command("EXISTS", k));
      out.flush();
      if (db != 0) {
        String line = line(in);
        if (!"+OK".equals(line)) return new Answer(List.of(), failure(line));
      }
      List<Boolean> answers = new ArrayList<>();
      for (int i = 0; i < keys.size(); i++) {
        String line = line(in);
        if (line == null || !line.startsWith(":")) return new Answer(List.of(), failure(line));
        answers.add(!line.equals(":0"));
      }
      return new Answer(answers, null);
    } catch (SocketTimeoutException e) {
      return new Answer(List.of(), "timed out after " + timeoutMillis + " ms");
    } catch (ConnectException e) {
      return new Answer(List.of(), "connection refused");
    } catch (IOException e) {
      return new Answer(List.of(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static String failure(@Nullable String line) {
    if (line == null) return "connection closed without a reply";
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /** One reply line without its CRLF; null at end of stream. At most 512 bytes are kept. */
  private static @Nullable String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    int c;
    while ((c = in.read()) != -1) {
      if (c == '\n') break;
      if (c != '\r' && b.size() < 512) b.write(c);
    }
    if (c == -1 && b.size() == 0) return null;
    return b.toString(StandardCharsets.UTF_8);
  }

  static byte[] command(String... args) {
    StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
    for (String a : args) sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
