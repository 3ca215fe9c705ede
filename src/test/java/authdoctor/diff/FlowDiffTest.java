package authdoctor.diff;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Alignment and comparison of two runs, on hand-made steps. */
class FlowDiffTest {
  private static final URI LOCAL = URI.create("http://localhost:5000/");
  private static final URI PROD = URI.create("https://app.example.com/");

  private static StepView view(int step, String label, String status, Fact... facts) {
    List<Fact> all = new ArrayList<>();
    all.add(new Fact(StepViews.RESPONSE, status, status, true));
    all.addAll(List.of(facts));
    return new StepView(step, label, "GET", "https://x/", all);
  }

  private static Fact detail(String aspect, String value) {
    return new Fact(aspect, value, value, false);
  }

  private static List<String> labels(Comparison c) {
    return c.rows().stream().map(Row::label).toList();
  }

  @Test
  void identicalRunsDoNotDiverge() {
    List<StepView> run = List.of(view(1, "login page", "200"), view(2, "login", "302", detail("Location", "/dashboard")));
    Comparison c = FlowDiff.compare(run, run, PROD, PROD);
    assertThat(c.firstDivergence()).isEmpty();
    assertThat(c.rows()).allSatisfy(r -> assertThat(r.differences()).isEmpty());
  }

  @Test
  void anExtraRedirectHopStaysNextToTheRequestItFollows() {
    List<StepView> a = List.of(view(1, "login page", "200"), view(2, "login", "302"), view(3, "protected /d", "200"));
    List<StepView> b = List.of(view(1, "login page", "301"), view(2, "login page (redirect 1)", "301"),
        view(3, "login page (redirect 2)", "200"), view(4, "login", "302"), view(5, "protected /d", "200"));
    Comparison c = FlowDiff.compare(a, b, PROD, PROD);
    assertThat(labels(c)).containsExactly("login page", "login page (redirect 1)", "login page (redirect 2)", "login",
        "protected /d");
    assertThat(c.rows().get(1).a()).isNull();
    assertThat(c.rows().get(1).differences()).singleElement().satisfies(d -> {
      assertThat(d.aspect()).isEqualTo(FlowDiff.STEP);
      assertThat(d.a()).isEqualTo("(not made)");
    });
    assertThat(c.firstDivergence()).get().extracting(Row::label).isEqualTo("login page");
  }

  @Test
  void concurrentRefreshesAreComparedInLabelOrderWhateverOrderTheyLeftIn() {
    List<StepView> a = List.of(view(5, "refresh 1", "200"), view(6, "refresh 2", "200"), view(7, "refresh 3", "200"));
    List<StepView> b = List.of(view(5, "refresh 3", "200"), view(6, "refresh 1", "200"), view(7, "refresh 2", "200"));
    Comparison c = FlowDiff.compare(a, b, PROD, PROD);
    assertThat(labels(c)).containsExactly("refresh 1", "refresh 2", "refresh 3");
    assertThat(c.firstDivergence()).isEmpty();
  }

  @Test
  void theFirstDivergenceIsTheEarliestStepThatDiffers() {
    List<StepView> a = List.of(view(1, "login page", "200"),
        view(2, "login", "302", new Fact("cookie session", "stored", "stored", true), detail("cookie session SameSite", "SameSite=Lax")),
        view(3, "protected /d", "200", new Fact(StepViews.SESSION, "signed in (200)", "signed in", true)));
    List<StepView> b = List.of(view(1, "login page", "200"),
        view(2, "login", "302", new Fact("cookie session", "not stored: EXCLUDE_SAMESITE_NONE_INSECURE", "not stored: X", true),
            detail("cookie session SameSite", "SameSite=None")),
        view(3, "protected /d", "302", new Fact(StepViews.SESSION, "signed out (302 to /login)", "signed out", true)));
    Comparison c = FlowDiff.compare(a, b, PROD, PROD);
    Row first = c.firstDivergence().orElseThrow();
    assertThat(first.label()).isEqualTo("login");
    assertThat(first.differences()).extracting(Difference::aspect).containsExactly("cookie session", "cookie session SameSite");
    assertThat(first.differences().get(0).outcome()).isTrue();
    assertThat(first.differences().get(1).outcome()).isFalse();
    assertThat(c.divergingSteps()).isEqualTo(2);
  }

  @Test
  void aSecureCookieOnlyOnTheHttpsTargetIsExpectedNotADivergence() {
    List<StepView> a = List.of(view(1, "login", "302", new Fact("cookie s", "stored", "stored", true), detail("cookie s Secure", "")));
    List<StepView> b = List.of(view(1, "login", "302", new Fact("cookie s", "stored", "stored", true), detail("cookie s Secure", "Secure")));
    Comparison c = FlowDiff.compare(a, b, LOCAL, PROD);
    assertThat(c.rows().get(0).differences()).singleElement()
        .satisfies(d -> assertThat(d.expected()).contains("A is plain http"));
    assertThat(c.firstDivergence()).isEmpty();
    // Both on https: the same difference is a divergence.
    assertThat(FlowDiff.compare(a, b, PROD, PROD).firstDivergence()).isPresent();
  }

  @Test
  void aFactThatDoesNotApplyOnOneSideIsNotCompared() {
    List<StepView> a = List.of(view(1, "login page", "200", new Fact("header Strict-Transport-Security", "ignored over http", null, false)));
    List<StepView> b = List.of(view(1, "login page", "200", detail("header Strict-Transport-Security", "max-age=31536000")));
    assertThat(FlowDiff.compare(a, b, LOCAL, PROD).rows().get(0).differences()).isEmpty();
  }

  @Test
  void aMissingHeaderIsADifferenceButAMissingAttributeOfAMissingCookieIsNot() {
    List<StepView> a = List.of(view(1, "login", "302", detail("header Vary", "cookie"),
        new Fact("cookie s", "stored", "stored", true), detail("cookie s HttpOnly", "HttpOnly")));
    List<StepView> b = List.of(view(1, "login", "302"));
    List<Difference> d = FlowDiff.compare(a, b, PROD, PROD).rows().get(0).differences();
    assertThat(d).extracting(Difference::aspect).containsExactly("header Vary", "cookie s");
    assertThat(d).extracting(Difference::b).containsOnly(Difference.NONE);
  }
}
