package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HttpExchange;
import authdoctor.testing.RawServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Odd but legitimate servers: an HTTP/1.0 server that closes every connection after its answer (Python's
 * {@code http.server}), and a keep-alive server that closes an idle connection without a word. Every
 * request gets its answer, and none reaches the server twice.
 */
class OddServersTest {
  private static HttpOptions options() {
    return HttpOptions.defaults().withConnectTimeout(Duration.ofSeconds(2)).withMaxTime(Duration.ofSeconds(10));
  }

  /** Answers one request per connection with {@code protocol}, Content-Length and no Connection header, then closes. */
  private static RawServer closingAfterEachAnswer(String protocol, AtomicInteger requests) throws IOException {
    return new RawServer(s -> {
      String head = RawServer.readHead(s);
      if (head.isEmpty()) return;
      requests.incrementAndGet();
      RawServer.readBody(s, head);
      byte[] body = "<h1>hello</h1>".getBytes(StandardCharsets.UTF_8);
      s.getOutputStream().write((protocol + " 200 OK\r\nContent-Type: text/html\r\nContent-Length: " + body.length
          + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
      s.getOutputStream().write(body);
      s.getOutputStream().flush();
      s.close();
    });
  }

  private static HttpRequestSpec request(int step, String method, RawServer server) {
    return new HttpRequestSpec(step, "step " + step, method, server.url("/"), List.of(),
        method.equals("POST") ? "a=1".getBytes(StandardCharsets.UTF_8) : null);
  }

  @Test
  void anHttp10ServerAnswersEveryRequestOfASequence() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    try (RawServer server = closingAfterEachAnswer("HTTP/1.0", requests); HttpCollector http = new HttpCollector(options())) {
      int step = 0;
      for (String method : List.of("GET", "POST", "GET", "POST", "GET", "GET")) {
        HttpExchange x = http.send(request(++step, method, server));
        assertThat(x.error()).as(method + " " + step).isNull();
        assertThat(x.status()).isEqualTo(200);
      }
      assertThat(requests.get()).isEqualTo(6);
    }
  }

  @Test
  void aPooledConnectionTheServerClosedIsReplacedForAGetWithoutSendingItTwice() throws IOException {
    AtomicInteger requests = new AtomicInteger();
    // HTTP/1.1 without "Connection: close": the client may keep the connection, which the server then closes.
    try (RawServer server = closingAfterEachAnswer("HTTP/1.1", requests); HttpCollector http = new HttpCollector(options())) {
      for (int step = 1; step <= 4; step++) {
        HttpExchange x = http.send(request(step, "GET", server));
        assertThat(x.error()).as("GET " + step).isNull();
        assertThat(x.status()).isEqualTo(200);
      }
      assertThat(requests.get()).isEqualTo(4);
    }
  }
}
