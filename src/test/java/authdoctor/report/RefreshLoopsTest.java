package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.testing.RecordedReports;
import authdoctor.testing.TestRedactors;
import java.util.Arrays;
import java.util.List;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.junit.jupiter.api.Test;

/**
 * Repeated request/response patterns of a long flow fold behind one toggle: which steps are folded (the
 * pattern is drawn once; a step that must stay visible breaks a run), and the diagram of a recorded run
 * with five refreshes answered alike.
 */
class RefreshLoopsTest {
  private final Redactor redactor = TestRedactors.fixed();

  private static List<String> keys(String... k) {
    return Arrays.stream(k).map(s -> s.equals("-") ? null : s).toList();
  }

  @Test
  void identicalStepsAfterTheFirstAreFoldedWithTheirCount() {
    assertThat(RefreshLoops.find(keys("login", "page", "page", "page", "page", "logout")))
        .containsExactly(new RefreshLoops.Loop(2, 5, 1, 3));
  }

  @Test
  void aRedirectLoopBetweenTwoUrlsFoldsAsOnePattern() {
    assertThat(RefreshLoops.find(keys("login", "a", "b", "a", "b", "a", "b")))
        .containsExactly(new RefreshLoops.Loop(3, 7, 2, 2));
  }

  @Test
  void aSingleRepeatOrAStepThatMustStayVisibleIsNotFolded() {
    assertThat(RefreshLoops.find(keys("a", "a", "b"))).isEmpty();
    assertThat(RefreshLoops.find(keys("a", "a", "-", "a", "a"))).isEmpty();
    assertThat(RefreshLoops.find(keys("-", "-", "-"))).isEmpty();
  }

  @Test
  void theRefreshesOfARecordedRunAreDrawnOnceAndFoldedWithEveryArrowKept() throws Exception {
    Report r = RecordedReports.probe("flask-healthy", redactor);
    Document doc = Jsoup.parse(HtmlReporterTest.html(new Result.Single(r)));
    Element flow = doc.selectFirst("svg.sequence.flow");
    List<Element> toggles = flow.select("g.loop-toggle");
    assertThat(toggles).isNotEmpty();
    for (Element t : toggles) {
      Element body = doc.getElementById(t.attr("aria-controls"));
      assertThat(body).isNotNull();
      assertThat(body.hasClass("loop-body")).isTrue();
      assertThat(body.select("> g.step")).hasSize(Integer.parseInt(body.attr("data-steps")));
      assertThat(Integer.parseInt(body.attr("data-height"))).isPositive();
      assertThat(t.attr("aria-label")).contains("× more").contains("steps");
    }
    // The refreshes: the same GET answered alike, folded after the first.
    assertThat(toggles.get(0).attr("aria-label")).containsPattern("the same GET \\S+ → 200 \\d× more");
    // Folding hides arrows, it does not drop them: one per request and per response still.
    assertThat(flow.select("g.arrow.request")).hasSize((int) HtmlReporterTest.httpSteps(r, false));
    assertThat(flow.attr("data-full-height")).isEqualTo(flow.attr("height"));
  }
}
