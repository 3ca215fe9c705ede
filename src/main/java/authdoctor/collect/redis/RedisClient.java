package authdoctor.collect.redis;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
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
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import org.jspecify.annotations.Nullable;

/**
 * A small read-only Redis client: RESP2 (https://redis.io/docs/latest/develop/reference/protocol-spec/)
 * over plain TCP or TLS ({@code rediss://}). The probe sends {@code PING} and {@code EXISTS} for given keys
 * over one connection each; the store inspector opens a {@link Connection} and sends the read-only
 * commands it needs one at a time (keys are searched only with a bounded {@code SCAN}, never {@code KEYS}).
 * Without a password a store that wants one answers {@code -NOAUTH}, which the caller reads.
 */
public final class RedisClient {
  /** The largest bulk reply read ({@code INFO} is a few KB); a larger one ends the connection. */
  static final int MAX_BULK = 1 << 20;
  /** The most items of one array reply read. */
  static final int MAX_ITEMS = 100_000;

  private final String address;
  private final int port;
  private final int timeoutMillis;
  private final @Nullable Tls tls;

  /**
   * TLS for {@code rediss://}: the socket factory (its trust decided by {@code --cacert} or {@code -k}) and
   * the host name the certificate must name.
   */
  public record Tls(SSLSocketFactory factory, String serverName, boolean verifyHostname) {}

  public RedisClient(String address, int port, int timeoutMillis) {
    this(address, port, timeoutMillis, null);
  }

  public RedisClient(String address, int port, int timeoutMillis, @Nullable Tls tls) {
    this.address = address;
    this.port = port;
    this.timeoutMillis = timeoutMillis;
    this.tls = tls;
  }

  /**
   * What the store answered.
   *
   * @param lines one reply line per command, in order (empty on failure)
   * @param failure null when every command was answered; else what failed
   */
  public record Reply(List<String> lines, @Nullable String failure) {}

  /** {@code PING}: its reply line ({@code +PONG}, {@code -NOAUTH …}), or what failed. */
  public Reply ping() {
    List<String[]> ping = new ArrayList<>();
    ping.add(new String[] {"PING"});
    return send(ping, null);
  }

  /**
   * What the store answered to {@code EXISTS}.
   *
   * @param exists one answer per key, in order (empty on failure)
   * @param failure null when every command was answered; else the error line or what failed
   */
  public record Answer(List<Boolean> exists, @Nullable String failure) {}

  /** {@code SELECT db} (when not 0), then {@code EXISTS} for each key, pipelined. */
  public Answer exists(int db, List<String> keys) {
    return exists(null, db, keys);
  }

  /** {@code PING} after {@code AUTH password} (when not null): the reply line of the {@code PING}, or what failed. */
  public Reply ping(@Nullable String password) {
    if (password == null) return ping();
    List<String[]> commands = new ArrayList<>();
    commands.add(new String[] {"AUTH", password});
    commands.add(new String[] {"PING"});
    Reply r = send(commands, "+OK");
    // Redis 6+: a password given to a store without one is refused with this line; the store is open anyway.
    if (r.failure() != null && r.failure().contains("without any password configured")) return ping();
    return r.failure() != null ? r : new Reply(List.of(r.lines().get(1)), null);
  }

  /** {@code AUTH password} (when not null), {@code SELECT db} (when not 0), then {@code EXISTS} for each key, pipelined. */
  public Answer exists(@Nullable String password, int db, List<String> keys) {
    List<String[]> commands = new ArrayList<>();
    if (password != null) commands.add(new String[] {"AUTH", password});
    if (db != 0) commands.add(new String[] {"SELECT", Integer.toString(db)});
    int before = commands.size();
    for (String k : keys) commands.add(new String[] {"EXISTS", k});
    Reply r = send(commands, before > 0 ? "+OK" : null);
    if (r.failure() != null) return new Answer(List.of(), r.failure());
    for (String line : r.lines().subList(0, before)) if (!line.equals("+OK")) return new Answer(List.of(), clip(line));
    List<String> lines = r.lines().subList(before, r.lines().size());
    List<Boolean> answers = new ArrayList<>();
    for (String line : lines) {
      if (!line.startsWith(":")) return new Answer(List.of(), clip(line));
      answers.add(!line.equals(":0"));
    }
    return new Answer(answers, null);
  }

  /** Sends the commands at once and reads one reply per command; a first reply other than {@code expectFirst} ends it. */
  private Reply send(List<String[]> commands, @Nullable String expectFirst) {
    try (Connection c = open()) {
      for (String[] command : commands) c.write(command);
      c.flush();
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < commands.size(); i++) {
        String line = clip(c.read().line());
        if (i == 0 && expectFirst != null && !expectFirst.equals(line)) return new Reply(List.of(), line);
        lines.add(line);
      }
      return new Reply(lines, null);
    } catch (IOException e) {
      return new Reply(List.of(), describe(e));
    }
  }

  /** Connects (and, for {@code rediss://}, completes the TLS handshake). */
  public Connection open() throws IOException {
    Socket socket = new Socket();
    try {
      socket.connect(new InetSocketAddress(address, port), timeoutMillis);
      socket.setSoTimeout(timeoutMillis);
      if (tls != null) {
        SSLSocket s = (SSLSocket) tls.factory().createSocket(socket, tls.serverName(), port, true);
        SSLParameters p = s.getSSLParameters();
        // RFC 6125 host name check, as an HTTPS client does; -k turns it off with the chain check.
        if (tls.verifyHostname()) p.setEndpointIdentificationAlgorithm("HTTPS");
        s.setSSLParameters(p);
        s.startHandshake();
        socket = s;
      }
      return new Connection(socket);
    } catch (IOException | RuntimeException e) {
      socket.close();
      throw e;
    }
  }

  /** What failed, in one line without a stack: "connection refused", "timed out after 3000 ms", … */
  public String describe(IOException e) {
    return switch (e) {
      case SocketTimeoutException t -> "timed out after " + timeoutMillis + " ms";
      case ConnectException c -> "connection refused";
      case EOFException eof -> "connection closed without a reply";
      case SSLException s -> "TLS failed: " + (s.getMessage() == null ? s.getClass().getSimpleName() : clip(s.getMessage()));
      default -> e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + clip(e.getMessage()));
    };
  }

  static String clip(String line) {
    return line.length() > 200 ? line.substring(0, 200) : line;
  }

  /** A RESP2 array of bulk strings. */
  static byte[] command(String... args) {
    StringBuilder sb = new StringBuilder("*" + args.length + "\r\n");
    for (String a : args) sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** One open connection: commands written, replies read in order. */
  public static final class Connection implements AutoCloseable {
    private final Socket socket;
    private final OutputStream out;
    private final InputStream in;

    private Connection(Socket socket) throws IOException {
      this.socket = socket;
      this.out = socket.getOutputStream();
      this.in = new BufferedInputStream(socket.getInputStream());
    }

    /** Sends one command and reads its reply. */
    public Resp call(String... args) throws IOException {
      write(args);
      flush();
      return read();
    }

    void write(String... args) throws IOException {
      out.write(command(args));
    }

    void flush() throws IOException {
      out.flush();
    }

    /** One reply; end of stream before it is an {@link EOFException}. */
    Resp read() throws IOException {
      String head = line();
      if (head.isEmpty()) throw new IOException("empty reply line");
      String rest = head.substring(1);
      return switch (head.charAt(0)) {
        case '+' -> new Resp.Simple(rest);
        case '-' -> new Resp.Error(rest);
        case ':' -> new Resp.Int(number(rest));
        case '$' -> bulk(number(rest));
        case '*' -> array(number(rest));
        default -> throw new IOException("not a RESP2 reply: " + clip(head));
      };
    }

    private Resp bulk(long length) throws IOException {
      if (length < 0) return new Resp.Null();
      if (length > MAX_BULK) throw new IOException("a reply of " + length + " bytes, more than " + MAX_BULK);
      byte[] bytes = in.readNBytes((int) length);
      if (bytes.length < length) throw new EOFException();
      line(); // the CRLF after the bytes
      return new Resp.Bulk(bytes);
    }

    private Resp array(long count) throws IOException {
      if (count < 0) return new Resp.Null();
      if (count > MAX_ITEMS) throw new IOException("a reply of " + count + " items, more than " + MAX_ITEMS);
      List<Resp> items = new ArrayList<>();
      for (long i = 0; i < count; i++) items.add(read());
      return new Resp.Array(items);
    }

    private static long number(String s) throws IOException {
      try {
        return Long.parseLong(s.strip());
      } catch (NumberFormatException e) {
        throw new IOException("not a RESP2 number: " + clip(s));
      }
    }

    /** One line without its CRLF; at most 512 bytes are kept. */
    private String line() throws IOException {
      ByteArrayOutputStream b = new ByteArrayOutputStream();
      int c;
      boolean any = false;
      while ((c = in.read()) != -1) {
        any = true;
        if (c == '\n') break;
        if (c != '\r' && b.size() < 512) b.write(c);
      }
      if (c == -1 && !any) throw new EOFException();
      return b.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws IOException {
      socket.close();
    }
  }
}
