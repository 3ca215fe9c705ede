package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import mockwebserver3.junit5.StartStop;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpCollectorTest {
  @StartStop private final MockWebServer server = new MockWebServer();
  @StartStop private final MockWebServer other = new MockWebServer();

  private HttpCollector collector = new HttpCollector(fast());

  static HttpOptions fast() {
    return HttpOptions.defaults().withConnectTimeout(Duration.ofSeconds(1)).withMaxTime(Duration.ofSeconds(2));
  }

  @AfterEach
  void closeCollector() {
    collector.close();
  }

  private URI url(String path) {
    return server.url(path).uri();
  }

  @Test
  void redirectIsNotFollowedAndLocationIsRecorded() throws Exception {
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", "/dashboard").build());
    server.enqueue(new MockResponse.Builder().body("should not be fetched").build());

    HttpExchange x = collector.send(HttpRequestSpec.get(1, "login", url("/login")));

    assertThat(x.status()).isEqualTo(302);
    assertThat(x.isRedirect()).isTrue();
    assertThat(x.responseHeader("Location")).contains("/dashboard");
    assertThat(x.error()).isNull();
    assertThat(server.getRequestCount()).isEqualTo(1);
  }

  @Test
  void repeatedSetCookieHeadersAreKeptInOrder() {
    server.enqueue(new MockResponse.Builder()
        .addHeader("Set-Cookie", "a=1; Path=/")
        .addHeader("X-Between", "yes")
        .addHeader("Set-Cookie", "b=2; Secure")
        .addHeader("set-cookie", "c=3; HttpOnly")
        .build());

    HttpExchange x = collector.send(HttpRequestSpec.get(1, "cookies", url("/")));

    assertThat(x.responseHeaders("Set-Cookie")).containsExactly("a=1; Path=/", "b=2; Secure", "c=3; HttpOnly");
    List<String> names = x.responseHeaders().stream().map(HeaderField::name).toList();
    assertThat(names).containsSubsequence("Set-Cookie", "X-Between", "Set-Cookie", "set-cookie");
  }

  @Test
  void requestHeadersAreRecordedAsSentIncludingThoseOkHttpAdds() throws Exception {
    server.enqueue(new MockResponse.Builder().body("ok").build());

    HttpExchange x = collector.send(HttpRequestSpec.get(1, "page", url("/page")).withHeader("X-Trace", "t1"));

    RecordedRequest received = server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(received).isNotNull();
    List<HeaderField> onWire = new ArrayList<>();
    received.getHeaders().forEach(p -> onWire.add(new HeaderField(p.getFirst(), p.getSecond())));
    assertThat(x.requestHeaders()).containsExactlyElementsOf(onWire);
    assertThat(x.requestHeader("Host")).contains(server.getHostName() + ":" + server.getPort());
    assertThat(x.requestHeader("User-Agent")).contains(HttpCollector.USER_AGENT);
    assertThat(HttpCollector.USER_AGENT).startsWith("Mozilla/5.0 (X11; Linux x86_64)")
        .contains("Chrome/" + UserAgent.CHROMIUM_MAJOR + ".0.0.0").endsWith(" authdoctor/" + authdoctor.Version.get());
    assertThat(x.requestHeader("Accept-Encoding")).contains("identity");
    assertThat(x.requestHeader("X-Trace")).contains("t1");
    assertThat(x.protocol()).isEqualTo("http/1.1");
    assertThat(x.body()).isEqualTo("ok");
    assertThat(x.tls()).isNull();
  }

  @Test
  void callerHeadersWinOverDefaultsAndExtraHeaders() throws Exception {
    collector.close();
    collector = new HttpCollector(fast().withExtraHeaders(List.of(
        HeaderArgument.parse("User-Agent: from-H"), HeaderArgument.parse("X-Env: staging"),
        HeaderArgument.parse("X-Step: from-H"))));
    server.enqueue(new MockResponse.Builder().build());

    collector.send(new HttpRequestSpec(1, "s", "GET", url("/"),
        List.of(new HeaderField("X-Step", "from-request"), new HeaderField("Accept-Encoding", "gzip")), null));

    RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(r.getHeaders().get("User-Agent")).isEqualTo("from-H");
    assertThat(r.getHeaders().get("X-Env")).isEqualTo("staging");
    assertThat(r.getHeaders().values("X-Step")).containsExactly("from-request");
    assertThat(r.getHeaders().get("Accept-Encoding")).isEqualTo("gzip");
  }

  @Test
  void postSendsTheBodyWithTheCallersContentTypeVerbatim() throws Exception {
    server.enqueue(new MockResponse.Builder().code(303).addHeader("Location", "/home").build());
    byte[] form = "user=alice&password=hunter22".getBytes(StandardCharsets.UTF_8);

    HttpExchange x = collector.send(
        HttpRequestSpec.post(2, "login", url("/login"), "application/x-www-form-urlencoded", form));

    RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(r.getMethod()).isEqualTo("POST");
    assertThat(r.getBody().utf8()).isEqualTo("user=alice&password=hunter22");
    assertThat(r.getHeaders().get("Content-Type")).isEqualTo("application/x-www-form-urlencoded");
    assertThat(x.requestHeader("Content-Length")).contains(String.valueOf(form.length));
    assertThat(x.requestBody()).isEqualTo("user=alice&password=hunter22");
    assertThat(x.step()).isEqualTo(2);
    assertThat(x.status()).isEqualTo(303);
  }

  @Test
  void bodyIsKeptUpToTheBoundAndMarkedTruncated() {
    collector.close();
    collector = new HttpCollector(fast().withMaxBodyBytes(1000));
    server.enqueue(new MockResponse.Builder().body("x".repeat(50_000)).build());
    server.enqueue(new MockResponse.Builder().body("y".repeat(1000)).build());

    HttpExchange big = collector.send(HttpRequestSpec.get(1, "big", url("/big")));
    HttpExchange exact = collector.send(HttpRequestSpec.get(2, "exact", url("/exact")));

    assertThat(big.body()).hasSize(1000);
    assertThat(big.bodyTruncated()).isTrue();
    assertThat(big.error()).isNull();
    assertThat(exact.body()).hasSize(1000);
    assertThat(exact.bodyTruncated()).isFalse();
  }

  @Test
  void timingsAndTransportAreRecorded() {
    server.enqueue(new MockResponse.Builder().body("ok").build());

    HttpExchange x = collector.send(HttpRequestSpec.get(1, "t", url("/")));

    assertThat(x.elapsed()).isPositive();
    assertThat(x.timings()).isNotNull();
    assertThat(x.timings().headers()).isNotNull().isPositive().isLessThanOrEqualTo(x.elapsed());
    assertThat(x.timings().connect()).isNotNull();
    assertThat(x.timings().tls()).isNull();
    assertThat(x.transport()).isNotNull();
    assertThat(x.transport().remoteAddress()).endsWith(":" + server.getPort());
    assertThat(x.transport().resolve()).isNull();
    assertThat(x.transport().insecure()).isFalse();
  }

  @Test
  void credentialHeadersAreWithheldFromAnotherOrigin() throws Exception {
    collector.close();
    collector = new HttpCollector(fast()
        .withExtraHeaders(List.of(
            HeaderArgument.parse("Authorization: Bearer s3cr3t-token"),
            HeaderArgument.parse("Cookie: sid=abc123"),
            HeaderArgument.parse("X-Api-Key: k-999"),
            HeaderArgument.parse("X-Env: staging")))
        .withCredentialHeaders(java.util.Set.of("x-api-key"))
        .withCredentialOrigin(url("/")));
    server.enqueue(new MockResponse.Builder().code(302).addHeader("Location", other.url("/cb")).build());
    other.enqueue(new MockResponse.Builder().build());

    HttpExchange first = collector.send(HttpRequestSpec.get(1, "start", url("/start")));
    HttpExchange second = collector.send(HttpRequestSpec.get(2, "callback", other.url("/cb").uri()));

    RecordedRequest atOrigin = server.takeRequest(2, TimeUnit.SECONDS);
    RecordedRequest elsewhere = other.takeRequest(2, TimeUnit.SECONDS);
    assertThat(atOrigin.getHeaders().get("Authorization")).isEqualTo("Bearer s3cr3t-token");
    assertThat(atOrigin.getHeaders().get("Cookie")).isEqualTo("sid=abc123");
    assertThat(first.withheldHeaders()).isEmpty();
    assertThat(elsewhere.getHeaders().names()).doesNotContain("Authorization", "Cookie", "X-Api-Key");
    assertThat(elsewhere.getHeaders().get("X-Env")).isEqualTo("staging");
    assertThat(second.withheldHeaders()).containsExactly("Authorization", "Cookie", "X-Api-Key");
    assertThat(second.requestHeader("Authorization")).isEmpty();
  }

  @Test
  void withoutAnExplicitOriginCredentialsBelongToTheFirstRequestsOrigin() throws Exception {
    collector.close();
    collector = new HttpCollector(fast().withExtraHeaders(List.of(HeaderArgument.parse("Cookie: sid=abc123"))));
    other.enqueue(new MockResponse.Builder().build());
    server.enqueue(new MockResponse.Builder().build());

    HttpExchange first = collector.send(HttpRequestSpec.get(1, "a", other.url("/").uri()));
    HttpExchange second = collector.send(HttpRequestSpec.get(2, "b", url("/")));

    assertThat(first.requestHeader("Cookie")).contains("sid=abc123");
    assertThat(second.withheldHeaders()).containsExactly("Cookie");
    assertThat(server.takeRequest(2, TimeUnit.SECONDS).getHeaders().get("Cookie")).isNull();
  }

  @Test
  void aCustomHostHeaderIsOnlySentToItsOrigin() throws Exception {
    collector.close();
    collector = new HttpCollector(fast().withExtraHeaders(List.of(HeaderArgument.parse("Host: app.lab.test")))
        .withCredentialOrigin(url("/")));
    server.enqueue(new MockResponse.Builder().build());
    other.enqueue(new MockResponse.Builder().build());

    collector.send(HttpRequestSpec.get(1, "a", url("/")));
    HttpExchange elsewhere = collector.send(HttpRequestSpec.get(2, "b", other.url("/").uri()));

    assertThat(server.takeRequest(2, TimeUnit.SECONDS).getHeaders().get("Host")).isEqualTo("app.lab.test");
    assertThat(other.takeRequest(2, TimeUnit.SECONDS).getHeaders().get("Host"))
        .isEqualTo(other.getHostName() + ":" + other.getPort());
    assertThat(elsewhere.withheldHeaders()).containsExactly("Host");
  }

  @Test
  void cookiesAreNeverStored() throws Exception {
    server.enqueue(new MockResponse.Builder().addHeader("Set-Cookie", "sid=abc; Path=/").build());
    server.enqueue(new MockResponse.Builder().build());

    collector.send(HttpRequestSpec.get(1, "a", url("/")));
    HttpExchange second = collector.send(HttpRequestSpec.get(2, "b", url("/")));

    server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(server.takeRequest(2, TimeUnit.SECONDS).getHeaders().get("Cookie")).isNull();
    assertThat(second.requestHeader("Cookie")).isEmpty();
  }

  @Test
  void refusedConnectionGivesStatusZeroAndOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }

    HttpExchange x = collector.send(HttpRequestSpec.get(1, "down", URI.create("http://127.0.0.1:" + port + "/")));

    assertThat(x.status()).isZero();
    assertThat(x.answered()).isFalse();
    assertThat(x.error()).isEqualTo("connection refused by 127.0.0.1:" + port + " (127.0.0.1)");
  }

  @Test
  void malformedUrlIsAnIllegalArgument() {
    assertThatThrownBy(() -> collector.send(HttpRequestSpec.get(1, "x", URI.create("ftp://example.test/"))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("not an http or https URL: ftp://example.test/");
    assertThatThrownBy(() -> HttpRequestSpec.get(1, "x", URI.create("/relative")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an http or https URL");
    assertThatThrownBy(() -> new HttpRequestSpec(1, "x", "GET", url("/"), List.of(), new byte[1]))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("GET request must not have a body");
  }

  @Test
  void closedCollectorRefusesToSend() {
    collector.close();
    assertThatThrownBy(() -> collector.send(HttpRequestSpec.get(1, "x", url("/"))))
        .isInstanceOf(IllegalStateException.class);
  }

  @Test
  void concurrentSendsFromVirtualThreadsAllComplete() throws Exception {
    int n = 16;
    for (int i = 0; i < n; i++) server.enqueue(new MockResponse.Builder().body("r").build());
    List<Future<HttpExchange>> futures = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int step = i + 1;
        futures.add(pool.submit(() -> collector.send(HttpRequestSpec.get(step, "refresh " + step, url("/r")))));
      }
    }
    List<Integer> steps = new ArrayList<>();
    for (Future<HttpExchange> f : futures) {
      HttpExchange x = f.get();
      assertThat(x.error()).isNull();
      assertThat(x.status()).isEqualTo(200);
      steps.add(x.step());
    }
    assertThat(steps).hasSize(n).doesNotHaveDuplicates();
    assertThat(server.getRequestCount()).isEqualTo(n);
  }
}
