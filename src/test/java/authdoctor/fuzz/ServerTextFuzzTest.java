package authdoctor.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.report.MarkdownText;
import authdoctor.report.ServerText;
import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Jazzer targets for the renderer of server strings in text output: whatever a server sends, no control
 * or formatting character (ESC, C1, DEL, bidi overrides, line separators, lone surrogates) survives it,
 * and text without one comes out unchanged. Seeds under {@code
 * src/test/resources/authdoctor/fuzz/ServerTextFuzzTestInputs/}; fuzz with {@code JAZZER_FUZZ=1 mvn test
 * -Dtest=ServerTextFuzzTest}.
 */
class ServerTextFuzzTest {
  @FuzzTest(maxDuration = "30s")
  void noControlCharacterSurvives(FuzzedDataProvider data) {
    String server = data.consumeRemainingAsString();
    String shown = ServerText.render(server);
    assertNoControl(shown, false);
    assertThat(ServerText.render(shown)).isEqualTo(shown); // escapes are plain text
    if (server.codePoints().noneMatch(ServerTextFuzzTest::unsafe)) assertThat(shown).isSameAs(server);
  }

  @FuzzTest(maxDuration = "30s")
  void wrappedReportLinesCarryOnlyTheirLineBreaks(FuzzedDataProvider data) {
    String server = data.consumeRemainingAsString();
    StringBuilder sb = new StringBuilder();
    MarkdownText.wrap("  < Location: " + server, "  1. ", "       ", sb);
    assertNoControl(sb.toString(), true);
  }

  private static void assertNoControl(String s, boolean newlines) {
    s.codePoints().forEach(cp -> {
      if (newlines && cp == '\n') return;
      assertThat(unsafe(cp)).as("U+%04X in %s", cp, s).isFalse();
    });
  }

  /** Independent of the renderer: what a terminal must not receive from a server. */
  private static boolean unsafe(int cp) {
    return Character.isISOControl(cp) || Character.getType(cp) == Character.FORMAT
        || Character.getType(cp) == Character.SURROGATE || cp == 0x2028 || cp == 0x2029;
  }
}
