package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CookieCommandTest {
  private static final String CANARY = "canary-cookie-value-93b1";
  private static final String NOW = "2026-11-26T10:00:00Z";

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }
  }

  static Run runWithStdin(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 1];
    full[0] = "cookie";
    System.arraycopy(args, 0, full, 1, args.length);
    int code = Main.run(full, stdin, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static Run run(String... args) {
    return runWithStdin("", args);
  }

  @Test
  void sameSiteNoneWithoutSecureIsRejectedWithReasonIdAndFix() throws Exception {
    Run r = run("sid=" + CANARY + "; Path=/; SameSite=None", "--url", "https://app.example.com/login", "--format", "json", "--now", NOW);
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = r.json();
    assertThat(root.get("schema").asText()).isEqualTo("authdoctor/1");
    assertThat(root.get("command").asText()).isEqualTo("cookie");
    JsonNode f = root.get("findings").get(0);
    assertThat(f.get("id").asText()).isEqualTo("cookie.samesite-none-insecure");
    assertThat(f.get("fix").asText()).contains("Secure");
    JsonNode c = root.get("steps").get(0).get("cookies").get(0);
    assertThat(root.get("steps").get(0).get("kind").asText()).isEqualTo("response");
    assertThat(c.get("name").asText()).isEqualTo("sid");
    assertThat(c.get("stored").asBoolean()).isFalse();
    assertThat(c.get("deleted").isNull()).isTrue();
    assertThat(c.get("reasons").get(0).asText()).isEqualTo("EXCLUDE_SAMESITE_NONE_INSECURE");
    assertThat(c.get("reason").asText()).isEqualTo("EXCLUDE_SAMESITE_NONE_INSECURE");
    assertThat(c.get("finding").asText()).isEqualTo("cookie.samesite-none-insecure");
    assertThat(r.out()).doesNotContain(CANARY);
  }

  @Test
  void healthyCookieStoredAndSentExitsZero() throws Exception {
    Run r = run("sid=" + CANARY + "; Path=/; Secure; HttpOnly; SameSite=Lax", "--url", "https://app.example.com/login",
        "--request", "https://app.example.com/dashboard", "--format", "json", "--now", NOW);
    assertThat(r.code()).isZero();
    JsonNode req = r.json().get("steps").get(1);
    assertThat(req.get("kind").asText()).isEqualTo("request");
    assertThat(req.get("method").asText()).isEqualTo("GET");
    assertThat(req.get("context").asText()).isEqualTo("navigation");
    assertThat(req.get("cookies").get(0).get("sent").asBoolean()).isTrue();
    assertThat(req.get("cookie_header").asText()).startsWith("sid=‹redacted").doesNotContain(CANARY);
    assertThat(r.json().get("findings")).isEmpty();
  }

  @Test
  void eachRequestTakesTheOptionsThatFollowIt() throws Exception {
    Run r = run("sid=x1; Path=/; Secure; HttpOnly; SameSite=Lax", "--url", "https://app.example.com/login",
        "--request", "https://app.example.com/a",
        "--request", "https://app.example.com/cb", "--method", "POST", "--from", "https://idp.example.net",
        "--format", "json", "--now", NOW);
    JsonNode steps = r.json().get("steps");
    assertThat(steps.get(1).get("cookies").get(0).get("sent").asBoolean()).isTrue();
    assertThat(steps.get(2).get("method").asText()).isEqualTo("POST");
    assertThat(steps.get(2).get("from").asText()).isEqualTo("https://idp.example.net");
    assertThat(steps.get(2).get("cookies").get(0).get("sent").asBoolean()).isFalse();
    assertThat(steps.get(2).get("cookies").get(0).get("finding").asText()).isEqualTo("cookie.samesite-blocks-flow");
    assertThat(r.code()).isEqualTo(1);
  }

  @Test
  void laxByDefaultCookieIsSentOnCrossSitePostOnlyWithinTwoMinutes() throws Exception {
    String[] base = {"sid=x1; Path=/; Secure; HttpOnly", "--url", "https://app.example.com/login", "--format", "json", "--now", NOW,
        "--request", "https://app.example.com/cb", "--method", "POST", "--from", "https://idp.example.net", "--after"};
    JsonNode fresh = run(concat(base, "90s")).json().get("steps").get(1).get("cookies").get(0);
    JsonNode stale = run(concat(base, "3m")).json().get("steps").get(1).get("cookies").get(0);
    assertThat(fresh.get("sent").asBoolean()).isTrue();
    assertThat(stale.get("sent").asBoolean()).isFalse();
    assertThat(stale.get("reason").asText()).isEqualTo("EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX");
  }

  private static String[] concat(String[] a, String b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }

  @Test
  void stdinTakesEverySetCookieLineOfRawHeaders() throws Exception {
    String headers = "HTTP/2 302\r\nlocation: /dashboard\r\nset-cookie: a=" + CANARY + "; Path=/; Secure; HttpOnly; SameSite=Lax\r\n"
        + "Set-Cookie: b=2; Path=/; SameSite=None\r\ncontent-length: 0\r\n\r\n";
    Run r = runWithStdin(headers, "-", "--url", "https://app.example.com/login", "--format", "json", "--now", NOW);
    JsonNode cookies = r.json().get("steps").get(0).get("cookies");
    assertThat(cookies).hasSize(2);
    assertThat(cookies.get(0).get("stored").asBoolean()).isTrue();
    assertThat(cookies.get(1).get("finding").asText()).isEqualTo("cookie.samesite-none-insecure");
    assertThat(r.out() + r.err()).doesNotContain(CANARY);
  }

  @Test
  void stdinWithoutSetCookieIsAnInputError() {
    Run r = runWithStdin("HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n", "-", "--url", "https://app.example.com/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("authdoctor: stdin has no 'Set-Cookie:' line").hasLineCount(1);
  }

  @Test
  void overlongStdinLineIsAnInputError() {
    Run r = runWithStdin("Set-Cookie: a=" + "x".repeat(70_000) + "\n", "-", "--url", "https://app.example.com/");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("stdin line 1").contains("64 kB");
  }

  @Test
  void malformedUrlAndMissingUrlAreInputErrors() {
    assertThat(run("a=1", "--url", "not a url").err()).startsWith("authdoctor: --url 'not a url'");
    assertThat(run("a=1", "--url", "ftp://x/").code()).isEqualTo(2);
    Run r = run("a=1");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--url is required");
  }

  @Test
  void browserRefusalIsAFindingNotAnInputError() throws Exception {
    Run r = run("=", "--url", "https://app.example.com/", "--format", "json", "--now", NOW);
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.json().get("findings").get(0).get("id").asText()).isEqualTo("cookie.no-content");
  }

  @Test
  void deletionSemanticsFollowNameDomainAndPath(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("logout.yaml");
    Files.writeString(file, """
        steps:
          - response: https://app.example.com/login
            method: POST
            set_cookie: ["sid=x1; Path=/; Secure; HttpOnly; SameSite=Lax", "pref=1; Path=/; Secure; HttpOnly; SameSite=Lax"]
          - response: https://app.example.com/account/logout
            method: POST
            set_cookie: ["sid=; Path=/account; Max-Age=0; Secure", "pref=; Path=/; Max-Age=0; Secure", "ghost=; Path=/; Max-Age=0; Secure"]
          - request: https://app.example.com/dashboard
        """);
    Run r = run("--scenario", file.toString(), "--format", "json", "--now", NOW);
    JsonNode logout = r.json().get("steps").get(1).get("cookies");
    assertThat(logout.get(0).get("deleted").asBoolean()).isFalse();
    assertThat(logout.get(0).get("finding").asText()).isEqualTo("session.logout-cookie-not-cleared");
    assertThat(logout.get(1).get("deleted").asBoolean()).isTrue();
    assertThat(logout.get(1).get("finding").isNull()).isTrue();
    assertThat(logout.get(2).get("finding").asText()).isEqualTo("cookie.expired-on-arrival");
    JsonNode after = r.json().get("steps").get(2).get("cookies");
    assertThat(after).hasSize(1);
    assertThat(after.get(0).get("name").asText()).isEqualTo("sid");
    assertThat(after.get(0).get("sent").asBoolean()).isTrue();
  }

  @Test
  void scenarioWithUnknownKeyNamesTheKeyAndStep(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("bad.yaml");
    Files.writeString(file, "steps:\n  - response: https://a.example.com/\n    set_cookie: [\"a=1\"]\n  - request: https://a.example.com/\n    contxt: iframe\n");
    Run r = run("--scenario", file.toString());
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("step 2").contains("contxt").hasLineCount(1);
  }

  @Test
  void thirdPartyCookieBlockedInEmbeddedContext() throws Exception {
    Run r = run("sid=x1; Path=/; Secure; HttpOnly; SameSite=None", "--url", "https://widget.vendor.example/login",
        "--third-party-cookies", "blocked",
        "--request", "https://widget.vendor.example/api", "--context", "subresource", "--from", "https://shop.example.com",
        "--format", "json", "--now", NOW);
    JsonNode c = r.json().get("steps").get(1).get("cookies").get(0);
    assertThat(c.get("sent").asBoolean()).isFalse();
    assertThat(c.get("reasons").toString()).contains("EXCLUDE_USER_PREFERENCES");
    assertThat(c.get("finding").asText()).isEqualTo("cookie.third-party-context");
  }

  @Test
  void textReportPutsTheRootCauseFirstAndNeverShowsTheValue() {
    Run r = run("sid=" + CANARY + "; Path=/; SameSite=None", "--url", "https://app.example.com/login", "--now", NOW);
    assertThat(r.out()).contains("ERROR  cookie.samesite-none-insecure").contains("Trace").doesNotContain(CANARY);
    assertThat(r.out().indexOf("cookie.samesite-none-insecure")).isLessThan(r.out().indexOf("Trace"));
  }

  static Run runWithEnv(java.util.Map<String, String> env, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] full = new String[args.length + 1];
    full[0] = "cookie";
    System.arraycopy(args, 0, full, 1, args.length);
    Io io = new Io(java.io.InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), env, false);
    int code = Main.run(full, io);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void browserWithoutChromiumSaysHowToInstallItAndExitsTwo() {
    Run r = runWithEnv(java.util.Map.of("AUTHDOCTOR_CHROMIUM", "/nonexistent/chromium"),
        "sid=" + CANARY + "; Secure", "--url", "https://app.example.com/", "--browser", "chromium", "--now", NOW);
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("apt-get install chromium").hasLineCount(1);
    assertThat(r.out()).isEmpty();
  }

  @Test
  void browserThatFailsToStartIsOneLineAndExitThree() {
    // /bin/false stands in for a Chromium that crashes at start.
    Run r = runWithEnv(java.util.Map.of("AUTHDOCTOR_CHROMIUM", "/bin/false"),
        "sid=" + CANARY + "; Secure", "--url", "https://app.example.com/", "--browser", "chromium", "--now", NOW);
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.err()).startsWith("authdoctor: the browser failed:").hasLineCount(1).doesNotContain(CANARY);
  }

  @Test
  void onlyChromiumIsABrowser() {
    Run r = run("sid=1", "--url", "https://app.example.com/", "--browser", "firefox");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--browser 'firefox': only chromium is supported").hasLineCount(1);
  }

  @Test
  void subresourceNeedsTheEmbeddingPage() {
    Run r = run("a=1", "--url", "https://a.example.com/", "--request", "https://a.example.com/x", "--context", "subresource");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--from is required for context subresource");
  }
}
