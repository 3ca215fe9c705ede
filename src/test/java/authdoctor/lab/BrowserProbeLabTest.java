package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import authdoctor.testing.lab.LabExtension;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code probe --browser chromium} on real lab deployments, with real headless Chromium signing in: the
 * React dashboard whose script adds the CSRF token from a JSON state script to the form (which the raw
 * probe cannot post), healthy and with its origin misconfigured; and a plain form login, where the
 * browser and the raw probe must reach the same findings.
 */
@Tag("lab")
@Tag("browser")
@ExtendWith(LabExtension.class)
class BrowserProbeLabTest {
  private record Run(int code, String out, String err) {
    JsonNode json() throws Exception {
      return new ObjectMapper().readTree(out);
    }

    Set<String> ids(String severity) throws Exception {
      Set<String> ids = new TreeSet<>();
      for (JsonNode f : json().get("findings")) if (severity == null || f.get("severity").asText().equals(severity)) ids.add(f.get("id").asText());
      return ids;
    }
  }

  private static Run probe(LabDeployment lab, List<String> args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args.toArray(String[]::new), new Io(InputStream.nullInputStream(), new PrintWriter(o),
        new PrintWriter(e), Map.of("LAB_PASSWORD", lab.password()), false));
    assertThat(o.toString() + e).as("the password never appears").doesNotContain(lab.password());
    return new Run(code, o.toString(), e.toString());
  }

  /**
   * The case's flags with the browser, logout included (the React dashboard's logout form takes its token
   * from the JSON state script, which the probe reads), and a generous --max-time (Chromium's start is slow
   * on a loaded machine).
   */
  private static List<String> withBrowser(LabDeployment lab) throws Exception {
    List<String> a = new ArrayList<>(ProbeLabTest.args(lab));
    a.addAll(List.of("--browser", "chromium", "--max-time", "150"));
    return a;
  }

  @Test
  void theReactLoginSignsInInChromiumWithTheTokenItsScriptAdds() throws Exception {
    String name = "react-login-healthy";
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, Lab.up(name));
    try {
      Run r = probe(lab, withBrowser(lab));
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.ids("error")).isEmpty();
      JsonNode root = r.json();
      String steps = root.get("steps").toString();
      // The login went through the browser, with the token its script put into the form, and signed in.
      assertThat(steps).contains("login (Chromium)").contains("Chrome/");
      boolean loginPost = false;
      for (JsonNode s : root.get("steps")) {
        if (s.path("label").asText().equals("login (Chromium)") && s.path("method").asText().equals("POST")) {
          loginPost = true;
          assertThat(s.path("status").asInt()).isEqualTo(303);
        }
      }
      assertThat(loginPost).as("the browser's login POST is a step of the trace: " + steps).isTrue();
    } finally {
      Lab.downKeepShared(name);
    }
  }

  @Test
  void theReactLoginWithAnUntrustedOriginIsNamedFromTheBrowsersLogin() throws Exception {
    String name = "react-login-origin-untrusted";
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, Lab.up(name));
    try {
      Run r = probe(lab, withBrowser(lab));
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      assertThat(r.ids("error")).containsExactlyElementsOf(lab.expectErrors());
    } finally {
      Lab.downKeepShared(name);
    }
  }

  @Test
  void aFormLoginGivesTheSameFindingsRawAndInTheBrowser() throws Exception {
    String name = "flask-healthy";
    LabDeployment lab = LabDeployment.load(Lab.dir(), name, Lab.up(name));
    try {
      List<String> raw = new ArrayList<>(ProbeLabTest.args(lab));
      raw.addAll(List.of("--max-time", "150"));
      Run plain = probe(lab, raw);
      Run browser = probe(lab, withBrowser(lab));
      assertThat(browser.code()).as(browser.err()).isEqualTo(plain.code());
      assertThat(browser.ids(null)).as(browser.out()).isEqualTo(plain.ids(null));
      assertThat(browser.json().get("steps").toString()).contains("login (Chromium)");
    } finally {
      Lab.downKeepShared(name);
    }
  }

  @Test
  void diffSignsInToBothTargetsInTheirOwnBrowserAndFindsTheBrokenTwinsCause() throws Exception {
    LabDeployment a = LabDeployment.load(Lab.dir(), "flask-healthy", Lab.up("flask-healthy"));
    LabDeployment b = LabDeployment.load(Lab.dir(), "flask-samesite-none-insecure", Lab.up("flask-samesite-none-insecure"));
    try {
      List<String> args = new ArrayList<>(DiffLabTest.args(a, b, "json"));
      args.addAll(List.of("--browser", "chromium", "--max-time", "150"));
      Run r = probe(b, args);
      assertThat(r.code()).as(r.err()).isEqualTo(1);
      JsonNode root = r.json();
      List<String> onlyB = new ArrayList<>();
      root.get("diff").get("only_b").forEach(n -> onlyB.add(n.asText()));
      assertThat(onlyB).containsAll(b.expectErrors());
      // The logins went through Chromium: its steps are in the flow side by side.
      assertThat(root.toString()).contains("login (Chromium)");
    } finally {
      Lab.downKeepShared("flask-samesite-none-insecure");
      Lab.downKeepShared("flask-healthy");
    }
  }
}
