package authdoctor.checks.cors;

import authdoctor.internal.Hosts;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.net.URI;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/** CORS facts of one exchange (Fetch standard §3.2): is it cross-origin, credentialed, a preflight. */
final class Cors {
  private Cors() {}

  /**
   * The request's Origin when it is a CORS request (a preflight, or {@code Sec-Fetch-Mode: cors} as
   * browsers send on fetch/XHR) and the Origin differs from the request URL's origin. Navigations and
   * form posts carry an Origin too, but CORS does not apply to them.
   */
  static Optional<String> crossOrigin(HttpExchange x) {
    boolean cors = preflight(x) || x.requestHeader("Sec-Fetch-Mode").map(m -> m.strip().equalsIgnoreCase("cors")).orElse(false);
    if (!cors) return Optional.empty();
    Optional<String> origin = x.requestHeader("Origin").map(String::strip);
    if (origin.isEmpty() || origin.get().equals("null")) return Optional.empty();
    return origin.get().equalsIgnoreCase(origin(x.url())) ? Optional.empty() : origin;
  }

  /** The serialized origin of a URL ({@code https://api.example.com}, the port only when not the default). */
  static String origin(URI u) {
    return Hosts.origin(u);
  }

  static boolean preflight(HttpExchange x) {
    return x.method().equals("OPTIONS") && x.requestHeader("Access-Control-Request-Method").isPresent();
  }

  /**
   * Whether the request carried the browser's credentials (Fetch §2.2.5: cookies, HTTP authentication the
   * browser manages). A bearer token the page puts in {@code Authorization} itself is a request header:
   * it needs {@code Access-Control-Allow-Headers}, not {@code -Allow-Credentials}.
   */
  static boolean credentialed(HttpExchange x) {
    return x.requestHeader("Cookie").isPresent()
        || x.requestHeader("Authorization").filter(a -> !a.strip().regionMatches(true, 0, "Bearer ", 0, 7)).isPresent();
  }

  /** The exchange of trace step {@code step}, if one was recorded. */
  static Optional<HttpExchange> exchangeAt(Observations o, int step) {
    return o.of(HttpExchange.class).stream().filter(x -> x.step() == step).findFirst();
  }

  static String allowOrigin(HttpExchange x) {
    return x.responseHeader("Access-Control-Allow-Origin").map(String::strip).orElse("");
  }

  static boolean allowCredentials(HttpExchange x) {
    return x.responseHeader("Access-Control-Allow-Credentials").map(v -> v.strip().equals("true")).orElse(false);
  }
}
