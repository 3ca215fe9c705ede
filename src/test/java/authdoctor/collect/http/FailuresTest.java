package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.http.Recorder.Phase;
import java.io.EOFException;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.time.Duration;
import okhttp3.HttpUrl;
import org.junit.jupiter.api.Test;

/** Failures no local test server can produce without leaving the machine (DNS) or racing the kernel. */
class FailuresTest {
  private final HttpUrl url = HttpUrl.get("https://app.lab.test/login?code=s3cret");
  private final HttpOptions options =
      HttpOptions.defaults().withConnectTimeout(Duration.ofMillis(1500)).withMaxTime(Duration.ofSeconds(5));

  @Test
  void dnsFailureNamesTheHost() {
    String line = Failures.describe(new UnknownHostException("app.lab.test: Name or service not known"),
        Phase.RESOLVING, false, url, options, null, -1);

    assertThat(line).isEqualTo("could not resolve host app.lab.test (DNS lookup failed)");
  }

  @Test
  void connectTimeoutNamesTheConnectBoundAndAddress() {
    String line = Failures.describe(new SocketTimeoutException("Connect timed out"),
        Phase.CONNECTING, false, url, options, "10.1.2.3:443", -1);

    assertThat(line).isEqualTo("timed out after 1.5s connecting to 10.1.2.3:443 (app.lab.test)");
  }

  @Test
  void callTimeoutNamesThePhaseAndHidesTheQuery() {
    String line = Failures.describe(new java.io.InterruptedIOException("timeout"),
        Phase.WAITING_FOR_HEADERS, true, url, options, "10.1.2.3:443", 0);

    assertThat(line).isEqualTo("timed out after 5s waiting for response headers from https://app.lab.test/login?…");
  }

  @Test
  void headerLimitNeedsTheBytesToHaveArrived() {
    IOException e = new IOException("unexpected end of stream on https://app.lab.test/...",
        new EOFException("\\n not found: limit=0 content=…"));

    assertThat(Failures.describe(e, Phase.WAITING_FOR_HEADERS, false, url, options, null, 10))
        .startsWith("the server closed the connection");
    assertThat(Failures.describe(e, Phase.WAITING_FOR_HEADERS, false, url, options, null, 300_000))
        .startsWith("response headers from https://app.lab.test/login?… are larger than OkHttp's limit");
  }

  @Test
  void aDnsLookupThatHangsIsAbandonedAtTheBound() throws Exception {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    BoundedDns dns = new BoundedDns(host -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return java.util.List.of();
    }, Duration.ofMillis(200));

    long start = System.nanoTime();
    UnknownHostException e = org.junit.jupiter.api.Assertions.assertThrows(
        UnknownHostException.class, () -> dns.lookup("app.lab.test"));

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
    assertThat(e).isInstanceOf(BoundedDns.TimeoutException.class);
    assertThat(Failures.describe(e, Phase.RESOLVING, false, url, options, null, -1))
        .isEqualTo("timed out after 5s resolving app.lab.test (DNS)");
  }

  @Test
  void boundedDnsPassesAnswersAndFailuresThrough() throws Exception {
    java.net.InetAddress loopback = java.net.InetAddress.getLoopbackAddress();
    BoundedDns ok = new BoundedDns(host -> java.util.List.of(loopback), Duration.ofSeconds(5));
    BoundedDns failing = new BoundedDns(host -> {
      throw new UnknownHostException(host + ": no such host");
    }, Duration.ofSeconds(5));

    assertThat(ok.lookup("app.lab.test")).containsExactly(loopback);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> failing.lookup("app.lab.test"))
        .isExactlyInstanceOf(UnknownHostException.class)
        .hasMessage("app.lab.test: no such host");
  }

  @Test
  void durationsAreShortAndExact() {
    assertThat(Failures.duration(Duration.ofSeconds(30))).isEqualTo("30s");
    assertThat(Failures.duration(Duration.ofMillis(250))).isEqualTo("250ms");
    assertThat(Failures.duration(Duration.ofMillis(2500))).isEqualTo("2.5s");
  }
}
