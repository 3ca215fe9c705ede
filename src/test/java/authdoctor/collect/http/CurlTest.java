package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

class CurlTest {
  private final Redactor redactor = new Redactor("test key".getBytes(StandardCharsets.UTF_8));

  private static HttpExchange exchange(String method, String url, List<HeaderField> headers,
      @Nullable String body, HttpExchange.@Nullable Transport transport) {
    return new HttpExchange(1, "step", method, URI.create(url), headers, 200, "http/1.1", List.of(), "", false,
        Duration.ofMillis(5), null, null, body, List.of(), transport, null);
  }

  private static HeaderField h(String name, String value) {
    return new HeaderField(name, value);
  }

  @Test
  void aPlainGetDropsHostConnectionAndLengthWhichCurlSendsItself() {
    HttpExchange x = exchange("GET", "http://app.lab.test:8080/home", List.of(
        h("User-Agent", "authdoctor/dev"), h("Accept-Encoding", "identity"), h("Host", "app.lab.test:8080"),
        h("Connection", "Keep-Alive")), null, null);

    assertThat(Curl.render(x, redactor))
        .isEqualTo("curl -sS -i -H 'User-Agent: authdoctor/dev' -H 'Accept-Encoding: identity'"
            + " http://app.lab.test:8080/home");
  }

  @Test
  void resolveAndCaCertAreRenderedAsUsed() {
    HttpExchange x = exchange("GET", "https://app.lab.test/", List.of(h("Host", "app.lab.test")), null,
        new HttpExchange.Transport("app.lab.test:443:127.0.0.1", "127.0.0.1:443", false, "/tmp/lab ca.pem"));

    assertThat(Curl.render(x, redactor)).isEqualTo(
        "curl -sS -i --resolve app.lab.test:443:127.0.0.1 --cacert '/tmp/lab ca.pem' https://app.lab.test/");
  }

  @Test
  void insecureIsRenderedAsK() {
    HttpExchange x = exchange("HEAD", "https://app.lab.test/", List.of(), null,
        new HttpExchange.Transport(null, "10.0.0.1:443", true, null));

    assertThat(Curl.render(x, redactor)).isEqualTo("curl -sS -i --head -k https://app.lab.test/");
  }

  @Test
  void aDifferentHostHeaderIsKept() {
    HttpExchange x = exchange("GET", "http://127.0.0.1:8080/", List.of(h("Host", "app.lab.test")), null, null);

    assertThat(Curl.render(x, redactor)).endsWith("-H 'Host: app.lab.test' http://127.0.0.1:8080/");
  }

  @Test
  void credentialsAndSecretsAreRedacted() {
    HttpExchange x = exchange("POST", "https://app.lab.test/cb?code=abcdef123456&state=s1", List.of(
            h("Cookie", "sid=s3ssion-value; theme=dark"), h("Authorization", "Bearer eyJhbGciOi.tok.sig"),
            h("Content-Type", "application/x-www-form-urlencoded")),
        "username=alice&password=hunter2hunter2&csrf_token=csrf-abcdef", null);

    String line = Curl.render(x, redactor);

    assertThat(line).doesNotContain("s3ssion-value", "eyJhbGciOi.tok.sig", "hunter2hunter2", "csrf-abcdef",
        "abcdef123456", "dark");
    assertThat(line).contains("-H 'Cookie: sid=‹redacted 13 chars fp:", "-H 'Authorization: Bearer ‹redacted",
        "--data-binary 'username=alice&password=‹redacted 14 chars fp:", "&csrf_token=‹redacted",
        "code=‹redacted 12 chars", "state=‹redacted 2 chars");
    assertThat(line).doesNotContain("-X POST");
  }

  @Test
  void jsonBodiesKeepNamesAndRedactSecretMembers() {
    String body = "{\"email\": \"a@b.test\", \"password\": \"pa55-word\", \"remember\": true}";

    String shown = Curl.body(body, "application/json", redactor);

    assertThat(shown).startsWith("{\"email\": \"a@b.test\", \"password\": \"‹redacted 9 chars fp:")
        .endsWith("\", \"remember\": true}")
        .doesNotContain("pa55-word");
  }

  @Test
  void otherBodiesAreRedactedWhole() {
    assertThat(Curl.body("<xml>secret</xml>", "text/xml", redactor)).startsWith("‹redacted 17 chars fp:");
  }

  @Test
  void otherMethodsUseX() {
    HttpExchange x = exchange("DELETE", "http://app.lab.test/session", List.of(), null, null);

    assertThat(Curl.render(x, redactor)).isEqualTo("curl -sS -i -X DELETE http://app.lab.test/session");
  }

  @Test
  void singleQuotesAreEscapedForTheShell() {
    assertThat(Curl.quote("it's")).isEqualTo("'it'\\''s'");
    assertThat(Curl.quote("plain-word")).isEqualTo("plain-word");
    assertThat(Curl.quote("$(rm -rf /)")).isEqualTo("'$(rm -rf /)'");
  }
}
