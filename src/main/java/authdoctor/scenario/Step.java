package authdoctor.scenario;

import authdoctor.cookie.Context;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** One step of a {@link CookieScenario}: a response that may set cookies, or a request that may send them. */
public sealed interface Step permits ResponseStep, RequestStep {
  /** The absolute http or https URL of the response or request. */
  URI url();

  /** The HTTP method, as written ({@code GET} by default). */
  String method();

  /** How the request was started. */
  Context context();

  /**
   * The origin ({@code scheme://host[:port]}) of the page that started the request, or null when the
   * user typed the URL. For {@link Context#SUBRESOURCE} and {@link Context#IFRAME} it is also the
   * top-level site.
   */
  @Nullable URI from();

  /** Time since the previous step (zero for the first step means: at the start). */
  Duration after();
}
