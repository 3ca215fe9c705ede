package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Severity;
import authdoctor.Unexplained;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import authdoctor.observation.SessionCheck.Verdict;
import authdoctor.testing.TestRedactors;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The decision behind the unexplained report: did the flow visibly fail, where, and does a finding explain it? */
class FailedFlowTest {
  private static final Redactor R = TestRedactors.fixed();
  private static final String BASE = "https://api.example.test";

  private static HttpExchange x(int step, String label, String method, String path, int status) {
    return new HttpExchange(step, label, method, URI.create(BASE + path), List.of(new HeaderField("Host", "api.example.test")),
        status, "http/1.1", status / 100 == 3 ? List.of(new HeaderField("Location", "/again")) : List.of(), "", false,
        Duration.ofMillis(1), null, null);
  }

  private static LoginAttempt login(int step, boolean ok, boolean token) {
    return new LoginAttempt(step, URI.create(BASE + "/login"), "json", ok ? 200 : 401, ok, ok ? "200, no login form" : "answered 401",
        0, List.of(), 0, token);
  }

  private static SessionCheck check(int step, Purpose p, String via, Verdict v) {
    return new SessionCheck(step, p, via, URI.create(BASE + "/api/me"), v == Verdict.LOGGED_IN ? 200 : 401, v, "answered", null, null);
  }

  private static BearerRefusal refusal(int step, @Nullable String error) {
    return new BearerRefusal(step, URI.create(BASE + "/api/me"), 401, error == null ? "Bearer realm=\"api\"" : "Bearer error=\"" + error + "\"",
        error, null, BearerRefusal.Reason.OTHER);
  }

  private static Finding error(Location at) {
    return new Finding("proxy.authorization-stripped", Severity.ERROR, "t",
        List.of(new Evidence("measurement", "s", R.plain("e"), at)), "why", "fix", Map.of());
  }

  private static Finding split(String id, int step) {
    return new Finding(id, Severity.ERROR, "t",
        List.of(new Evidence("measurement", "s", R.plain("e"), new Location.ExchangeRef(step))), "why", "fix", Map.of());
  }

  private static Finding warn(int step) {
    return new Finding("cookie.no-samesite", Severity.WARN, "t",
        List.of(new Evidence("header", "s", R.plain("e"), new Location.ExchangeRef(step))), "why", "fix", Map.of());
  }

  static Stream<Arguments> cases() {
    List<Observation> tokenRefused = List.of(x(1, "login", "POST", "/login", 200), login(1, true, true),
        x(2, "protected /api/me", "GET", "/api/me", 401), check(2, Purpose.PROTECTED, "public", Verdict.LOGGED_OUT), refusal(2, null));
    List<Observation> healthy = List.of(x(1, "login", "POST", "/login", 200), login(1, true, true),
        x(2, "protected /api/me", "GET", "/api/me", 200), check(2, Purpose.PROTECTED, "public", Verdict.LOGGED_IN));
    List<Observation> loginRefused = List.of(x(1, "login", "POST", "/login", 401), login(1, false, false),
        x(2, "protected /api/me", "GET", "/api/me", 401), check(2, Purpose.PROTECTED, "public", Verdict.LOGGED_OUT));
    List<Observation> anonymousOnly = List.of(x(1, "protected /", "GET", "/", 401), check(1, Purpose.PROTECTED, "public", Verdict.LOGGED_OUT));
    List<Observation> loop = new ArrayList<>();
    for (int i = 0; i <= 10; i++) loop.add(x(i + 1, i == 0 ? "login page" : "login page (redirect " + i + ")", "GET", "/", 302));
    List<Observation> signedOutAfterLogin = List.of(x(1, "login", "POST", "/login", 302), login(1, true, false),
        x(3, "protected /dashboard", "GET", "/api/me", 302), check(3, Purpose.PROTECTED, "public", Verdict.LOGGED_OUT),
        x(4, "instance", "GET", "/api/me", 302), check(4, Purpose.INSTANCE, "http://127.0.0.1:1", Verdict.LOGGED_OUT));
    List<Observation> userHeaderRefused = List.of(x(5, "Authorization through the proxy", "GET", "/api/me", 401),
        check(5, Purpose.AUTHORIZATION_PUBLIC, "public", Verdict.LOGGED_OUT));
    return Stream.of(
        Arguments.of("healthy token flow", healthy, List.of(), null),
        Arguments.of("token refused, nothing found", tokenRefused, List.of(), "2 bearer token refused: 401 on GET /api/me"),
        Arguments.of("token refused, only a warning", tokenRefused, List.of(warn(1)), "2 bearer token refused: 401 on GET /api/me"),
        Arguments.of("token refused, error at the step", tokenRefused, List.of(error(new Location.ExchangeRef(2))), null),
        Arguments.of("token refused, error before it", tokenRefused, List.of(error(new Location.ExchangeRef(1))), null),
        Arguments.of("token refused, error only after it", tokenRefused, List.of(error(new Location.ExchangeRef(9))),
            "2 bearer token refused: 401 on GET /api/me"),
        Arguments.of("token refused, a claim explains it", tokenRefused, List.of(error(new Location.ClaimRef("exp"))), null),
        Arguments.of("token refused, a config line explains it", tokenRefused, List.of(error(new Location.FileLine("nginx.conf", 3, 0))), null),
        Arguments.of("login refused", loginRefused, List.of(), "1 login refused: 401 on POST /login"),
        Arguments.of("signed out without a login is no failure", anonymousOnly, List.of(), null),
        Arguments.of("redirect loop", loop, List.of(), "11 redirect loop: 302 on GET /"),
        Arguments.of("signed out after a login; an instance replay is no failure", signedOutAfterLogin, List.of(),
            "3 signed out: 302 on GET /api/me"),
        Arguments.of("the user's own Authorization refused", userHeaderRefused, List.of(), "5 signed out: 401 on GET /api/me"),
        // The public request reached the instance that refuses; the replays to each, later, show the split.
        Arguments.of("signed out, instances disagree later", signedOutAfterLogin, List.of(split("session.secret-mismatch", 4)), null),
        Arguments.of("token refused, instances disagree later", tokenRefused, List.of(split("session.store-not-shared", 9)), null),
        Arguments.of("login refused is not explained by a split", loginRefused, List.of(split("session.store-not-shared", 9)),
            "1 login refused: 401 on POST /login"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void decides(String name, List<Observation> seen, List<Finding> findings, @Nullable String expected) {
    Unexplained u = FailedFlow.decide(new Observations(seen), findings, List.of(), R);
    assertThat(u == null ? null : u.step() + " " + u.what()).as(name).isEqualTo(expected);
  }

  @Test
  void rulesOutTheProxyWhenTheTokenIsRefusedDirectlyTooAndSaysTheChallengeNamesNoReason() {
    List<Observation> seen = List.of(x(1, "login", "POST", "/login", 200), login(1, true, true),
        x(2, "api /api/me", "GET", "/api/me", 401), refusal(2, null),
        x(7, "Authorization direct to the app", "GET", "/api/me", 401), check(7, Purpose.AUTHORIZATION_DIRECT, "http://127.0.0.1:1", Verdict.LOGGED_OUT));
    List<Outcome> outcomes = List.of(new Outcome.Ran("jwt.expired", 0), new Outcome.Ran("cookie.missing", 0),
        new Outcome.NotApplicable("jwt.unknown-kid", "no JwtKeySet observed"));
    Unexplained u = FailedFlow.decide(new Observations(seen), List.of(), outcomes, R);
    assertThat(u).isNotNull();
    assertThat(u.ruledOut()).containsExactly("the proxy (the same token is refused directly too, step 7)",
        "a reason in the refusal (WWW-Authenticate: Bearer realm=\"api\" names none)", "checks that found nothing: jwt.expired");
    assertThat(u.next()).noneMatch(n -> n.startsWith("--direct")).anyMatch(n -> n.contains("step 2"));
    assertThat(u.headline()).isEqualTo("the flow failed at step 2 (bearer token refused: 401 on GET /api/me) and no known cause matched");
  }

  @Test
  void suggestsDirectWhenTheRunHadNone() {
    List<Observation> seen = List.of(x(1, "login", "POST", "/login", 200), login(1, true, true), x(2, "api", "GET", "/api/me", 401),
        refusal(2, "invalid_token"));
    Unexplained u = FailedFlow.decide(new Observations(seen), List.of(), List.of(), R);
    assertThat(u).isNotNull();
    assertThat(u.next().get(0)).startsWith("--direct URL");
    assertThat(u.ruledOut()).isEmpty();
  }
}
