package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.observation.HttpExchange;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS through {@code --resolve}: a fake public host name served on 127.0.0.1 with its own CA. */
class TlsTest {
  private static final HeldCertificate CA =
      new HeldCertificate.Builder().certificateAuthority(0).commonName("authdoctor lab CA").build();
  private static final HeldCertificate APP =
      new HeldCertificate.Builder().commonName("app.lab.test").addSubjectAlternativeName("app.lab.test")
          .signedBy(CA).build();

  @TempDir Path dir;
  private final MockWebServer server = new MockWebServer();
  private Path caPem;

  @BeforeEach
  void start() throws IOException {
    server.useHttps(new HandshakeCertificates.Builder().heldCertificate(APP, CA.certificate()).build()
        .sslSocketFactory());
    server.start();
    caPem = dir.resolve("ca.pem");
    Files.writeString(caPem, "lab CA bundle\n" + CA.certificatePem());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private URI app(String path) {
    return URI.create("https://app.lab.test:" + server.getPort() + path);
  }

  private Resolve pin() {
    return Resolve.parse("app.lab.test:" + server.getPort() + ":127.0.0.1");
  }

  @Test
  void resolvePinsTheAddressWhileSniHostAndCertificateStayTheHostName() throws Exception {
    server.enqueue(new MockResponse.Builder().body("hello").build());
    HttpOptions o = HttpCollectorTest.fast().withResolve(List.of(pin())).withCaCert(caPem);

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(o)) {
      x = c.send(HttpRequestSpec.get(1, "home", app("/home")));
    }

    assertThat(x.error()).isNull();
    assertThat(x.status()).isEqualTo(200);
    assertThat(x.url()).isEqualTo(app("/home"));
    assertThat(x.requestHeader("Host")).contains("app.lab.test:" + server.getPort());
    RecordedRequest r = server.takeRequest(2, TimeUnit.SECONDS);
    assertThat(r.getHandshakeServerNames()).containsExactly("app.lab.test");
    // over HTTP/2 the recorded host header travels as :authority, names in lower case, no Connection
    assertThat(x.protocol()).isEqualTo("h2");
    assertThat(r.getUrl().host()).isEqualTo("app.lab.test");
    assertThat(x.requestHeaders()).extracting(h -> h.name()).containsExactly("user-agent", "accept-encoding", "host");
    assertThat(r.getHeaders().get("user-agent")).isEqualTo(HttpCollector.USER_AGENT);
    assertThat(x.tls()).isNotNull();
    assertThat(x.tls().certificateNames()).containsExactly("app.lab.test");
    assertThat(x.tls().protocol()).startsWith("TLSv1.");
    assertThat(x.tls().cipherSuite()).startsWith("TLS_");
    assertThat(x.timings().tls()).isNotNull();
    assertThat(x.transport().resolve()).isEqualTo("app.lab.test:" + server.getPort() + ":127.0.0.1");
    assertThat(x.transport().remoteAddress()).isEqualTo("127.0.0.1:" + server.getPort());
    assertThat(x.transport().caCert()).isEqualTo(caPem.toString());
  }

  @Test
  void concurrentRequestsOverOnePinnedTlsOriginAllCarryTlsFacts() throws Exception {
    int n = 8;
    for (int i = 0; i < n; i++) server.enqueue(new MockResponse.Builder().body("r").build());
    HttpOptions o = HttpCollectorTest.fast().withResolve(List.of(pin())).withCaCert(caPem);
    List<java.util.concurrent.Future<HttpExchange>> futures = new java.util.ArrayList<>();

    try (HttpCollector c = new HttpCollector(o);
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newVirtualThreadPerTaskExecutor()) {
      for (int i = 0; i < n; i++) {
        int step = i + 1;
        futures.add(pool.submit(() -> c.send(HttpRequestSpec.get(step, "refresh", app("/refresh")))));
      }
      for (java.util.concurrent.Future<HttpExchange> f : futures) {
        HttpExchange x = f.get();
        assertThat(x.error()).isNull();
        assertThat(x.status()).isEqualTo(200);
        assertThat(x.tls()).isNotNull();
        assertThat(x.tls().certificateNames()).containsExactly("app.lab.test");
      }
    }
    assertThat(server.getRequestCount()).isEqualTo(n);
  }

  @Test
  void oneMegabyteOfHeadersOverHttp2IsRefusedWithAClearError() {
    MockResponse.Builder huge = new MockResponse.Builder();
    for (int i = 0; i < 1000; i++) huge.addHeader("X-Filler-" + i, "a".repeat(1000));
    server.enqueue(huge.build());
    HttpOptions o = HttpCollectorTest.fast().withResolve(List.of(pin())).withCaCert(caPem);

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(o)) {
      x = c.send(HttpRequestSpec.get(1, "huge", app("/huge")));
    }

    assertThat(x.status()).isZero();
    assertThat(x.error()).isEqualTo("response headers from " + app("/huge")
        + " are larger than OkHttp's limit of 256 KiB; the response was dropped");
  }

  @Test
  void withoutTheCaTheCertificateIsRejectedWithAClearLine() {
    HttpOptions o = HttpCollectorTest.fast().withResolve(List.of(pin()));

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(o)) {
      x = c.send(HttpRequestSpec.get(1, "home", app("/")));
    }

    assertThat(x.status()).isZero();
    assertThat(x.error())
        .isEqualTo("TLS certificate of 127.0.0.1:" + server.getPort() + " (app.lab.test) is not trusted "
            + "(no trusted CA signed it); pass --cacert FILE with its CA, or -k to skip verification");
    assertThat(x.tls()).isNull();
  }

  @Test
  void insecureAcceptsAnUntrustedCertificateAndRecordsItsNames() {
    server.enqueue(new MockResponse.Builder().body("ok").build());
    HttpOptions o = HttpCollectorTest.fast().withResolve(List.of(pin())).withInsecure(true);

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(o)) {
      x = c.send(HttpRequestSpec.get(1, "home", app("/")));
    }

    assertThat(x.error()).isNull();
    assertThat(x.status()).isEqualTo(200);
    assertThat(x.tls().certificateNames()).containsExactly("app.lab.test");
    assertThat(x.transport().insecure()).isTrue();
  }

  @Test
  void aCertificateForAnotherNameIsRejectedNamingWhatItHolds() {
    HttpOptions o = HttpCollectorTest.fast()
        .withResolve(List.of(Resolve.parse("api.lab.test:" + server.getPort() + ":127.0.0.1")))
        .withCaCert(caPem);

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(o)) {
      x = c.send(HttpRequestSpec.get(1, "api", URI.create("https://api.lab.test:" + server.getPort() + "/")));
    }

    assertThat(x.status()).isZero();
    assertThat(x.error()).isEqualTo(
        "TLS certificate of 127.0.0.1:" + server.getPort() + " (api.lab.test) is not valid for api.lab.test"
            + " (it names app.lab.test)");
  }

  @Test
  void aResolveEntryAppliesOnlyToItsPort() throws Exception {
    server.enqueue(new MockResponse.Builder().build());
    // Same host, another port: 127.0.0.2 would refuse, so a wrongly applied entry fails the request.
    int otherPort = server.getPort() == 65535 ? 65534 : server.getPort() + 1;
    HttpOptions unpinned = HttpCollectorTest.fast().withInsecure(true)
        .withResolve(List.of(Resolve.parse("localhost:" + otherPort + ":127.0.0.2")));
    HttpOptions pinned = HttpCollectorTest.fast().withInsecure(true)
        .withResolve(List.of(Resolve.parse("localhost:" + server.getPort() + ":127.0.0.2")));
    URI url = URI.create("https://localhost:" + server.getPort() + "/");

    HttpExchange viaSystemDns;
    HttpExchange viaPin;
    try (HttpCollector a = new HttpCollector(unpinned); HttpCollector b = new HttpCollector(pinned)) {
      viaSystemDns = a.send(HttpRequestSpec.get(1, "a", url));
      viaPin = b.send(HttpRequestSpec.get(1, "b", url));
    }

    assertThat(viaSystemDns.error()).isNull();
    assertThat(viaSystemDns.transport().resolve()).isNull();
    assertThat(viaPin.error()).isEqualTo("connection refused by 127.0.0.2:" + server.getPort() + " (localhost)");
    assertThat(viaPin.transport().resolve()).isEqualTo("localhost:" + server.getPort() + ":127.0.0.2");
  }

  @Test
  void caCertFileErrorsAreOneLineIllegalArguments() throws IOException {
    Path empty = Files.writeString(dir.resolve("empty.pem"), "nothing here\n");
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> new HttpCollector(HttpOptions.defaults().withCaCert(empty)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("--cacert " + empty + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    assertThatThrownBy(() -> new HttpCollector(HttpOptions.defaults().withCaCert(missing)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--cacert " + missing + ": cannot read the file")
        .hasMessageNotContaining("\n");
  }

  @Test
  void aBundleWithSeveralCertificatesTrustsEachOfThem() throws IOException {
    HeldCertificate otherCa = new HeldCertificate.Builder().certificateAuthority(0).commonName("other").build();
    Path bundle = Files.writeString(dir.resolve("bundle.pem"), otherCa.certificatePem() + CA.certificatePem());
    assertThat(Trust.readPem(bundle)).hasSize(2);
    server.enqueue(new MockResponse.Builder().build());

    HttpExchange x;
    try (HttpCollector c = new HttpCollector(HttpCollectorTest.fast().withResolve(List.of(pin())).withCaCert(bundle))) {
      x = c.send(HttpRequestSpec.get(1, "home", app("/")));
    }
    assertThat(x.error()).isNull();
  }
}
