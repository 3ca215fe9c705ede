package authdoctor.collect.redis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The probe's Redis client against a scripted RESP server on loopback: what it sends, how it reads replies. */
class RedisClientTest {
  /** Answers one connection: reads until {@code expect} commands arrived, then writes {@code reply}. */
  private static int serve(ServerSocket server, int expect, String reply, StringBuilder received) {
    Thread t = new Thread(() -> {
      try (Socket s = server.accept()) {
        InputStream in = s.getInputStream();
        byte[] buf = new byte[4096];
        int n;
        while (received.toString().split("\\*", -1).length - 1 < expect && (n = in.read(buf)) > 0) {
          received.append(new String(buf, 0, n, StandardCharsets.UTF_8));
        }
        OutputStream out = s.getOutputStream();
        out.write(reply.getBytes(StandardCharsets.UTF_8));
        out.flush();
      } catch (IOException ignored) {
        // the client went away: the test's assertions say what was expected
      }
    });
    t.setDaemon(true);
    t.start();
    return server.getLocalPort();
  }

  @Test
  void pingReadsTheReplyLine() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringBuilder got = new StringBuilder();
      int port = serve(server, 1, "-NOAUTH Authentication required.\r\n", got);
      RedisClient.Reply r = new RedisClient("127.0.0.1", port, 5000).ping();
      assertThat(r.failure()).isNull();
      assertThat(r.lines()).containsExactly("-NOAUTH Authentication required.");
      assertThat(got.toString()).isEqualTo("*1\r\n$4\r\nPING\r\n");
    }
  }

  @Test
  void existsSelectsTheDatabaseThenAsksEachKey() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      StringBuilder got = new StringBuilder();
      int port = serve(server, 3, "+OK\r\n:1\r\n:0\r\n", got);
      RedisClient.Answer a = new RedisClient("127.0.0.1", port, 5000).exists(2, List.of("sess:a", "sess:b"));
      assertThat(a.failure()).isNull();
      assertThat(a.exists()).containsExactly(true, false);
      assertThat(got.toString()).startsWith("*2\r\n$6\r\nSELECT\r\n$1\r\n2\r\n*2\r\n$6\r\nEXISTS\r\n$6\r\nsess:a\r\n");
    }
  }

  @Test
  void anErrorInsteadOfAnAnswerIsTheFailure() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = serve(server, 1, "-NOAUTH Authentication required.\r\n", new StringBuilder());
      RedisClient.Answer a = new RedisClient("127.0.0.1", port, 5000).exists(0, List.of("sess:a"));
      assertThat(a.exists()).isEmpty();
      assertThat(a.failure()).isEqualTo("-NOAUTH Authentication required.");
    }
  }

  @Test
  void aClosedConnectionIsNamed() throws IOException {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      int port = serve(server, 1, "", new StringBuilder());
      assertThat(new RedisClient("127.0.0.1", port, 5000).ping().failure()).isEqualTo("connection closed without a reply");
    }
  }
}
