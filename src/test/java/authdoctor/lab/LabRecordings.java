package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.BrowserException;
import authdoctor.collect.browser.HarRecorder;
import authdoctor.collect.http.PeerKeys;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A user's steps on a lab case in real headless Chromium, recorded as HAR by {@link HarRecorder} (chrome-har
 * converts the DevTools events), and what the tests read back from the recordings. The recordings are
 * left under target/har-recordings/CASE/.
 */
final class LabRecordings {
  private LabRecordings() {}

  /** A browser that reaches the case's pinned hosts only and trusts the certificates the lab's CA signed. */
  static HarRecorder recorder(LabDeployment lab) throws BrowserException {
    Map<String, String> pins = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    for (String pin : lab.resolve()) {
      String[] p = pin.split(":");
      pins.put(p[0], p[2]);
      PeerKeys.verifiedSpki(lab.httpOptions(), p[0], Integer.parseInt(p[1]), p[2]).ifPresent(keys::add);
    }
    if (keys.isEmpty()) throw new IllegalStateException(lab.name() + ": no certificate of the case verifies against the lab CA");
    return HarRecorder.start(pins, keys);
  }

  /** Opens the login page by its URL, types the user's fields and clicks the form's button. */
  static void signIn(HarRecorder browser, LabDeployment lab) throws BrowserException {
    browser.open(lab.login().formUrl());
    for (var field : lab.login().filled(lab.user(), lab.password()).entrySet()) browser.type(field.getKey(), field.getValue());
    browser.click("form button, form [type=submit]");
  }

  /** Signs in, then types the dashboard's URL and reloads it: the user who tries again. */
  static HarRecorder.Recording signInAndReturn(LabDeployment lab) throws IOException, BrowserException {
    try (HarRecorder browser = recorder(lab)) {
      signIn(browser, lab);
      browser.open(lab.dashboard());
      browser.reload();
      return save(browser, lab.name());
    }
  }

  /** Types the login page's URL, then reloads it: the user who cannot even reach the form. */
  static HarRecorder.Recording openLoginAndReload(LabDeployment lab) throws IOException, BrowserException {
    try (HarRecorder browser = recorder(lab)) {
      browser.open(lab.login().formUrl());
      browser.reload();
      return save(browser, lab.name());
    }
  }

  /**
   * Signs in, opens the dashboard, clicks its logout button, then opens the dashboard again with the session
   * cookie captured before the logout put back into the jar (the stolen or other-tab copy of the symptom).
   */
  static HarRecorder.Recording logoutThenReplay(LabDeployment lab, String cookie) throws IOException, BrowserException {
    try (HarRecorder browser = recorder(lab)) {
      signIn(browser, lab);
      browser.open(lab.dashboard());
      String captured = browser.cookie(lab.dashboard(), cookie);
      if (captured == null) throw new IllegalStateException(lab.name() + ": no " + cookie + " cookie after signing in");
      browser.click("form[action$=\"/logout\"] button");
      browser.putCookie(lab.baseUrl(), cookie, captured);
      browser.open(lab.dashboard());
      return save(browser, lab.name());
    }
  }

  /** Saves the recording of {@code name} under target/har-recordings/. */
  static HarRecorder.Recording save(HarRecorder browser, String name) throws IOException, BrowserException {
    return browser.save(Lab.dir(), Path.of("target", "har-recordings", name).toAbsolutePath());
  }

  private static final JsonSchema HAR = schema();

  private static JsonSchema schema() {
    try (InputStream in = LabRecordings.class.getResourceAsStream("/har/har-1.2.schema.json")) {
      return JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V7).getSchema(in);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Reads a recording and checks that chrome-har wrote valid HAR 1.2 (the specification's required fields)
   * whose every entry holds its own hop's wire headers: the request's HTTP/2 {@code :method} and {@code
   * :path} are the entry's, and a {@code Location} is the entry's {@code redirectURL} on a 3xx.
   */
  static JsonNode read(Path har) throws IOException {
    JsonNode root = new ObjectMapper().readTree(har.toFile());
    assertThat(HAR.validate(root)).as("HAR 1.2: " + har).isEmpty();
    assertThat(root.at("/log/creator/name").asText()).isEqualTo("chrome-har");
    List<JsonNode> e = entries(root);
    for (int i = 0; i < e.size(); i++) {
      JsonNode request = e.get(i).get("request");
      URI url = URI.create(request.get("url").asText());
      String path = url.getRawPath() + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
      assertThat(header(request, ":method")).as("entry %d's request headers", i).allMatch(m -> m.equals(request.get("method").asText()));
      assertThat(header(request, ":path")).as("entry %d's request headers", i).allMatch(path::equals);
      JsonNode response = e.get(i).get("response");
      for (String location : header(response, "Location")) {
        assertThat(response.get("status").asInt() / 100).as("entry %d redirects", i).isEqualTo(3);
        assertThat(response.get("redirectURL").asText()).as("entry %d's redirectURL", i).isEqualTo(location);
      }
    }
    return root;
  }

  static List<JsonNode> entries(JsonNode har) {
    List<JsonNode> out = new ArrayList<>();
    har.path("log").path("entries").forEach(out::add);
    return out;
  }

  /** Every value of the header {@code name} (case-insensitive), each line of a newline-joined value apart. */
  static List<String> header(JsonNode requestOrResponse, String name) {
    List<String> out = new ArrayList<>();
    for (JsonNode h : requestOrResponse.path("headers")) {
      if (h.path("name").asText().equalsIgnoreCase(name)) out.addAll(List.of(h.path("value").asText().split("\n")));
    }
    return out;
  }

  /** The index of the first entry at or after {@code from} with this method and URL path; -1 when none. */
  static int find(List<JsonNode> entries, int from, String method, String path) {
    for (int i = Math.max(0, from); i < entries.size(); i++) {
      JsonNode r = entries.get(i).path("request");
      if (r.path("method").asText().equals(method) && URI.create(r.path("url").asText()).getPath().equals(path)) return i;
    }
    return -1;
  }
}
