package authdoctor.collect.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.observation.HeaderField;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code --resolve}, {@code -H} and option validation: bad input is a one-line IllegalArgumentException. */
class ParsersTest {
  @Test
  void resolveParsesHostPortAndAddress() {
    Resolve r = Resolve.parse("App.Lab.Test:443:127.0.0.1");

    assertThat(r).isEqualTo(new Resolve("app.lab.test", 443, "127.0.0.1"));
    assertThat(r.appliesTo("app.lab.test", 443)).isTrue();
    assertThat(r.appliesTo("app.lab.test", 8443)).isFalse();
    assertThat(r.toString()).isEqualTo("app.lab.test:443:127.0.0.1");
  }

  @Test
  void resolveAcceptsIpv6WithOrWithoutBrackets() {
    assertThat(Resolve.parse("app.lab.test:8443:[::1]").address()).isEqualTo("::1");
    assertThat(Resolve.parse("app.lab.test:8443:::1").address()).isEqualTo("::1");
    assertThat(Resolve.parse("app.lab.test:8443:[::1]").toString()).isEqualTo("app.lab.test:8443:[::1]");
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "app.lab.test", "app.lab.test:443", ":443:127.0.0.1", "app.lab.test:443:",
      "app.lab.test:https:127.0.0.1", "app.lab.test:0:127.0.0.1", "app.lab.test:70000:127.0.0.1",
      "app.lab.test:443:localhost", "app.lab.test:443:127.0.0.1,127.0.0.2", "*:443:127.0.0.1",
      "+app.lab.test:443:127.0.0.1", "app.lab.test:443:999.1.1.1"})
  void malformedResolveEntriesAreRejectedInOneLine(String text) {
    assertThatThrownBy(() -> Resolve.parse(text))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("--resolve: ")
        .hasMessageNotContaining("\n");
  }

  @Test
  void headerArgumentSplitsAtTheFirstColon() {
    assertThat(HeaderArgument.parse("X-Forwarded-Proto: https")).isEqualTo(new HeaderField("X-Forwarded-Proto", "https"));
    assertThat(HeaderArgument.parse("Authorization:Bearer a:b")).isEqualTo(new HeaderField("Authorization", "Bearer a:b"));
    assertThat(HeaderArgument.parse("X-Empty:")).isEqualTo(new HeaderField("X-Empty", ""));
  }

  @Test
  void malformedHeaderArgumentsAreRejectedWithoutEchoingTheValue() {
    assertThatThrownBy(() -> HeaderArgument.parse("Authorization Bearer s3cret"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("-H: expected \"Name: value\", found no ':'");
    assertThatThrownBy(() -> HeaderArgument.parse(": s3cret"))
        .hasMessage("-H: empty header name");
    assertThatThrownBy(() -> HeaderArgument.parse("Bad Name: v"))
        .hasMessage("-H: header name 'Bad Name' holds an invalid character at position 4");
    assertThatThrownBy(() -> HeaderArgument.parse("Cookie: a=s3cret\r\nX-Injected: 1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("header Cookie: value holds a control character at position 9");
  }

  @Test
  void optionsRejectUnusableValues() {
    HttpOptions d = HttpOptions.defaults();
    assertThatThrownBy(() -> d.withMaxTime(Duration.ZERO)).hasMessage("--max-time must be positive");
    assertThatThrownBy(() -> d.withConnectTimeout(Duration.ofSeconds(-1))).hasMessage("--connect-timeout must be positive");
    assertThatThrownBy(() -> d.withMaxHeaderBytes(1024 * 1024))
        .hasMessage("maximum header size must be between 1 and 262144 bytes");
    assertThatThrownBy(() -> d.withResolve(List.of(Resolve.parse("a.test:443:127.0.0.1"),
        Resolve.parse("A.test:443:127.0.0.2")))).hasMessage("--resolve: a.test:443 is given twice");
    assertThatThrownBy(() -> d.withCredentialOrigin(URI.create("mailto:x@y.test")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void credentialHeadersAreTheThreeStandardOnesPlusThoseMarked() {
    HttpOptions o = HttpOptions.defaults().withCredentialHeaders(java.util.Set.of("X-Api-Key"));

    assertThat(o.isCredential("authorization")).isTrue();
    assertThat(o.isCredential("COOKIE")).isTrue();
    assertThat(o.isCredential("Proxy-Authorization")).isTrue();
    assertThat(o.isCredential("x-api-key")).isTrue();
    assertThat(o.isCredential("X-Env")).isFalse();
  }
}
