package authdoctor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioParserTest {
  private static CookieScenario parse(String text) throws ScenarioException {
    return ScenarioParser.parse(text, "scenario.yaml");
  }

  private static org.assertj.core.api.AbstractThrowableAssert<?, ? extends Throwable> fails(String text) {
    return assertThatThrownBy(() -> parse(text)).isInstanceOf(ScenarioException.class);
  }

  @Test
  void fullYamlScenarioIsRead() throws Exception {
    CookieScenario s =
        parse(
            """
            third_party_cookies: blocked
            steps:
              - response: https://app.example.com/login
                method: POST
                set_cookie:
                  - "sid=abc; Secure; HttpOnly; SameSite=Lax"
                  - "theme=dark"
                date: 2026-11-26T10:00:00Z
              - request: https://api.example.com/me
                context: subresource
                from: https://app.example.com
                after: 3m
            """);
    assertThat(s.thirdPartyCookies()).isEqualTo(ThirdPartyCookies.BLOCKED);
    assertThat(s.steps()).hasSize(2);
    ResponseStep r = (ResponseStep) s.steps().get(0);
    assertThat(r.url()).isEqualTo(URI.create("https://app.example.com/login"));
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.context()).isEqualTo(Context.NAVIGATION);
    assertThat(r.from()).isNull();
    assertThat(r.after()).isEqualTo(Duration.ZERO);
    assertThat(r.setCookie()).containsExactly("sid=abc; Secure; HttpOnly; SameSite=Lax", "theme=dark");
    assertThat(r.date()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    RequestStep q = (RequestStep) s.steps().get(1);
    assertThat(q.url()).isEqualTo(URI.create("https://api.example.com/me"));
    assertThat(q.method()).isEqualTo("GET");
    assertThat(q.context()).isEqualTo(Context.SUBRESOURCE);
    assertThat(q.from()).isEqualTo(URI.create("https://app.example.com"));
    assertThat(q.after()).isEqualTo(Duration.ofMinutes(3));
  }

  @Test
  void jsonIsAccepted() throws Exception {
    CookieScenario s =
        parse(
            """
            {"steps": [{"response": "http://a.test/", "set_cookie": ["a=1"]},
                       {"request": "http://a.test/x", "context": "iframe", "from": "https://b.test/", "after": 1.5}]}
            """);
    assertThat(s.thirdPartyCookies()).isEqualTo(ThirdPartyCookies.ALLOWED);
    RequestStep q = (RequestStep) s.steps().get(1);
    assertThat(q.context()).isEqualTo(Context.IFRAME);
    assertThat(q.from()).isEqualTo(URI.create("https://b.test"));
    assertThat(q.after()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void httpDateIsAccepted() throws Exception {
    ResponseStep r =
        (ResponseStep)
            parse("steps:\n  - response: https://a.test/\n    date: 'Thu, 26 Nov 2026 10:00:00 GMT'\n").steps().get(0);
    assertThat(r.date()).isEqualTo(Instant.parse("2026-11-26T10:00:00Z"));
    assertThat(r.setCookie()).isEmpty();
  }

  @Test
  void singleSetCookieStringIsOneLine() throws Exception {
    ResponseStep r = (ResponseStep) parse("steps: [{response: 'https://a.test/', set_cookie: 'a=1; Path=/'}]").steps().get(0);
    assertThat(r.setCookie()).containsExactly("a=1; Path=/");
  }

  @Test
  void methodCaseIsKept() throws Exception {
    Step s = parse("steps: [{request: 'https://a.test/', method: post}]").steps().get(0);
    assertThat(s.method()).isEqualTo("post");
  }

  @Test
  void unknownKeyNamesKeyAndStep() {
    fails(
            """
            steps:
              - response: https://a.test/
              - request: https://a.test/
              - request: https://a.test/
                contxt: iframe
            """)
        .hasMessage("scenario.yaml: step 3: unknown key 'contxt'");
  }

  @Test
  void unknownTopLevelKey() {
    fails("stepz: []\n").hasMessage("scenario.yaml: unknown key 'stepz'");
  }

  @Test
  void setCookieOnRequestIsUnknown() {
    fails("steps: [{request: 'https://a.test/', set_cookie: ['a=1']}]")
        .hasMessage("scenario.yaml: step 1: unknown key 'set_cookie'");
  }

  @Test
  void badUrl() {
    fails("steps: [{request: 'not a url'}]").hasMessageStartingWith("scenario.yaml: step 1: bad URL in 'request'");
    fails("steps: [{request: 'ftp://a.test/'}]").hasMessageContaining("not an absolute http or https URL");
    fails("steps: [{request: '/relative'}]").hasMessageContaining("not an absolute http or https URL");
    fails("steps: [{request: 'https://bad_host:x/'}]").hasMessageStartingWith("scenario.yaml: step 1: bad URL");
  }

  @Test
  void fromMustBeAnOrigin() {
    fails("steps: [{request: 'https://a.test/', from: 'https://b.test/page'}]")
        .hasMessage("scenario.yaml: step 1: 'from' must be an origin such as https://site.example, not 'https://b.test/page'");
  }

  @Test
  void badContext() {
    fails("steps: [{request: 'https://a.test/', context: frame, from: 'https://b.test'}]")
        .hasMessage("scenario.yaml: step 1: bad context 'frame' (use navigation, subresource or iframe)");
  }

  @Test
  void subresourceNeedsFrom() {
    fails("steps: [{request: 'https://a.test/', context: subresource}]")
        .hasMessageStartingWith("scenario.yaml: step 1: context subresource needs 'from'");
  }

  @Test
  void badDuration() {
    fails("steps: [{request: 'https://a.test/', after: 3 days}]")
        .hasMessageStartingWith("scenario.yaml: step 1: bad duration '3 days'")
        .hasMessageEndingWith("in 'after'");
    fails("steps: [{request: 'https://a.test/', after: -5}]").hasMessageStartingWith("scenario.yaml: step 1: bad duration '-5'");
  }

  @Test
  void badDate() {
    fails("steps: [{response: 'https://a.test/', date: yesterday}]")
        .hasMessageStartingWith("scenario.yaml: step 1: bad date 'yesterday'");
  }

  @Test
  void badThirdPartySetting() {
    fails("third_party_cookies: sometimes\nsteps: [{request: 'https://a.test/'}]")
        .hasMessage("scenario.yaml: bad third_party_cookies 'sometimes' (use allowed or blocked)");
  }

  @Test
  void bothResponseAndRequest() {
    fails("steps: [{response: 'https://a.test/', request: 'https://a.test/'}]")
        .hasMessage("scenario.yaml: step 1: has both 'response' and 'request' (one step is one of them)");
  }

  @Test
  void neitherResponseNorRequest() {
    fails("steps: [{response: 'https://a.test/'}, {method: GET}]")
        .hasMessage("scenario.yaml: step 2: needs 'response' or 'request'");
  }

  @Test
  void badMethod() {
    fails("steps: [{request: 'https://a.test/', method: 'GE T'}]").hasMessage("scenario.yaml: step 1: bad method 'GE T'");
  }

  @Test
  void notYaml() {
    fails("steps: [unclosed\n  - {").hasMessageStartingWith("scenario.yaml: not valid YAML or JSON at line");
    fails("{\"steps\": [}").hasMessageStartingWith("scenario.yaml: not valid YAML or JSON");
  }

  @Test
  void errorsAreOneLine() {
    assertThatThrownBy(() -> parse("steps: [unclosed\n  - {")).satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void wrongShapes() {
    fails("").hasMessage("scenario.yaml: empty file: expected a mapping with 'steps'");
    fails("- a\n- b\n").hasMessage("scenario.yaml: expected a mapping with 'steps' at the top, found a list");
    fails("third_party_cookies: allowed\n").hasMessage("scenario.yaml: missing 'steps'");
    fails("steps: {}\n").hasMessage("scenario.yaml: 'steps' must be a list, found a mapping");
    fails("steps: []\n").hasMessage("scenario.yaml: 'steps' is empty");
    fails("steps: [https://a.test/]\n").hasMessage("scenario.yaml: step 1: expected a mapping with 'response' or 'request', found text");
    fails("steps: [{response: 'https://a.test/', set_cookie: {a: 1}}]")
        .hasMessage("scenario.yaml: step 1: 'set_cookie' must be a list of Set-Cookie lines, found a mapping");
  }

  @Test
  void duplicateKeyIsAnError() {
    fails("steps: [{request: 'https://a.test/', method: GET, method: POST}]").hasMessageContaining("Duplicate field 'method'");
  }

  @Test
  void fileIsReadAndNamedInErrors(@TempDir Path dir) throws Exception {
    Path ok = dir.resolve("login.yaml");
    Files.writeString(ok, "steps: [{request: 'https://a.test/'}]\n");
    assertThat(ScenarioParser.parse(ok).steps()).hasSize(1);
    Path bad = dir.resolve("bad.json");
    Files.writeString(bad, "{\"steps\": [{\"requst\": \"https://a.test/\"}]}");
    assertThatThrownBy(() -> ScenarioParser.parse(bad)).hasMessage("bad.json: step 1: unknown key 'requst'");
    assertThatThrownBy(() -> ScenarioParser.parse(dir.resolve("missing.yaml")))
        .isInstanceOf(ScenarioException.class)
        .hasMessageStartingWith("missing.yaml: cannot read");
    Path binary = dir.resolve("bin.yaml");
    Files.write(binary, new byte[] {(byte) 0xff, (byte) 0xfe, 0x00});
    assertThatThrownBy(() -> ScenarioParser.parse(binary)).hasMessage("bin.yaml: not UTF-8 text");
    assertThat(StandardCharsets.UTF_8).isNotNull();
  }

  @Test
  void toStringHidesSetCookieValues() throws Exception {
    Step s = parse("steps: [{response: 'https://a.test/', set_cookie: ['sid=s3cr3tvalue; Secure']}]").steps().get(0);
    assertThat(s.toString()).doesNotContain("s3cr3tvalue").contains("1 line(s)");
  }

  @Test
  void echoedValuesCannotBreakTheOneLineMessage() {
    fails("steps: [{request: 'https://a.test/', context: \"frame\\nsecond line\"}]")
        .hasMessage("scenario.yaml: step 1: bad context 'frame\\nsecond line' (use navigation, subresource or iframe)");
    fails("steps: [{request: 'https://a.test/', \"x\\ty\": 1}]").hasMessage("scenario.yaml: step 1: unknown key 'x\\ty'");
  }
}
