package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.SessionCheck;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The probe's small judgements, one table each: signed in?, which CSRF refusal, where the token is. */
class ProbeHeuristicsTest {
  private static final Redactor REDACTOR = new Redactor("k".repeat(32).getBytes(StandardCharsets.UTF_8));
  private static final URI LOGIN = URI.create("https://app.example.com/login");
  private static final String FORM = "<form method=post><input name=username><input type=password name=password></form>";

  private static HttpExchange answer(int status, String location, String body) {
    List<HeaderField> h = location.isEmpty() ? List.of() : List.of(new HeaderField("Location", location));
    return new HttpExchange(1, "protected", "GET", URI.create("https://app.example.com/dashboard"), List.of(), status,
        "http/1.1", h, body, false, Duration.ZERO, null, null);
  }

  @ParameterizedTest(name = "{0} {1} {2} → {3}")
  @CsvSource(delimiter = '|', value = {
      "200 |               | <h1>Dashboard</h1> | LOGGED_IN  | 200, no login form",
      "200 |               | FORM               | LOGGED_OUT | 200 with the login form",
      "401 |               |                    | LOGGED_OUT | answered 401",
      "403 |               |                    | LOGGED_OUT | answered 403",
      "302 | /login        |                    | LOGGED_OUT | 302 to the login page /login",
      "302 | /login/       |                    | LOGGED_OUT | 302 to the login page /login/",
      "303 | /auth/signin  |                    | LOGGED_OUT | 303 to the login page /auth/signin",
      "302 | /home         |                    | UNKNOWN    | 302 to /home",
      "500 |               |                    | UNKNOWN    | answered 500"})
  void aProtectedPageIsSignedInUnlessItSaysOtherwise(int status, String location, String body, SessionCheck.Verdict verdict,
      String reason) {
    SignedIn.Verdict v = SignedIn.page(answer(status, location == null ? "" : location,
        "FORM".equals(body) ? FORM : body == null ? "" : body), LOGIN, REDACTOR);
    assertThat(v.verdict()).isEqualTo(verdict);
    assertThat(v.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0} {1} → {2}")
  @CsvSource(delimiter = '|', value = {
      "302 | /dashboard          | true  | 302 to /dashboard",
      "302 | /login              | false | 302 back to the login page /login",
      "302 | /login?error=1      | false | 302 back to the login page /login",
      "302 | /x?status=invalid   | false | 302 back to the login page /x",
      "302 | javascript:x?error  | false | 302 to a javascript: URL, which a browser does not follow",
      "302 | file:///etc/passwd  | false | 302 to a file: URL, which a browser does not follow",
      "200 | FORM                | false | 200 with the login form again",
      "200 | {}                  | true  | 200, no login form",
      "422 |                     | false | answered 422",
      "419 |                     | false | answered 419"})
  void theLoginTookWhenItLeavesTheLoginPage(int status, String where, boolean succeeded, String reason) {
    String w = where == null ? "" : where;
    boolean redirect = status / 100 == 3;
    HttpExchange x = answer(status, redirect ? w : "", redirect ? "" : "FORM".equals(w) ? FORM : w);
    SignedIn.Outcome o = SignedIn.login(x, LOGIN, REDACTOR);
    assertThat(o.succeeded()).isEqualTo(succeeded);
    assertThat(o.reason()).isEqualTo(reason);
  }

  @ParameterizedTest(name = "{0}: {1} → {2}")
  @CsvSource(delimiter = '|', value = {
      "403 | <h1>Forbidden (403)</h1><p>CSRF verification failed. Request aborted.</p><p>Origin checking failed - https://evil.example does not match any trusted origins.</p> | ORIGIN | Origin checking failed - https://evil.example does not match any trusted origins.",
      "403 | CSRF verification failed. CSRF cookie not set.                     | TOKEN       | CSRF verification failed. CSRF cookie not set.",
      "400 | <p>The CSRF token is missing.</p>                                   | TOKEN       | The CSRF token is missing.",
      "403 | ForbiddenError: invalid csrf token                                  | TOKEN       | ForbiddenError: invalid csrf token",
      "403 | Invalid CSRF Token 'null' was found                                 | TOKEN       | Invalid CSRF Token 'null' was found",
      "419 | Page Expired                                                        | TOKEN       | Page Expired",
      "403 | Origin https://a.example is not allowed                             | ORIGIN      | ",
      "403 | Cross-site POST form submissions are forbidden                      | ORIGIN      | Cross-site POST form submissions are forbidden",
      "403 | csrf failure                                                        | UNSPECIFIED | csrf failure",
      "419 | nothing to see                                                      | UNSPECIFIED | ",
      "403 | You do not have access                                              | NONE        | ",
      "200 | invalid csrf token                                                  | NONE        | "})
  void aRefusalIsReadFromTheFrameworksWords(int status, String body, CsrfAttempt.Refusal refusal, String said) {
    assertThat(CsrfRefusals.of(status, body)).isEqualTo(refusal);
    assertThat(CsrfRefusals.serverSaid(status, body)).isEqualTo(said);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "django form      | csrfmiddlewaretoken=f1 |                      | csrftoken=c1  | hidden input csrfmiddlewaretoken | csrfmiddlewaretoken | X-CSRFToken  | f1",
      "django cookie    |                        |                      | csrftoken=c1  | cookie csrftoken                 | csrfmiddlewaretoken | X-CSRFToken  | c1",
      "flask-wtf        | csrf_token=f2          |                      |               | hidden input csrf_token          | csrf_token          | X-CSRFToken  | f2",
      "csurf            | _csrf=f3               |                      |               | hidden input _csrf               | _csrf               | X-CSRF-Token | f3",
      "rails form       | authenticity_token=f4  |                      |               | hidden input authenticity_token  | authenticity_token  |              | f4",
      "rails meta       |                        | csrf-token=m1        |               | meta csrf-token                  |                     | X-CSRF-Token | m1",
      "spring meta      |                        | _csrf=m2,_csrf_header=X-CSRF-TOKEN |  | meta _csrf                  | _csrf               | X-CSRF-TOKEN | m2",
      "double submit    |                        |                      | XSRF-TOKEN=c2 | cookie XSRF-TOKEN                |                     | X-XSRF-TOKEN | c2",
      "laravel form     | _token=f5              |                      | XSRF-TOKEN=c3 | hidden input _token              | _token              | X-XSRF-TOKEN | f5",
      "nothing          | next=/home             |                      |               |                                  |                     |              | "})
  void theTokenIsFoundWhereTheFrameworkPutsIt(String name, String hidden, String metas, String cookies, String source,
      String field, String header, String value) {
    StringBuilder form = new StringBuilder("<form method=post><input name=username><input type=password name=password>");
    for (Map.Entry<String, String> e : pairs(hidden).entrySet()) {
      form.append("<input type=hidden name=").append(e.getKey()).append(" value=").append(e.getValue()).append(">");
    }
    Optional<Html.Form> f = Html.loginForm(form.append("</form>").toString());
    CsrfTokens.Token t = CsrfTokens.find(f, pairs(metas), pairs(cookies));
    assertThat(t.source()).isEqualTo(source);
    assertThat(t.field()).isEqualTo(field);
    assertThat(t.header()).isEqualTo(header);
    assertThat(t.value()).isEqualTo(value);
  }

  @ParameterizedTest(name = "{0} → {1}")
  @CsvSource(delimiter = '|', value = {
      "csrftoken=a; sessionid=b                 | sessionid",
      "session=a; JSESSIONID=b                  | JSESSIONID",
      "_shop_session=a; XSRF-TOKEN=b            | _shop_session",
      "theme=dark; PHPSESSID=b                  | PHPSESSID",
      "theme=dark; my_auth=b                    | my_auth",
      "XSRF-TOKEN=a; theme=dark                 | theme",
      "csrftoken=a                              | ",
      "''                                       | "})
  void theSessionCookieIsAFrameworksNameElseOneThatSaysSession(String header, String name) {
    var e = SessionCookies.of(header);
    assertThat(e == null ? null : e.getKey()).isEqualTo(name);
  }

  @ParameterizedTest(name = "{0} @ {1} → {2}")
  @CsvSource(delimiter = '|', value = {
      "{\"access_token\":\"abcdefgh123\",\"token_type\":\"Bearer\"} |            | abcdefgh123",
      "{\"data\":{\"jwt\":\"eyJabc.def.ghi\"}}                      |            | eyJabc.def.ghi",
      "{\"token\":\"short\"}                                        |            | ",
      "{\"result\":{\"bearer\":\"xyz12345678\"}}                    | result.bearer | xyz12345678",
      "{\"result\":{\"bearer\":\"\"}}                               | result.bearer | ",
      "not json                                                     | result.bearer | "})
  void aLoginAnswersATokenAtThePathOrUnderAUsualName(String body, String path, String token) {
    List<String> p = path == null ? List.of() : List.of(path.split("\\."));
    assertThat(BearerTokens.in(body, p)).isEqualTo(token);
  }

  private static Map<String, String> pairs(String s) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    if (s == null) return m;
    for (String kv : s.split(",")) {
      int eq = kv.indexOf('=');
      if (eq > 0) m.put(kv.substring(0, eq).strip(), kv.substring(eq + 1).strip());
    }
    return m;
  }
}
