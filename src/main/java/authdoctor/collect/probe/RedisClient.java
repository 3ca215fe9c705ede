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
 * The few Redis commands the probe sends, over one plain RESP2 connection each: {@code PING}, and {@code
 * EXISTS} for given keys after {@code SELECT db} (keys are never searched for: no {@code KEYS}/{@code SCAN}).
 * Without a password: a store that wants one answers {@code -NOAUTH}, which the caller reads.
 */
final class RedisClient {
  private final String address;
  private final int port;
  private final int timeoutMillis;

  RedisClient(String address, int port, int timeoutMillis) {
    this.address = address;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
  }

  /**
   * What the store answered.
   *
   * @param lines one reply line per command, in order (empty on failure)
   * @param failure null when every command was answered; else what failed
   */
  record Reply(List<String> lines, @Nullable String failure) {}

  /** {@code PING}: its reply line ({@code +PONG}, {@code -NOAUTH …}), or what failed. */
  Reply ping() {
    return send(List.of(command("PING")), null);
  }

  /**
   * What the store answered to {@code EXISTS}.
   *
   * @param exists one answer per key, in order (empty on failure)
   * @param failure null when every command was answered; else the error line or what failed
   */
  record Answer(List<Boolean> exists, @Nullable String failure) {}

  /** {@code SELECT db} (when not 0), then {@code EXISTS} for each key, pipelined. */
  Answer exists(int db, List<String> keys) {
    List<byte[]> commands = new ArrayList<>();
    if (db != 0) commands.add(command("SELECT", Integer.toString(db)));
    for (String k : keys) commands.add(command("EXISTS", k));
    Reply r = send(commands, db != 0 ? "+OK" : null);
    if (r.failure() != null) return new Answer(List.of(), r.failure());
    List<String> lines = db != 0 ? r.lines().subList(1, r.lines().size()) : r.lines();
    List<Boolean> answers = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith(":")) return new Answer(List.of(), clip(line));
      answers.add(!line.equals(":0"));
    }
    return new Answer(answers, null);
  }

  /** Sends the commands at once and reads one line per command; a first reply other than {@code expectFirst} ends it. */
  private Reply send(List<byte[]> commands, @Nullable String expectFirst) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      OutputStream out = socket.getOutputStream();
      InputStream in = socket.getInputStream();
      for (byte[] c : commands) out.write(c);
      out.flush();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        String line = line(in);
        if (line == null) return new Reply(List.of(), "connection closed without a reply");
        if (i == 0 && expectFirst != null && !expectFirst.equals(line)) return new Reply(List.of(), clip(line));
        lines.add(line);
      }
      return new Reply(lines, null);
    } catch (SocketTimeoutException e) {
      return new Reply(List.of(), "timed out after " + timeoutMillis + " ms");
    } catch (ConnectException e) {
      return new Reply(List.of(), "connection refused");
    } catch (IOException e) {
      return new Reply(List.of(), e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static String clip(String line) {
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

  /** A RESP2 array of bulk strings. */
  static byte[] command(String... args) {
    StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
    for (String a : args) sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }
}
