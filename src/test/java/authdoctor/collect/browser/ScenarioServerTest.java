package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The local scenario server, spoken to over raw sockets (no browser needed). */
@Timeout(20)
class ScenarioServerTest {
  private ScenarioServer server;

  @BeforeEach
  void start() throws IOException {
    server = ScenarioServer.start();
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private String exchange(boolean tls, String request) throws Exception {
    Socket plain = new Socket(InetAddress.getLoopbackAddress(), server.port());
    plain.setSoTimeout(10_000);
    Socket socket = plain;
    if (tls) {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {new TrustAll()}, null);
      SSLSocket ssl = (SSLSocket) ctx.getSocketFactory().createSocket(plain, "app.example.com", server.port(), true);
      ssl.startHandshake();
      socket = ssl;
    }
    try (Socket s = socket) {
      s.getOutputStream().write(request.getBytes(StandardCharsets.UTF_8));
      s.getOutputStream().flush();
      return readResponse(s.getInputStream());
    }
  }

  /** Head and body of one response (by Content-Length), as text. */
  private static String readResponse(InputStream in) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    while (!out.toString(StandardCharsets.UTF_8).contains("\r\n\r\n")) {
      int b = in.read();
      if (b < 0) break;
      out.write(b);
    }
    String head = out.toString(StandardCharsets.UTF_8);
    int length = 0;
    for (String line : head.split("\r\n")) {
      if (line.toLowerCase().startsWith("content-length:")) length = Integer.parseInt(line.substring(15).strip());
    }
    out.write(in.readNBytes(length));
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void servesExactSetCookieLinesAndDateOverTlsAndPlainOnOnePort() throws Exception {
    server.serve(
        URI.create("https://app.example.com/login?next=%2F"),
        new ScenarioServer.Reply(List.of("a=1; Secure; SameSite=None", "b=é; Path=/x"), Instant.parse("2026-11-26T10:00:00Z")));
    String get = "GET /login?next=%2F HTTP/1.1\r\nHost: app.example.com:" + server.port() + "\r\nConnection: close\r\n\r\n";
    for (boolean tls : new boolean[] {true, false}) {
      String response = exchange(tls, get);
      assertThat(response).startsWith("HTTP/1.1 200 OK\r\n");
      assertThat(response).contains("\r\nSet-Cookie: a=1; Secure; SameSite=None\r\nSet-Cookie: b=é; Path=/x\r\n");
      assertThat(response).contains("\r\nDate: Thu, 26 Nov 2026 10:00:00 GMT\r\n");
      assertThat(response).contains("Cache-Control: no-store");
    }
    assertThat(server.received()).extracting(ScenarioServer.ReceivedRequest::tls).containsExactly(true, false);
  }

  @Test
  void otherHostsAndPathsGetNoCookies() throws Exception {
    server.serve(URI.create("https://app.example.com/login"), new ScenarioServer.Reply(List.of("a=1"), null));
    String other = exchange(false, "GET /login HTTP/1.1\r\nHost: evil.example\r\nConnection: close\r\n\r\n");
    assertThat(other).startsWith("HTTP/1.1 200").doesNotContain("Set-Cookie").doesNotContain("Date:");
    server.clearReplies();
    String cleared = exchange(false, "GET /login HTTP/1.1\r\nHost: app.example.com\r\nConnection: close\r\n\r\n");
    assertThat(cleared).doesNotContain("Set-Cookie");
  }

  @Test
  void answersCorsPreflightAndCredentialedRequests() throws Exception {
    String preflight =
        exchange(true, "OPTIONS /api HTTP/1.1\r\nHost: api.example\r\nOrigin: https://app.example:1\r\n"
            + "Access-Control-Request-Method: PUT\r\nAccess-Control-Request-Headers: content-type\r\nConnection: close\r\n\r\n");
    assertThat(preflight)
        .startsWith("HTTP/1.1 204")
        .contains("Access-Control-Allow-Origin: https://app.example:1\r\n")
        .contains("Access-Control-Allow-Credentials: true\r\n")
        .contains("Access-Control-Allow-Methods: PUT\r\n")
        .contains("Access-Control-Allow-Headers: content-type\r\n");
  }

  @Test
  void recordsCookieNamesNeverValuesAndReadsBodies() throws Exception {
    String post =
        "POST /form HTTP/1.1\r\nHost: app.example.com\r\nCookie: sid=s3cr3tv4lue; theme=dark\r\n"
            + "Content-Length: 3\r\n\r\nx=1"
            + "GET /next HTTP/1.1\r\nHost: app.example.com\r\nConnection: close\r\n\r\n";
    Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port());
    try (socket) {
      socket.getOutputStream().write(post.getBytes(StandardCharsets.UTF_8));
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
      assertThat(readResponse(socket.getInputStream())).startsWith("HTTP/1.1 200");
    }
    assertThat(server.received()).hasSize(2);
    ScenarioServer.ReceivedRequest first = server.received().getFirst();
    assertThat(first.method()).isEqualTo("POST");
    assertThat(first.host()).isEqualTo("app.example.com");
    assertThat(first.cookieNames()).containsExactly("sid", "theme");
    assertThat(server.received().toString()).doesNotContain("s3cr3tv4lue");
    assertThat(server.received().get(1).target()).isEqualTo("/next");
  }

  @Test
  void servesRegisteredPagesOnAnyHost() throws Exception {
    String path = server.page("<!doctype html><p>launcher</p>");
    assertThat(path).startsWith(ScenarioServer.OWN_PREFIX);
    assertThat(exchange(true, "GET " + path + " HTTP/1.1\r\nHost: anything.test\r\nConnection: close\r\n\r\n")).endsWith("<p>launcher</p>");
  }

  @Test
  void rewriteKeepsSchemeHostPathAndQueryAndChangesOnlyThePort() {
    int port = server.port();
    assertThat(server.rewrite(URI.create("https://app.example.com/a/b?c=d#frag")))
        .isEqualTo(URI.create("https://app.example.com:" + port + "/a/b?c=d"));
    assertThat(server.rewrite(URI.create("http://app.example.com:8080")))
        .isEqualTo(URI.create("http://app.example.com:" + port + "/"));
  }

  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
