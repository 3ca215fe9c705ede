package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.Exchanges;
import java.net.URI;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The frontend's fetches: which need a preflight, what it asks for, and whether its answer lets the call through. */
class FrontendFetchTest {
  private static final String ORIGIN = "https://app.example.test";

  private static HeaderField h(String name, String value) {
    return new HeaderField(name, value);
  }

  @Test
  void aJsonLoginAsksForContentType() {
    List<String> unsafe = FrontendFetch.unsafeHeaders(List.of(h("Content-Type", "application/json"), h("Accept", "application/json")));
    assertThat(unsafe).containsExactly("content-type");
    assertThat(FrontendFetch.needsPreflight("POST", unsafe)).isTrue();
  }

  @Test
  void aBearerCallAsksForAuthorizationAndAnyOtherHeaderSortedInLowerCase() {
    List<String> unsafe = FrontendFetch.unsafeHeaders(
        List.of(h("X-Request-Id", "1"), h("Authorization", "Bearer abc"), h("Accept", "application/json"), h("authorization", "x")));
    assertThat(unsafe).containsExactly("authorization", "x-request-id");
  }

  @Test
  void aFormPostAndAPlainGetNeedNoPreflight() {
    List<String> form = FrontendFetch.unsafeHeaders(List.of(h("Content-Type", "application/x-www-form-urlencoded; charset=UTF-8")));
    assertThat(form).isEmpty();
    assertThat(FrontendFetch.needsPreflight("POST", form)).isFalse();
    assertThat(FrontendFetch.needsPreflight("GET", List.of())).isFalse();
    assertThat(FrontendFetch.needsPreflight("DELETE", List.of())).isTrue();
  }

  @Test
  void theBrowsersOwnHeadersAreNeverAskedFor() {
    assertThat(FrontendFetch.unsafeHeaders(List.of(h("Cookie", "a=b"), h("Origin", ORIGIN), h("Host", "x")))).isEmpty();
  }

  @Test
  void thePreflightRequestCarriesOriginMethodAndHeadersAndNoEmptyHeaderList() {
    RequestKind.Preflight p = new RequestKind.Preflight(URI.create(ORIGIN + "/"), "GET", List.of("authorization"));
    assertThat(p.initiatorHeaders(URI.create("https://api.example.test/api/me"))).containsExactly(h("Origin", ORIGIN),
        h("Sec-Fetch-Mode", "cors"), h("Access-Control-Request-Method", "GET"), h("Access-Control-Request-Headers", "authorization"));
    assertThat(new RequestKind.Preflight(URI.create(ORIGIN + "/"), "PUT", List.of()).initiatorHeaders(URI.create("https://api.example.test/")))
        .extracting(HeaderField::name).doesNotContain("Access-Control-Request-Headers");
  }

  static Stream<Arguments> answers() {
    String allowOrigin = "Access-Control-Allow-Origin: " + ORIGIN;
    return Stream.of(
        Arguments.of("origin and header allowed", 204, List.of(allowOrigin, "Access-Control-Allow-Headers: Authorization"), "GET",
            List.of("authorization"), false, true),
        Arguments.of("header not allowed", 204, List.of(allowOrigin, "Access-Control-Allow-Headers: Content-Type"), "GET",
            List.of("authorization"), false, false),
        Arguments.of("origin not allowed", 204, List.of("Access-Control-Allow-Origin: https://other.test",
            "Access-Control-Allow-Headers: authorization"), "GET", List.of("authorization"), false, false),
        Arguments.of("wildcard header, not for authorization", 204, List.of("Access-Control-Allow-Origin: *",
            "Access-Control-Allow-Headers: *"), "GET", List.of("authorization"), false, false),
        Arguments.of("wildcard header covers others without credentials", 204, List.of("Access-Control-Allow-Origin: *",
            "Access-Control-Allow-Headers: *"), "POST", List.of("content-type"), false, true),
        Arguments.of("credentials need Allow-Credentials", 204, List.of(allowOrigin, "Access-Control-Allow-Headers: content-type"),
            "POST", List.of("content-type"), true, false),
        Arguments.of("credentials with Allow-Credentials", 204, List.of(allowOrigin, "Access-Control-Allow-Credentials: true",
            "Access-Control-Allow-Headers: content-type"), "POST", List.of("content-type"), true, true),
        Arguments.of("credentials refuse a wildcard origin", 204, List.of("Access-Control-Allow-Origin: *",
            "Access-Control-Allow-Credentials: true", "Access-Control-Allow-Headers: content-type"), "POST", List.of("content-type"),
            true, false),
        Arguments.of("method not allowed", 204, List.of(allowOrigin, "Access-Control-Allow-Methods: GET, POST"), "DELETE", List.of(),
            false, false),
        Arguments.of("a refused status", 403, List.of(allowOrigin, "Access-Control-Allow-Headers: authorization"), "GET",
            List.of("authorization"), false, false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("answers")
  void thePreflightLetsTheCallThroughOnlyWhenTheBrowserWould(String name, int status, List<String> headers, String method,
      List<String> unsafe, boolean credentials, boolean expected) {
    HttpExchange x = Exchanges.https(1, "https://api.example.test/api/me", status, headers.toArray(String[]::new));
    assertThat(FrontendFetch.passes(x, ORIGIN, method, unsafe, credentials)).as(name).isEqualTo(expected);
  }

  static Stream<Arguments> credentialModes() {
    ProbeConfig cookie = ProbeConfig.of(URI.create("https://api.example.test/")).withTopology(null, List.of(), ORIGIN);
    ProbeConfig api = cookie.withTokens(new ProbeConfig.Tokens(List.of("/api/me"), null, null, null, null,
        java.time.Duration.ofSeconds(60), List.of()), null);
    return Stream.of(
        Arguments.of("a cookie session includes", cookie, false, true),
        Arguments.of("a login that answered a token omits", cookie, true, false),
        Arguments.of("--api omits", api, false, false),
        Arguments.of("--credentials include wins over --api", api.withCredentials(ProbeConfig.FetchCredentials.INCLUDE), true, true),
        Arguments.of("--credentials omit wins over a cookie session", cookie.withCredentials(ProbeConfig.FetchCredentials.OMIT), false,
            false));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("credentialModes")
  void theCredentialsModeIsTheFlagElseInferredFromTheFlow(String name, ProbeConfig config, boolean bearer, boolean include) {
    assertThat(FrontendFetch.credentials(config, bearer)).isEqualTo(include);
  }

  @Test
  void theFrontendDrivesTheFlowOnlyWithAJsonLogin() {
    ProbeConfig c = ProbeConfig.of(URI.create("https://api.example.test/")).withTopology(null, List.of(), ORIGIN);
    assertThat(FrontendFetch.drives(c)).isFalse();
    ProbeConfig json = new ProbeConfig(c.base(), "/api/login", "{\"u\":\"{user}\",\"p\":\"{password}\"}", "u", "pw", null,
        null, List.of(), List.of(), null, "POST", 0, ORIGIN, null, null, List.of(), null, false, java.time.Duration.ofMinutes(1), 1,
        null, null, null, ProbeConfig.Tokens.NONE, null, null);
    assertThat(FrontendFetch.drives(json)).isTrue();
    assertThat(FrontendFetch.drives(json.withTopology(null, List.of(), null))).isFalse();
  }

  @Test
  void aFetchWithoutCookiesIsStillInCorsMode() {
    RequestKind.Fetch omit = new RequestKind.Fetch("GET", URI.create(ORIGIN + "/"), RequestKind.Fetch.Mode.CORS, false,
        RequestKind.Referrer.NONE);
    assertThat(omit.cookieContext()).isNull();
    assertThat(omit.fetchMode()).isEqualTo("cors");
  }
}
