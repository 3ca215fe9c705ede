package authdoctor.testing;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Hand-made exchanges for check and reporter tests. */
public final class Exchanges {
  private Exchanges() {}

  /** A GET answered with {@code status} and the given response headers ({@code "Name: value"}). */
  public static HttpExchange https(int step, String url, int status, String... headers) {
    List<HeaderField> h = new ArrayList<>();
    for (String line : headers) {
      int c = line.indexOf(':');
      h.add(new HeaderField(line.substring(0, c).strip(), line.substring(c + 1).strip()));
    }
    URI u = URI.create(url);
    return new HttpExchange(
        step,
        "step " + step,
        "GET",
        u,
        List.of(new HeaderField("Host", u.getHost())),
        status,
        "http/1.1",
        h,
        "",
        false,
        Duration.ofMillis(5),
        null,
        null);
  }
}
