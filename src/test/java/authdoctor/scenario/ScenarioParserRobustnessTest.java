package authdoctor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Seeded mutations of valid scenarios: the parser either returns a scenario or throws a one-line
 * {@link ScenarioException} naming the file, never anything else (a stand-in for a fuzz target until
 * Jazzer is in the build).
 */
class ScenarioParserRobustnessTest {
  private static final List<String> SEEDS =
      List.of(
          """
          third_party_cookies: blocked
          steps:
            - response: https://app.example.com/login
              method: POST
              set_cookie: ["sid=abc; Secure; HttpOnly; SameSite=Lax", "t=1"]
              date: 2026-11-26T10:00:00Z
            - request: https://api.example.com/me?x=1
              context: subresource
              from: https://app.example.com
              after: 3m
          """,
          """
          {"steps": [{"response": "http://a.test/", "set_cookie": "a=1", "date": "Thu, 26 Nov 2026 10:00:00 GMT"},
                     {"request": "http://a.test/x", "context": "iframe", "from": "https://b.test", "after": 1.5}]}
          """);
  private static final String ALPHABET = "{}[]:,-#&*!|>'\"%@`\n\t ~?=;/.0123456789abcdefhmsxyz\\\u00e9\u0000";

  @Test
  void mutatedScenariosNeverCrashTheParser() {
    Random random = new Random(20261126);
    int parsed = 0;
    int rejected = 0;
    for (int i = 0; i < 3000; i++) {
      StringBuilder text = new StringBuilder(SEEDS.get(i % SEEDS.size()));
      int edits = 1 + random.nextInt(4);
      for (int e = 0; e < edits && !text.isEmpty(); e++) {
        int at = random.nextInt(text.length());
        char c = ALPHABET.charAt(random.nextInt(ALPHABET.length()));
        switch (random.nextInt(3)) {
          case 0 -> text.deleteCharAt(at);
          case 1 -> text.insert(at, c);
          default -> text.setCharAt(at, c);
        }
      }
      try {
        ScenarioParser.parse(text.toString(), "fuzz.yaml");
        parsed++;
      } catch (ScenarioException ex) {
        rejected++;
        assertThat(ex.getMessage()).startsWith("fuzz.yaml: ").doesNotContain("\n");
      } catch (RuntimeException ex) {
        fail("input " + i + " crashed the parser: " + ex + "\n---\n" + text);
      }
    }
    // Both outcomes must occur, or the mutations are not exercising the parser.
    assertThat(parsed).isPositive();
    assertThat(rejected).isPositive();
  }
}
