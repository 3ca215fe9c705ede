package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The name reported for a Set-Cookie line (RFC 6265bis §5.6 steps 2–4), without a browser. */
class CookieNameTest {
  @Test
  void nameIsUpToTheFirstEqualsOfTheFirstPairTrimmed() {
    assertThat(BrowserScenarioRunner.cookieName("sid=abc; Path=/")).isEqualTo("sid");
    assertThat(BrowserScenarioRunner.cookieName("  sp = 1 ; Secure")).isEqualTo("sp");
    assertThat(BrowserScenarioRunner.cookieName("a=b=c")).isEqualTo("a");
  }

  @Test
  void lineWithoutEqualsIsNameless() {
    assertThat(BrowserScenarioRunner.cookieName("token")).isEmpty();
    assertThat(BrowserScenarioRunner.cookieName("token; a=b")).isEmpty();
    assertThat(BrowserScenarioRunner.cookieName("=v")).isEmpty();
  }
}
