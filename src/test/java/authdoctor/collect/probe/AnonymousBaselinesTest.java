package authdoctor.collect.probe;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.SessionCheck.Verdict;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** "Signed in" needs a page that differs from the one a visitor without cookies gets. */
class AnonymousBaselinesTest {
  private static final URI HOME = URI.create("https://sso.example.com/admin/");
  private static final String SHELL = "<!doctype html><html><head><script src=/app.js></script></head>"
      + "<body><div id=root></div></body></html>";

  private static HttpExchange answer(int step, int status, String body) {
    return new HttpExchange(step, "protected", "GET", HOME, List.of(), status, "http/1.1",
        List.of(new HeaderField("Content-Type", "text/html; charset=utf-8")), body, false, Duration.ZERO, null, null);
  }

  private static SignedIn.Verdict judge(AnonymousBaselines b, HttpExchange x) {
    return b.judge(x, SignedIn.page(x, URI.create("https://sso.example.com/login"), new authdoctor.Redactor(new byte[32])));
  }

  @Test
  void aJavaScriptShellThatEveryoneGetsCannotTell() {
    AnonymousBaselines b = new AnonymousBaselines();
    b.record(answer(1, 200, SHELL));
    SignedIn.Verdict v = judge(b, answer(5, 200, SHELL.replace("app.js", "app.js?v=2")));
    assertThat(v.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(v.reason()).contains("the same page as with no cookies before the login (step 1)");
  }

  @Test
  void aPageThatDiffersFromTheAnonymousOneIsSignedIn() {
    AnonymousBaselines b = new AnonymousBaselines();
    b.record(new HttpExchange(1, "protected", "GET", HOME, List.of(), 302, "http/1.1",
        List.of(new HeaderField("Location", "/login")), "", false, Duration.ZERO, null, null));
    assertThat(judge(b, answer(5, 200, "<h1>Welcome alice</h1><p>Your orders</p>")).verdict()).isEqualTo(Verdict.LOGGED_IN);
  }

  @Test
  void withoutABaselineTheVerdictStands() {
    assertThat(judge(new AnonymousBaselines(), answer(5, 200, SHELL)).verdict()).isEqualTo(Verdict.LOGGED_IN);
  }
}
