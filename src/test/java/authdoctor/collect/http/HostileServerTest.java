package authdoctor.collect.http;

import authdoctor.testing.RawServer;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HttpExchange;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that misbehave on purpose. Each exchange must end within the configured bound (1 s) with one
 * clear line; the deadline asserted is generous, only there to catch a hang.
 */
class HostileServerTest {
  private static final Duration DEADLINE = Duration.ofSeconds(10);
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpCollector collector = new HttpCollector(HttpCollectorTest.fast()
      .withMaxTime(Duration.ofSeconds(1)).withMaxBodyBytes(64 * 1024));

  @AfterEach
  void close() {
    release.countDown();
    collector.close();
  }

  private static void write(Socket s, String text) throws IOException {
    OutputStream out = s.getOutputStream();
    out.write(text.getBytes(StandardCharsets.ISO_8859_1));
    out.flush();
  }

  /** Holds the connection open until the test ends, sending nothing more. */
  private void hold() {
    try {
      release.await(DEADLINE.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private HttpExchange send(RawServer server, String path) {
    long start = System.nanoTime();
    HttpExchange x = collector.send(HttpRequestSpec.get(1, "hostile", server.url(path)));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
    return x;
  }

  @Test
  void theRunsDeadlineCutsARequestShorterThanMaxTime() throws Exception {
    try (RawServer server = new RawServer(s -> {
          RawServer.readHead(s);
          hold();
        });
        HttpCollector patient = new HttpCollector(HttpCollectorTest.fast().withMaxTime(Duration.ofSeconds(60)))) {
      long start = System.nanoTime();
      HttpExchange x = patient.send(HttpRequestSpec.get(1, "hostile", server.url("/")),
          java.time.Instant.now().plusMillis(300));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
      assertThat(x.status()).isZero();
      assertThat(x.error()).startsWith("timed out after ").contains("(what was left of --max-time 60s)");
    }
  }

  @Test
  void oneMegabyteOfHeadersIsRefusedWithAClearError() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\n");
      String line = "X-Filler: " + "a".repeat(1000) + "\r\n";
      for (int i = 0; i < 1050; i++) write(s, line);
      write(s, "Content-Length: 0\r\n\r\n");
      hold();
    })) {
      HttpExchange x = send(server, "/big-headers?token=abc");

      assertThat(x.status()).isZero();
      assertThat(x.responseHeaders()).isEmpty();
      assertThat(x.error()).isEqualTo("response headers from " + server.url("/big-headers")
          + "?… are larger than OkHttp's limit of 256 KiB; the response was dropped");
    }
  }

  @Test
  void headersOverTheConfiguredBoundAreRefused() throws Exception {
    try (HttpCollector small = new HttpCollector(HttpCollectorTest.fast().withMaxHeaderBytes(4096));
        RawServer server = new RawServer(s -> {
          RawServer.readHead(s);
          write(s, "HTTP/1.1 200 OK\r\nX-Filler: " + "b".repeat(5000) + "\r\nContent-Length: 0\r\n\r\n");
          hold();
        })) {
      HttpExchange x = small.send(HttpRequestSpec.get(1, "h", server.url("/")));

      assertThat(x.status()).isZero();
      assertThat(x.error()).matches("response headers from http://127\\.0\\.0\\.1:\\d+/ are \\d+ bytes, more than"
          + " the 4096-byte bound; the response was dropped");
    }
  }

  @Test
  void aResetConnectionIsReported() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      s.setSoLinger(true, 0); // close with RST instead of FIN
      s.close();
    })) {
      HttpExchange x = send(server, "/reset");

      assertThat(x.status()).isZero();
      assertThat(x.error()).isIn(
          "connection reset by the server waiting for response headers from " + server.url("/reset"),
          // the RST may also arrive as an end of stream, depending on timing
          "the server closed the connection waiting for response headers from " + server.url("/reset"));
    }
  }

  @Test
  void aServerThatClosesWithoutAnsweringIsReported() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      s.close();
    })) {
      HttpExchange x = send(server, "/eof");

      assertThat(x.status()).isZero();
      assertThat(x.error())
          .isEqualTo("the server closed the connection waiting for response headers from " + server.url("/eof"));
    }
  }

  @Test
  void aServerThatAcceptsAndNeverAnswersTimesOut() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      hold();
    })) {
      HttpExchange x = send(server, "/silent");

      assertThat(x.status()).isZero();
      assertThat(x.error()).isEqualTo("timed out after 1s waiting for response headers from " + server.url("/silent"));
      assertThat(x.elapsed()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
  }

  @Test
  void aServerThatNeverDoesTheTlsHandshakeTimesOut() throws Exception {
    try (RawServer server = new RawServer(s -> hold())) {
      java.net.URI url = java.net.URI.create(server.url("/").toString().replace("http:", "https:"));

      long start = System.nanoTime();
      HttpExchange x = collector.send(HttpRequestSpec.get(1, "tls", url));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(DEADLINE);
      assertThat(x.status()).isZero();
      assertThat(x.error()).isEqualTo("timed out after 1s in the TLS handshake with 127.0.0.1:" + url.getPort()
          + " (127.0.0.1)");
    }
  }

  @Test
  void aBodyThatNeverEndsIsCutAtTheBound() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\n\r\n"); // no length: read until close
      byte[] chunk = "z".repeat(8192).getBytes(StandardCharsets.US_ASCII);
      OutputStream out = s.getOutputStream();
      while (release.getCount() > 0) out.write(chunk);
    })) {
      HttpExchange x = send(server, "/stream");

      assertThat(x.error()).isNull();
      assertThat(x.status()).isEqualTo(200);
      assertThat(x.body()).hasSize(64 * 1024);
      assertThat(x.bodyTruncated()).isTrue();
    }
  }

  @Test
  void aBodyThatStallsTimesOutKeepingStatusAndHeaders() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      write(s, "HTTP/1.1 200 OK\r\nSet-Cookie: sid=1\r\nContent-Length: 100\r\n\r\npartial");
      hold();
    })) {
      HttpExchange x = send(server, "/stall");

      assertThat(x.status()).isEqualTo(200);
      assertThat(x.answered()).isFalse();
      assertThat(x.responseHeaders("Set-Cookie")).containsExactly("sid=1");
      assertThat(x.error()).isEqualTo("timed out after 1s reading the response body from " + server.url("/stall"));
    }
  }

  @Test
  void aMalformedStatusLineIsReported() throws Exception {
    try (RawServer server = new RawServer(s -> {
      RawServer.readHead(s);
      write(s, "HTTX/9 what\r\n\r\n");
      hold();
    })) {
      HttpExchange x = send(server, "/garbage");

      assertThat(x.status()).isZero();
      assertThat(x.error()).startsWith("malformed response from " + server.url("/garbage") + ": ");
    }
  }
}
