package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import org.junit.jupiter.api.Test;

/** Chromium's console messages about cookies, as DevTools sends them, and the noise left out. */
class ConsoleMessagesTest {
  private static JsonNode json(String s) throws IOException {
    return new ObjectMapper().readTree(s);
  }

  @Test
  void chromiumsOwnCookieWarningIsKeptWithItsLevelAndSource() throws IOException {
    String line = ConsoleMessages.of("Log.entryAdded", json("""
        {"entry": {"source": "network", "level": "warning",
          "text": "Cookie \\"sid\\" has been rejected because it is in a cross-site context and its \\"SameSite\\" is \\"Lax\\".\\nMore"}}"""));
    assertThat(line).isEqualTo("warning (network): Cookie \"sid\" has been rejected because it is in a cross-site context and "
        + "its \"SameSite\" is \"Lax\". More");
  }

  @Test
  void thePagesConsoleCallsAboutCookiesAreKeptAndOtherNoiseIsNot() throws IOException {
    assertThat(ConsoleMessages.of("Runtime.consoleAPICalled", json("""
        {"type": "error", "args": [{"type": "string", "value": "no session cookie after login"}, {"type": "number", "value": 3}]}""")))
        .isEqualTo("error (console): no session cookie after login 3");
    assertThat(ConsoleMessages.of("Runtime.consoleAPICalled", json("""
        {"type": "log", "args": [{"type": "string", "value": "app ready"}]}"""))).isNull();
    assertThat(ConsoleMessages.of("Network.requestWillBeSent", json("{}"))).isNull();
  }

  @Test
  void aLongMessageIsBounded() {
    assertThat(ConsoleMessages.line("info", "other", "cookie " + "x".repeat(1000))).hasSizeLessThan(330).endsWith("…");
  }
}
