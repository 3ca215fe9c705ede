package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code authdoctor har} end to end through {@link Main#run} over the hand-made recordings of {@code
 * src/test/resources/har} (each scenario in Chromium's, Firefox's and Safari's layout): the lost entry, its cause, the
 * kind, the finding ids and the exit code of {@code expected.json}; bad files; a sanitized export.
 */
class HarCommandTest {
  private static final Path DIR = Path.of("src/test/resources/har");
  private static final ObjectMapper JSON = new ObjectMapper();

  record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return JSON.readTree(out);
    }
  }

  static Run run(String... args) {
    return run(new byte[0], args);
  }

  static Run run(byte[] stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(new ByteArrayInputStream(stdin), new PrintWriter(out), new PrintWriter(err), Map.of(), false);
    int code = Main.run(args, io);
    return new Run(code, out.toString(), err.toString());
  }

  @TestFactory
  Stream<DynamicTest> eachRecordingIsDiagnosedInEveryLayout() throws Exception {
    JsonNode expected = JSON.readTree(DIR.resolve("expected.json").toFile());
    List<DynamicTest> tests = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      for (String layout : List.of("chrome", "firefox", "safari")) {
        Path file = DIR.resolve(layout + "-" + e.getKey() + ".har");
        tests.add(DynamicTest.dynamicTest(layout + "-" + e.getKey(), () -> check(file, e.getValue())));
      }
    }
    return tests.stream();
  }

  private static void check(Path file, JsonNode want) throws Exception {
    Run r = run("har", file.toString(), "--format", "json");
    assertThat(r.err()).as(file + " stderr").isEmpty();
    assertThat(r.code()).as(file + " exit").isEqualTo(want.get("exit").asInt());
    JsonNode json = r.json();
    JsonNode lost = json.get("lost");
    if (want.get("lost").isNull()) {
      assertThat(lost.isNull()).as(file + " lost").isTrue();
      assertThat(errors(json)).as(file + " errors").isEmpty();
    } else {
      assertThat(lost.get("entry").asInt()).as(file + " lost.entry").isEqualTo(want.get("lost").get(0).asInt());
      assertThat(lost.get("cause_entry").isNull() ? null : lost.get("cause_entry").asInt()).as(file + " lost.cause_entry")
          .isEqualTo(want.get("lost").get(1).isNull() ? null : want.get("lost").get(1).asInt());
      assertThat(lost.get("kind").asText()).as(file + " lost.kind").isEqualTo(want.get("lost").get(2).asText());
    }
    List<String> ids = new ArrayList<>();
    for (String id : errors(json)) ids.add(id);
    List<String> wanted = new ArrayList<>();
    want.get("ids").forEach(n -> wanted.add(n.asText()));
    assertThat(ids).as(file + " error ids").containsExactlyInAnyOrderElementsOf(wanted);
    for (JsonNode f : json.get("findings")) {
      for (JsonNode ev : f.get("evidence")) {
        JsonNode loc = ev.get("location");
        assertThat(loc.isNull() || loc.has("har_entry") || loc.has("claim")).as(file + " " + f.get("id") + " location " + loc).isTrue();
      }
    }
    assertThat(json.get("unexplained").isNull()).as(file + " unexplained").isEqualTo(!want.get("lost").isNull()
        ? !want.get("lost").get(1).isNull() : true);
  }

  private static List<String> errors(JsonNode json) {
    List<String> out = new ArrayList<>();
    for (JsonNode f : json.get("findings")) if (f.get("severity").asText().equals("error")) out.add(f.get("id").asText());
    return out;
  }

  @Test
  void aSanitizedExportSaysWhatItCannotDecideAndGuessesNoCookieVerdict() throws Exception {
    Run r = run("har", DIR.resolve("chrome-never-established-samesite-none.sanitized.har").toString(), "--format", "json");
    assertThat(r.code()).isEqualTo(3);
    JsonNode json = r.json();
    assertThat(errors(json)).isEmpty();
    List<String> ids = new ArrayList<>();
    json.get("findings").forEach(f -> ids.add(f.get("id").asText()));
    assertThat(ids).contains("har.sanitized").noneMatch(id -> id.startsWith("cookie."));
    assertThat(json.get("lost").get("entry").asInt()).isEqualTo(2);
    assertThat(json.get("lost").get("cause_entry").isNull()).isTrue();
    assertThat(json.get("unexplained").get("ruled_out").toString()).contains("sanitized");
  }

  @Test
  void theTextReportLeadsWithTheLossThenTheTimelineWithTheEntryMarked() {
    Run r = run("har", DIR.resolve("chrome-never-established-samesite-none.har").toString());
    assertThat(r.code()).isEqualTo(1);
    String[] lines = r.out().split("\n");
    assertThat(lines[1]).startsWith("✗ session lost at HAR entry 2 (session-never-established)");
    assertThat(r.out()).contains("ERROR  cookie.samesite-none-insecure");
    assertThat(r.out().indexOf("ERROR")).isLessThan(r.out().indexOf("Trace"));
    assertThat(r.out()).containsPattern("  2\\. GET https://app.example.com/dashboard → 302 \\[document\\] ◀ SESSION LOST");
    assertThat(r.out()).containsPattern("  1\\. POST https://app.example.com/login → 302 \\[document\\] ◀ cause");
  }

  @Test
  void anUnexplainedLossNamesTheEntryAndTheServerSideRunsToTry() throws Exception {
    Run r = run("har", DIR.resolve("firefox-unexplained-server-forgot.har").toString());
    assertThat(r.code()).isEqualTo(3);
    assertThat(r.out()).contains("the flow failed at HAR entry 3").contains("--instance").contains("--store");
    assertThat(r.out()).contains("still carried the session cookie session");
  }

  @Test
  void noSecretOfTheRecordingReachesAnyFormat() {
    for (String f : List.of("chrome-never-established-samesite-none.har", "firefox-token-rejected-expired.har",
        "chrome-survives-logout.har", "firefox-login-failed-csrf-origin.har", "chrome-foreign-session-cached.har")) {
      for (String format : List.of("text", "json", "sarif", "junit", "markdown", "html")) {
        Run r = run("har", DIR.resolve(f).toString(), "--format", format);
        assertThat(r.out() + r.err()).as(f + " " + format).doesNotContain("CANARY").isNotBlank();
      }
    }
  }

  @Test
  void badFilesAreOneLineNamingWhereAndExit2(@TempDir Path tmp) throws Exception {
    Map<String, String> cases = new java.util.LinkedHashMap<>();
    cases.put("hello", "not valid JSON at line 1");
    cases.put("", "not a HAR file: it is empty");
    cases.put("[1, 2]", "not a HAR file: the top level is not a JSON object");
    cases.put("{\"log\": {\"version\": \"1.2\"}}", "log.entries: missing");
    cases.put("{\"nolog\": 1}", "no \"log\" object");
    cases.put("{\"log\": {\"entries\": {}}}", "log.entries: not an array");
    String entry = "{\"startedDateTime\": \"2026-11-26T10:00:00Z\", \"request\": {\"method\": \"GET\", \"url\": \"https://a.example/\","
        + " \"headers\": []}, \"response\": {\"status\": 200, \"headers\": []}}";
    cases.put("{\"log\": {\"entries\": [" + entry + ", " + entry.replace("\"url\": \"https://a.example/\",", "") + "]}}",
        "log.entries[1].request.url: missing");
    cases.put("{\"log\": {\"entries\": [" + entry.replace("\"status\": 200, ", "") + "]}}", "log.entries[0].response.status: missing");
    cases.put("{\"log\": {\"entries\": [" + entry.replace("\"startedDateTime\": \"2026-11-26T10:00:00Z\", ", "") + "]}}",
        "log.entries[0].startedDateTime: missing");
    cases.put("{\"log\": {\"entries\": [" + entry.replace("2026-11-26T10:00:00Z", "yesterday") + "]}}",
        "log.entries[0].startedDateTime: not an ISO 8601 date-time");
    cases.put("{\"log\": {\"entries\": [" + entry + ", " + entry.substring(0, 60), "truncated: the file ends inside log.entries[1]");
    int i = 0;
    for (Map.Entry<String, String> c : cases.entrySet()) {
      Path f = tmp.resolve("case" + i++ + ".har");
      Files.writeString(f, c.getKey(), StandardCharsets.UTF_8);
      Run r = run("har", f.toString());
      assertThat(r.code()).as(c.getValue()).isEqualTo(2);
      assertThat(r.err().strip()).as(c.getValue()).contains(c.getValue()).doesNotContain("\n").doesNotContain("Exception");
    }
    Run missing = run("har", tmp.resolve("absent.har").toString());
    assertThat(missing.code()).isEqualTo(2);
    assertThat(missing.err()).contains("no such file");
  }

  @Test
  void theSanitizedCopyHoldsNoSecretKeepsTokenClaimsAndReachesTheSameDiagnosis(@TempDir Path tmp) throws Exception {
    for (String name : List.of("chrome-never-established-samesite-none", "firefox-survives-logout", "chrome-token-rejected-expired",
        "firefox-login-failed-csrf-origin", "chrome-foreign-session-cached", "firefox-unexplained-server-forgot")) {
      Path copy = tmp.resolve(name + ".safe.har");
      Run original = run("har", DIR.resolve(name + ".har").toString(), "--format", "json", "--sanitize", copy.toString());
      assertThat(original.err()).as(name).contains("wrote " + copy).contains("secret values replaced");
      String text = Files.readString(copy);
      assertThat(text).as(name).doesNotContain("CANARY");
      Run again = run("har", copy.toString(), "--format", "json");
      assertThat(again.code()).as(name).isEqualTo(original.code());
      assertThat(again.json().get("lost")).as(name).isEqualTo(original.json().get("lost"));
      assertThat(ids(again.json())).as(name).isEqualTo(ids(original.json()));
    }
    String token = Files.readString(tmp.resolve("chrome-token-rejected-expired.safe.har"));
    // the header and claims stay readable (base64url JSON), the signature is a fingerprint
    assertThat(token).contains("Bearer eyJhbGciOiJSUzI1NiIsImtpZCI6ImsxIiwidHlwIjoiSldUIn0.eyJ").containsPattern("\\.redacted[0-9a-f]{8}\"");
  }

  @Test
  void whereTheRecordingDiffersFromTheModelTheTimelineSaysSo() throws Exception {
    JsonNode healthy = run("har", DIR.resolve("chrome-healthy-script-cookie.har").toString(), "--format", "json").json();
    assertThat(healthy.get("steps").get(2).get("differences").toString())
        .contains("cookie theme: sent, but not set by any earlier response of the recording");
    Run withheld = run("har", DIR.resolve("firefox-unexplained-browser-withheld.har").toString(), "--format", "json");
    JsonNode json = withheld.json();
    JsonNode lostStep = null;
    for (JsonNode st : json.get("steps")) if (st.get("entry").asInt() == 3) lostStep = st;
    assertThat(lostStep.get("differences").toString()).contains("cookie session: the model sends it, the recording does not");
    assertThat(json.get("unexplained").get("next").get(0).asText()).contains("HAR entry 3").contains("cookie session");
  }

  @Test
  void aRecordingOnStdinIsReadToo() throws Exception {
    Run r = run(Files.readAllBytes(DIR.resolve("firefox-token-rejected-expired.har")), "har", "-", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.json().get("target").asText()).isEqualTo("(stdin)");
    assertThat(r.json().get("lost").get("kind").asText()).isEqualTo("token-rejected");
    Run sanitize = run(new byte[0], "har", "-", "--sanitize", "out.har");
    assertThat(sanitize.code()).isEqualTo(2);
    assertThat(sanitize.err()).contains("--sanitize reads FILE twice");
  }

  /** One Chromium-layout entry answered with a redirect: its headers as listed and its bytes on the wire. */
  private static String redirect(int second, String method, String url, int status, String location, int transferSize,
      String postData) {
    String post = postData.isEmpty() ? "" : ",\"postData\":{\"mimeType\":\"application/x-www-form-urlencoded\",\"text\":\""
        + postData + "\"}";
    return "{\"startedDateTime\":\"2026-01-05T10:00:" + (10 + second) + ".000Z\",\"time\":5,\"_resourceType\":\"document\","
        + "\"request\":{\"method\":\"" + method + "\",\"url\":\"" + url + "\",\"httpVersion\":\"h2\",\"headers\":["
        + "{\"name\":\"sec-fetch-mode\",\"value\":\"navigate\"},{\"name\":\"sec-fetch-dest\",\"value\":\"document\"}],"
        + "\"cookies\":[]" + post + "},\"response\":{\"status\":" + status + ",\"httpVersion\":\"h2\",\"headers\":["
        + "{\"name\":\"content-type\",\"value\":\"text/html; charset=utf-8\"},"
        + "{\"name\":\"date\",\"value\":\"Mon, 05 Jan 2026 10:00:10 GMT\"},"
        + "{\"name\":\"location\",\"value\":\"" + location + "\"}],\"cookies\":[],\"redirectURL\":\"" + location
        + "\",\"content\":{\"size\":0,\"mimeType\":\"text/html\"},\"_transferSize\":" + transferSize + "}}";
  }

  private static Path har(Path dir, List<String> entries) throws Exception {
    Path file = dir.resolve("recording.har");
    Files.writeString(file, "{\"log\":{\"version\":\"1.2\",\"creator\":{\"name\":\"WebInspector\",\"version\":\"537.36\"},"
        + "\"entries\":[" + String.join(",", entries) + "]}}", StandardCharsets.UTF_8);
    return file;
  }

  private static String page(int second, String url, String body) {
    return "{\"startedDateTime\":\"2026-01-05T10:00:" + (10 + second) + ".000Z\",\"time\":5,\"_resourceType\":\"document\","
        + "\"request\":{\"method\":\"GET\",\"url\":\"" + url + "\",\"httpVersion\":\"h2\",\"headers\":[],\"cookies\":[]},"
        + "\"response\":{\"status\":200,\"httpVersion\":\"h2\",\"headers\":[{\"name\":\"content-type\",\"value\":\"text/html\"}],"
        + "\"cookies\":[],\"redirectURL\":\"\",\"content\":{\"size\":" + body.length() + ",\"mimeType\":\"text/html\",\"text\":\""
        + body + "\"},\"_transferSize\":300}}";
  }

  private static final String LOGIN_FORM = "<form method=post action=/login><input name=username>"
      + "<input type=password name=password></form>";

  /** A login answered 303 whose bytes on the wire its listed headers account for, then bounced: it set no cookie. */
  private static List<String> loginWithoutCookie(int loginBytes) {
    return List.of(page(0, "https://app.example.com/login", LOGIN_FORM),
        redirect(1, "POST", "https://app.example.com/login", 303, "/dashboard", loginBytes, "username=alice&password=hunter2x"),
        redirect(2, "GET", "https://app.example.com/dashboard", 302, "/login", 60, ""),
        page(3, "https://app.example.com/login", LOGIN_FORM));
  }

  @Test
  void aLoginRedirectMeasuredWholeSetNoCookieWhereOneWithBytesLeftOutIsASanitizedExport(@TempDir Path tmp) throws Exception {
    Run whole = run("har", har(tmp, loginWithoutCookie(60)).toString(), "--format", "json");
    assertThat(ids(whole.json())).as(whole.out()).contains("cookie.missing").doesNotContain("har.sanitized");
    assertThat(whole.json().get("lost").get("entry").asInt()).isEqualTo(2);
    assertThat(whole.json().get("lost").get("cause_entry").asInt()).isEqualTo(1);
    assertThat(whole.code()).isEqualTo(1);

    // 160 bytes on the wire cannot hold three listed headers of 63 bytes: a Set-Cookie was left out.
    Run leftOut = run("har", har(tmp, loginWithoutCookie(160)).toString(), "--format", "json");
    assertThat(ids(leftOut.json())).as(leftOut.out()).contains("har.sanitized").noneMatch(id -> id.startsWith("cookie."));
    assertThat(leftOut.out()).contains("headers were left out");
    assertThat(leftOut.code()).isEqualTo(3);

    // Not measured (Firefox, Safari): the file cannot tell; no cookie verdict either way, and it says so.
    Run unmeasured = run("har", har(tmp, loginWithoutCookie(-1)).toString(), "--format", "json");
    assertThat(ids(unmeasured.json())).as(unmeasured.out()).contains("har.sanitized").noneMatch(id -> id.startsWith("cookie."));
    assertThat(unmeasured.out()).contains("look the same here");
  }

  @Test
  void aPageThatRedirectsToItselfUntilTheBrowserGivesUpIsNoCleanBill(@TempDir Path tmp) throws Exception {
    List<String> hops = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      hops.add(redirect(i, "GET", "https://app.example.com/login", 301, "https://app.example.com/login", 60, ""));
    }
    Run r = run("har", har(tmp, hops).toString(), "--format", "json");
    assertThat(r.json().get("lost").get("entry").asInt()).as(r.out()).isEqualTo(19);
    assertThat(ids(r.json())).as("a full export, measured whole").doesNotContain("har.sanitized");
    assertThat(r.code()).as(r.out()).isEqualTo(1);
    assertThat(errors(r.json())).containsExactly("redirect.loop");
    assertThat(r.json().get("lost").get("cause_entry").asInt()).isZero();
    assertThat(r.json().get("unexplained").isNull()).isTrue();
    assertThat(r.out()).contains("as if it were plain http (proxy.forwarded-proto-missing");
  }

  @Test
  void aLongChainThatEndsIsNoLoopAndOneThatNeverComesBackToARedirectIsUnexplained(@TempDir Path tmp) throws Exception {
    List<String> hops = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      hops.add(redirect(i, "GET", "https://app.example.com/step" + i, 302, "https://app.example.com/step" + (i + 1), 60, ""));
    }
    hops.add(page(5, "https://app.example.com/step5", "<p>done</p>"));
    Run ends = run("har", har(tmp, hops).toString(), "--format", "json");
    assertThat(ends.json().get("lost").isNull()).as(ends.out()).isTrue();
    assertThat(ends.code()).isZero();

    // Past Chromium's 20 redirects without a final answer, never the same redirect twice: the browser gave up.
    hops.clear();
    for (int i = 0; i < 20; i++) {
      hops.add(redirect(i, "GET", "https://app.example.com/step" + i, 302, "https://app.example.com/step" + (i + 1), 60, ""));
    }
    Run gaveUp = run("har", har(tmp, hops).toString(), "--format", "json");
    assertThat(gaveUp.json().get("lost").get("entry").asInt()).as(gaveUp.out()).isEqualTo(19);
    assertThat(gaveUp.code()).isEqualTo(3);
    assertThat(gaveUp.json().get("unexplained").toString()).contains("redirect loop");
  }

  private static List<String> ids(JsonNode json) {
    List<String> out = new ArrayList<>();
    json.get("findings").forEach(f -> out.add(f.get("id").asText()));
    return out.stream().sorted().toList();
  }
}
