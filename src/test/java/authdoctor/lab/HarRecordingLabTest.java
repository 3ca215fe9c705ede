package authdoctor.lab;

import static authdoctor.lab.LabRecordings.entries;
import static authdoctor.lab.LabRecordings.find;
import static authdoctor.lab.LabRecordings.header;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.HarRecorder;
import authdoctor.testing.lab.LabCase;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HAR recorder of the {@code har} tests on its own: real Chromium signs in to lab deployments, and
 * chrome-har's file is valid HAR 1.2 (schema of the specification's required fields, each hop with its own
 * wire headers: {@link LabRecordings#read}), holds the user's
 * requests in order with the wire headers (the login's {@code Set-Cookie}, the {@code Cookie} sent back
 * or not), and its sanitized variant keeps everything but the Cookie, Set-Cookie and Authorization
 * headers and the cookie arrays.
 */
@Tag("lab")
@Tag("browser")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HarRecordingLabTest {
  @Test
  @LabCase("flask-samesite-none-insecure")
  void aSignInWhoseCookieChromiumRefusesIsRecordedWithTheRefusedSetCookie(LabDeployment lab) throws Exception {
    HarRecorder.Recording rec;
    try (HarRecorder browser = LabRecordings.recorder(lab)) {
      LabRecordings.signIn(browser, lab);
      browser.open(lab.dashboard());
      rec = LabRecordings.save(browser, lab.name());
    }
    List<JsonNode> e = entries(LabRecordings.read(rec.har()));
    int form = find(e, 0, "GET", "/login");
    int post = find(e, form, "POST", "/login");
    assertThat(form).as("the login page is opened first").isZero();
    assertThat(post).isPositive();
    JsonNode login = e.get(post);
    assertThat(login.at("/response/status").asInt()).isEqualTo(302);
    assertThat(login.at("/request/postData/params").toString()).contains("\"username\"");
    List<String> set = header(login.get("response"), "Set-Cookie");
    assertThat(set).as("the refused cookie is in the recorded headers").anySatisfy(c ->
        assertThat(c).startsWith("session=").containsIgnoringCase("SameSite=None").doesNotContainIgnoringCase("Secure"));
    int bounce = find(e, post, "GET", "/dashboard");
    assertThat(bounce).isEqualTo(post + 1);
    assertThat(header(e.get(bounce).get("request"), "Cookie")).noneMatch(c -> c.contains("session="));
    assertThat(e.get(bounce).at("/response/redirectURL").asText()).endsWith("/login");
    assertThat(find(e, bounce, "GET", "/login")).isEqualTo(bounce + 1);
    assertThat(find(e, bounce + 2, "GET", "/dashboard")).as("the typed dashboard URL").isPositive();
    assertSanitizedTwin(rec, e);
  }

  @Test
  @LabCase("flask-healthy")
  void aHealthySignInIsRecordedWithTheCookieSentBackOnEveryLaterRequest(LabDeployment lab) throws Exception {
    HarRecorder.Recording rec;
    try (HarRecorder browser = LabRecordings.recorder(lab)) {
      LabRecordings.signIn(browser, lab);
      browser.reload();
      rec = LabRecordings.save(browser, lab.name());
    }
    List<JsonNode> e = entries(LabRecordings.read(rec.har()));
    int post = find(e, 0, "POST", "/login");
    assertThat(header(e.get(post).get("response"), "Set-Cookie")).anySatisfy(c ->
        assertThat(c).startsWith("session=").containsIgnoringCase("Secure").containsIgnoringCase("SameSite=Lax"));
    int dashboard = find(e, post, "GET", "/dashboard");
    int reload = find(e, dashboard + 1, "GET", "/dashboard");
    assertThat(dashboard).isEqualTo(post + 1);
    assertThat(reload).as("the reload").isPositive();
    for (int i : new int[] {dashboard, reload}) {
      assertThat(e.get(i).at("/response/status").asInt()).isEqualTo(200);
      assertThat(header(e.get(i).get("request"), "Cookie")).anyMatch(c -> c.contains("session="));
      assertThat(e.get(i).at("/response/content/text").asText()).contains("Signed in as alice");
    }
    assertSanitizedTwin(rec, e);
  }

  /** The sanitized export has the same entries, without the cookie and authorization headers and arrays. */
  private static void assertSanitizedTwin(HarRecorder.Recording rec, List<JsonNode> full) throws IOException {
    List<JsonNode> s = entries(LabRecordings.read(rec.sanitized()));
    assertThat(s).hasSameSizeAs(full);
    Set<String> gone = Set.of("cookie", "set-cookie", "authorization");
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.get(i).at("/request/url")).isEqualTo(full.get(i).at("/request/url"));
      assertThat(s.get(i).at("/response/status")).isEqualTo(full.get(i).at("/response/status"));
      for (String part : List.of("request", "response")) {
        JsonNode p = s.get(i).get(part);
        assertThat(p.get("cookies")).isEmpty();
        p.get("headers").forEach(h -> assertThat(gone).doesNotContain(h.get("name").asText().toLowerCase()));
      }
    }
  }
}
