package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.CookieCommandTest.Run;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code authdoctor cookie --browser chromium}: the model's answers next to real headless Chromium's. */
@Tag("browser")
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class CookieCommandBrowserTest {
  private static final String CANARY = "canary-cookie-value-5d0e";
  private static final String NOW = "2026-11-26T10:00:00Z";

  private static JsonNode cookie(JsonNode root, int step, String name) {
    for (JsonNode c : root.get("steps").get(step - 1).get("cookies")) {
      if (c.get("name").asText().equals(name)) return c;
    }
    throw new AssertionError(name + " not in step " + step + ": " + root.get("steps").get(step - 1));
  }

  @Test
  void everyCookieShowsTheBrowsersAnswerAndWhetherTheModelAgrees(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("flow.yaml");
    Files.writeString(file, """
        steps:
          - response: https://app.example.com/login
            method: POST
            set_cookie: ["sid=%s; Secure; HttpOnly; SameSite=Lax", "pref=1; SameSite=None"]
          - request: https://app.example.com/callback
            method: POST
            from: https://idp.example.net
          - request: https://app.example.com/dashboard
            after: 1h
        """.formatted(CANARY));
    Run r = CookieCommandTest.run("--scenario", file.toString(), "--browser", "chromium", "--format", "json");
    assertThat(r.code()).isEqualTo(1);
    JsonNode root = r.json();
    JsonNode sid = cookie(root, 1, "sid");
    assertThat(sid.get("browser").get("stored").asBoolean()).isTrue();
    assertThat(sid.get("browser").get("reasons")).isEmpty();
    assertThat(sid.get("agree").asBoolean()).isTrue();
    JsonNode pref = cookie(root, 1, "pref");
    assertThat(pref.get("browser").get("stored").asBoolean()).isFalse();
    assertThat(pref.get("browser").get("reasons").get(0).asText()).isEqualTo("SameSiteNoneInsecure");
    assertThat(pref.get("browser").get("finding").asText()).isEqualTo("cookie.samesite-none-insecure");
    assertThat(pref.get("agree").asBoolean()).isTrue();
    // The IdP's form POST: Lax withholds the session; Chromium's "SchemefulSameSiteLax" is shown plain.
    JsonNode callback = cookie(root, 2, "sid");
    assertThat(callback.get("browser").get("sent").asBoolean()).isFalse();
    assertThat(callback.get("browser").get("reasons").get(0).asText()).isEqualTo("SameSiteLax");
    assertThat(callback.get("browser").get("finding").asText()).isEqualTo("cookie.samesite-blocks-flow");
    assertThat(callback.get("agree").asBoolean()).isTrue();
    // An hour later cannot be replayed in real time: no answer, no sleep.
    JsonNode later = cookie(root, 3, "sid");
    assertThat(later.get("sent").asBoolean()).isTrue();
    assertThat(later.get("browser").isNull()).isTrue();
    assertThat(later.get("agree").isNull()).isTrue();
    assertThat(root.get("steps").get(2).get("browser_note").asText()).contains("not replayed").contains("real time");
    assertThat(r.err()).contains("Chrome/").contains("3 of 3 cookie answers agree");
    assertThat(r.out() + r.err()).doesNotContain(CANARY);
  }

  @Test
  void textShowsADisagreementWithWhatTheModelSays() {
    // http://*.dev is on Chromium's HSTS preload list: the browser upgrades it to https before the
    // Secure check, which the model (without the preload list) cannot know.
    Run r = CookieCommandTest.run("s=" + CANARY + "; Secure; SameSite=Lax", "--url", "http://myapp.dev/login",
        "--request", "http://myapp.dev/home", "--browser", "chromium", "--now", NOW);
    assertThat(r.out()).contains("browser: stored ✓ (model says not stored)");
    assertThat(r.out()).contains("browser: sent ✓ (model says it is not in the jar)");
    assertThat(r.err()).contains("0 of 2 cookie answers agree");
    assertThat(r.out() + r.err()).doesNotContain(CANARY);
  }

  @Test
  void agreementIsOneLinePerCookieInText() {
    Run r = CookieCommandTest.run("sid=" + CANARY + "; Secure; HttpOnly; SameSite=Lax", "--url", "https://app.example.com/login",
        "--request", "https://app.example.com/api", "--context", "subresource", "--from", "https://other.example.net",
        "--browser", "chromium", "--now", NOW);
    assertThat(r.out()).contains("browser: stored ✓ (agrees)").contains("browser: blocked SameSiteLax ✗ (agrees)");
    assertThat(r.out()).doesNotContain(CANARY);
  }
}
