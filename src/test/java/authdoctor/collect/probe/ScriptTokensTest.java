package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** CSRF tokens where single-page apps keep them, and the user's hints for where they go back. */
class ScriptTokensTest {
  /** The login page of a React dashboard as its server renders it (react-dom/server, csrf-sync). */
  private static final String REACT_LOGIN = "<!doctype html><html><head><title>Dashboard</title></head><body>"
      + "<div id=\"root\"><form method=\"post\" action=\"/login\" id=\"login\"><input name=\"username\"/>"
      + "<input type=\"password\" name=\"password\"/><button>Sign in</button></form></div>"
      + "<script type=\"application/json\" id=\"app-state\">{\"user\":null,\"csrfToken\":\"f3a9c1d2e4b5a6c7d8e9\"}</script>"
      + "<script>const state = JSON.parse(document.getElementById(\"app-state\").textContent);"
      + "for (const f of document.querySelectorAll(\"form\")) f.addEventListener(\"submit\", () => {"
      + "const i = document.createElement(\"input\"); i.type = \"hidden\"; i.name = \"_csrf\"; i.value = state.csrfToken;"
      + "f.appendChild(i); });</script></body></html>";

  private static CsrfTokens.Token find(String html, ProbeConfig.CsrfHint hint) {
    var doc = Html.parse(html);
    return CsrfTokens.find(Html.loginForm(html), Html.metas(doc), ScriptTokens.find(doc), Map.of(), hint);
  }

  @Test
  void aReactLoginKeepsItsTokenInAJsonScriptAndItsScriptNamesTheField() {
    CsrfTokens.Token t = find(REACT_LOGIN, ProbeConfig.CsrfHint.NONE);
    assertThat(t.value()).isEqualTo("f3a9c1d2e4b5a6c7d8e9");
    assertThat(t.source()).isEqualTo("script #app-state key csrfToken");
    assertThat(t.field()).isEqualTo("_csrf");
    assertThat(t.header()).isEqualTo("X-CSRF-Token");
  }

  @Test
  void aJavaScriptVariable() {
    CsrfTokens.Token t = find("<form method=post><input name=u><input type=password name=p></form>"
        + "<script>window.csrfToken = 'Zm9vYmFyYmF6cXV4';</script>", ProbeConfig.CsrfHint.NONE);
    assertThat(t.value()).isEqualTo("Zm9vYmFyYmF6cXV4");
    assertThat(t.source()).isEqualTo("script variable csrfToken");
  }

  @Test
  void aMetaOfAnyCsrfLikeName() {
    CsrfTokens.Token t = find("<meta name=x-csrf-token content=m3t4t0k3n><form method=post><input type=password name=p></form>",
        ProbeConfig.CsrfHint.NONE);
    assertThat(t.source()).isEqualTo("meta x-csrf-token");
    assertThat(t.value()).isEqualTo("m3t4t0k3n");
  }

  @Test
  void theUsersNamesWin() {
    CsrfTokens.Token t = find(REACT_LOGIN, new ProbeConfig.CsrfHint("token", "X-Token"));
    assertThat(t.field()).isEqualTo("token");
    assertThat(t.header()).isEqualTo("X-Token");
    CsrfTokens.Token hidden = find("<form method=post><input type=hidden name=state value=s1s2s3s4>"
        + "<input type=password name=p></form>", new ProbeConfig.CsrfHint("state", null));
    assertThat(hidden.value()).isEqualTo("s1s2s3s4");
  }

  @Test
  void aPageWithoutScriptsOrTokensHasNone() {
    assertThat(find("<form method=post><input type=password name=p></form><script>var x = 'hello';</script>",
        ProbeConfig.CsrfHint.NONE).value()).isNull();
  }
}
