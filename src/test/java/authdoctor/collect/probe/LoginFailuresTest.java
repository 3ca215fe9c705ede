package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What a refusal said, as a message quotes it: the text of an error page, never its markup or scripts. */
class LoginFailuresTest {
  private static HttpExchange answer(int status, String type, String body) {
    return new HttpExchange(1, "oauth provider", "GET", URI.create("https://sso.example.com/auth"), List.of(), status,
        "http/1.1", List.of(new HeaderField("Content-Type", type)), body, false, Duration.ZERO, null, null);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      an identity provider's error page | 400 | text/html | <html><head><title>Error</title><script>var x=1;</script></head><body><h1>We are sorry...</h1><p class="instruction">Invalid parameter: redirect_uri</p></body></html> | We are sorry... Invalid parameter: redirect_uri
      a text answer                     | 400 | text/plain | invalid client | invalid client
      an empty error page               | 404 | text/html | <html><body></body></html> |
      a page that is no refusal         | 200 | text/html | <html><body><p>Welcome</p></body></html> |
      """)
  void quotesWhatTheRefusalSaid(String what, int status, String type, String body, String quoted) {
    assertThat(LoginFailures.refusal(answer(status, type, body), TestRedactors.fixed())).isEqualTo(quoted == null ? "" : "'" + quoted + "'");
  }
}
