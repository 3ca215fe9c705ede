package authdoctor.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * A real Debian {@code redis-sentinel} for one test, on 127.0.0.1 at a given port, monitoring one master
 * under a name (quorum 1); its config file (which Sentinel rewrites) is in the test's temp folder. Ready
 * once it names the master's address; stopped by {@link #close()}.
 */
public final class SentinelServer implements AutoCloseable {
  private final Process process;

  private SentinelServer(Process process) {
    this.process = process;
  }

  /** Starts one and waits (with a deadline) until it answers {@code SENTINEL get-master-addr-by-name name}. */
  public static SentinelServer start(Path dir, int port, String name, int masterPort) throws IOException, InterruptedException {
    String conf = "port " + port + "\nbind 127.0.0.1\nprotected-mode no\ndaemonize no\nlogfile \"\"\n"
        + "dir " + dir.toAbsolutePath() + "\n"
        + "sentinel monitor " + name + " 127.0.0.1 " + masterPort + " 1\n"
        + "sentinel down-after-milliseconds " + name + " 60000\n";
    Path file = dir.resolve("sentinel-" + port + ".conf");
    Files.writeString(file, conf, StandardCharsets.UTF_8);
    Path log = dir.resolve("sentinel-" + port + ".log");
    Process p = new ProcessBuilder("redis-sentinel", file.toString()).redirectErrorStream(true)
        .redirectOutput(log.toFile()).start();
    SentinelServer server = new SentinelServer(p);
    Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
    while (!names(port, name, masterPort)) {
      if (!p.isAlive()) throw new IOException("redis-sentinel exited: " + Files.readString(log));
      if (Instant.now().isAfter(deadline)) {
        server.close();
        throw new IOException("redis-sentinel did not name " + name + " on " + port + " within 20 s");
      }
      p.waitFor(20, java.util.concurrent.TimeUnit.MILLISECONDS);
    }
    return server;
  }

  private static boolean names(int port, String name, int masterPort) {
    try (Socket s = new Socket(InetAddress.getLoopbackAddress(), port)) {
      s.setSoTimeout(2000);
      OutputStream out = s.getOutputStream();
      // Sentinel knows no QUIT: read until the answer names the port (or the read times out).
      out.write(("SENTINEL get-master-addr-by-name " + name + "\r\n").getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = s.getInputStream();
      StringBuilder got = new StringBuilder();
      byte[] buf = new byte[256];
      for (int n; !got.toString().contains(Integer.toString(masterPort)) && (n = in.read(buf)) > 0; ) {
        got.append(new String(buf, 0, n, StandardCharsets.UTF_8));
      }
      return got.toString().contains(Integer.toString(masterPort));
    } catch (IOException e) {
      return false;
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) process.destroyForcibly().waitFor();
  }
}
