package authdoctor.collect.browsing;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.cookie.Context;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HeaderField;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The browser's part of each kind of request: headers, cookie context, and what the jar records. */
class BrowserSessionTest {
  private static final URI PAGE = URI.create("https://app.example.com/login");
  private static final URI FRONT = URI.create("https://front.example.net/");
  private static final URI URL = URI.create("https://app.example.com/session");
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  static Stream<Arguments> kinds() {
    return Stream.of(
        Arguments.of("typed", Navigation.typed(), "Sec-Fetch-Mode: navigate", Context.NAVIGATION),
        Arguments.of("link, no referrer", Navigation.link("GET", PAGE), "Sec-Fetch-Mode: navigate", Context.NAVIGATION),
        Arguments.of("form POST", Navigation.form("POST", PAGE, Referrer.FULL),
            "Origin: https://app.example.com | Referer: https://app.example.com/login | Sec-Fetch-Mode: navigate",
            Context.NAVIGATION),
        Arguments.of("form POST, no-referrer page", Navigation.form("POST", PAGE, Referrer.NONE),
            "Origin: https://app.example.com | Sec-Fetch-Mode: navigate", Context.NAVIGATION),
        Arguments.of("form GET", Navigation.form("GET", PAGE, Referrer.NONE), "Sec-Fetch-Mode: navigate", Context.NAVIGATION),
        Arguments.of("same-origin fetch GET", new Fetch("GET", PAGE, Fetch.Mode.SAME_ORIGIN, true, Referrer.NONE),
            "Sec-Fetch-Mode: cors", Context.SUBRESOURCE),
        Arguments.of("same-origin fetch POST", new Fetch("POST", PAGE, Fetch.Mode.SAME_ORIGIN, true, Referrer.FULL),
            "Origin: https://app.example.com | Referer: https://app.example.com/login | Sec-Fetch-Mode: cors",
            Context.SUBRESOURCE),
        Arguments.of("CORS fetch GET", new Fetch("GET", FRONT, Fetch.Mode.CORS, true, Referrer.NONE),
            "Origin: https://front.example.net | Sec-Fetch-Mode: cors", Context.SUBRESOURCE),
        // credentials: 'omit' sends no cookie, and the browser still says the fetch is in cors mode.
        Arguments.of("uncredentialed fetch", new Fetch("GET", FRONT, Fetch.Mode.CORS, false, Referrer.NONE),
            "Origin: https://front.example.net | Sec-Fetch-Mode: cors", null),
        Arguments.of("preflight", new RequestKind.Preflight(FRONT, "POST", List.of("content-type", "x-csrftoken")),
            "Origin: https://front.example.net | Sec-Fetch-Mode: cors | Access-Control-Request-Method: POST"
                + " | Access-Control-Request-Headers: content-type,x-csrftoken", null),
        Arguments.of("iframe", new RequestKind.Iframe(FRONT), "Sec-Fetch-Mode: navigate", Context.IFRAME),
        Arguments.of("raw", new RequestKind.Raw(), "", null));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("kinds")
  void eachKindDecidesItsHeadersAndCookieContext(String name, RequestKind kind, String headers, Context context) {
    BrowserSession.Request r = new BrowserSession(CLOCK).request(1, URL, kind, true);
    assertThat(String.join(" | ", r.headers(List.of()).stream().map(f -> f.name() + ": " + f.value()).toList()))
        .isEqualTo(headers);
    assertThat(r.context() == null ? null : r.context().context()).isEqualTo(context);
  }

  @Test
  void theRequestsOwnHeadersGoBetweenTheInitiatorsAndTheCookie() {
    BrowserSession b = new BrowserSession(CLOCK);
    b.response(1, PAGE, Navigation.typed(), List.of("sid=abc; Path=/; Secure; HttpOnly"), null);
    List<HeaderField> h = b.request(2, URL, Navigation.form("POST", PAGE, Referrer.FULL), true)
        .headers(List.of(new HeaderField("X-CSRFToken", "t")));
    assertThat(h).extracting(HeaderField::name).containsExactly("Origin", "Referer", "X-CSRFToken", "Cookie", "Sec-Fetch-Mode");
  }

  @Test
  void aRawRequestNeitherAsksNorTellsTheJar() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<CookieSetEvent> events = b.response(1, PAGE, new RequestKind.Raw(), List.of("sid=abc; Path=/"), null);
    assertThat(events).isEmpty();
    assertThat(b.cookies()).isEmpty();
    assertThat(b.request(2, URL, new RequestKind.Raw(), true).event()).isNull();
  }

  @Test
  void aResponseGivesOneEventPerLineAndTheRequestCarriesWhatWasStored() {
    BrowserSession b = new BrowserSession(CLOCK);
    List<CookieSetEvent> events = b.response(1, PAGE, Navigation.typed(), List.of("sid=abc; Path=/", "bad=1; Domain=other.org"), null);
    assertThat(events).extracting(e -> e.result().stored()).containsExactly(true, false);
    BrowserSession.Request r = b.request(2, URL, Navigation.typed(), true);
    assertThat(r.headers(List.of())).contains(new HeaderField("Cookie", "sid=abc"));
    assertThat(r.event()).isNotNull();
    assertThat(r.event().step()).isEqualTo(2);
  }

  @Test
  void aRedirectHopKeepsTheInitiatorAndTheReferrerButNotTheOrigin() {
    RequestKind hop = Navigation.form("POST", PAGE, Referrer.FULL).redirected("GET");
    assertThat(hop.initiatorHeaders(URL)).containsExactly(new HeaderField("Referer", PAGE.toString()));
    assertThat(hop.cookieContext().from()).isEqualTo(PAGE);
    assertThat(Navigation.typed("POST").redirected("GET").cookieContext().from()).isNull();
  }
}
