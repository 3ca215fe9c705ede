package authdoctor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A real Debian {@code redis-server} for one test, on 127.0.0.1 at a free port from 19100 up, configured
 * by the lines given (as in {@code redis.conf}); its directory is the test's temp folder. Stopped by
 * {@link #close()}.
 */
public final class RedisServer implements AutoCloseable {
  private final Process process;
  private final int port;

  private RedisServer(Process process, int port) {
    this.process = process;
    this.port = port;
  }

  public int port() {
    return port;
  }

  /** Starts one and waits (with a deadline) until its port accepts connections. */
  public static RedisServer start(Path dir, List<String> conf) throws IOException, InterruptedException {
    boolean tls = conf.stream().anyMatch(l -> l.startsWith("tls-port"));
    int port = freePort();
    StringBuilder text = new StringBuilder("bind 127.0.0.1\nprotected-mode no\ndaemonize no\nlogfile \"\"\n");
    text.append("dir ").append(dir.toAbsolutePath()).append('\n');
    text.append(tls ? "port 0\ntls-port " + port + "\n" : "port " + port + "\n");
    conf.stream().filter(l -> !l.startsWith("tls-port")).forEach(l -> text.append(l).append('\n'));
    Path file = dir.resolve("redis-" + port + ".conf");
    Files.writeString(file, text, StandardCharsets.UTF_8);
    Process p = new ProcessBuilder("redis-server", file.toString()).redirectErrorStream(true)
        .redirectOutput(dir.resolve("redis-" + port + ".log").toFile()).start();
    RedisServer server = new RedisServer(p, port);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!listening(port)) {
      if (!p.isAlive()) throw new IOException("redis-server exited: " + Files.readString(dir.resolve("redis-" + port + ".log")));
      if (Instant.now().isAfter(deadline)) {
        server.close();
        throw new IOException("redis-server did not listen on " + port + " within 20 s");
      }
      Thread.onSpinWait();
      p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return server;
  }

  /** Sends commands over a plain connection and returns the raw replies (for filling the store). */
  public String send(String... commands) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      for (String c : commands) out.write((c + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.write("QUIT\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Writes the bytes as the value of key with RESP (binary-safe), with an expiry in seconds or none (0). */
  public void set(String key, byte[] value, int seconds) throws IOException {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(10_000);
      OutputStream out = s.getOutputStream();
      String head = (seconds > 0 ? "*5\r\n" : "*3\r\n") + "$3\r\nSET\r\n$" + key.length() + "\r\n" + key + "\r\n$" + value.length + "\r\n";
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.write(value);
      out.write("\r\n".getBytes(StandardCharsets.UTF_8));
      if (seconds > 0) {
        String ex = Integer.toString(seconds);
        out.write(("$2\r\nEX\r\n$" + ex.length() + "\r\n" + ex + "\r\n").getBytes(StandardCharsets.UTF_8));
      }
      out.write("*1\r\n$4\r\nQUIT\r\n".getBytes(StandardCharsets.UTF_8));
      out.flush();
      s.getInputStream().readAllBytes();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A port from 19100 up that nothing listens on now (random start, so parallel runs rarely meet). */
  public static int freePort() throws IOException {
    int start = 19100 + ThreadLocalRandom.current().nextInt(2000);
    for (int p = start; p < 30000; p++) {
      try (ServerSocket s = new ServerSocket(p, 1, InetAddress.getLoopbackAddress())) {
        return p;
      } catch (IOException taken) {
        // try the next
      }
    }
    throw new IOException("no free port from 19100 up");
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
