package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.collect.browser.ReportPage;
import authdoctor.testing.RecordedReports;
import authdoctor.testing.TestRedactors;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The HTML report in real headless Chromium: it loads with no console error and no request beyond the
 * file, the diagram has one arrow per request and per response, a finding's link scrolls to its arrow
 * and focuses it, the page does not scroll sideways in a narrow window; a screenshot of each is written
 * under target/html-report-screenshots/ as a test artifact.
 */
@Tag("browser")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
public class HtmlReportBrowserTest {
  private final Redactor redactor = TestRedactors.fixed();

  @Test
  void theReportOfTheBrokenRecordedRunWorksInChromium() throws Exception {
    check(write("recorded-flask-samesite-none-insecure", new Result.Single(RecordedReports.probe("flask-samesite-none-insecure", redactor))), true);
  }

  @Test
  void theDiffOfTheHealthyTwinAndTheBrokenRunWorksInChromium() throws Exception {
    check(write("recorded-diff-flask", RecordedReports.diff("flask-healthy", "flask-samesite-none-insecure", redactor)), true);
  }

  @Test
  void theRepeatedRefreshesFoldOnLoadAndUnfoldFromTheKeyboard() throws Exception {
    Path file = write("recorded-flask-healthy", new Result.Single(RecordedReports.probe("flask-healthy", redactor)));
    check(file, false);
    String svg = "document.querySelector('svg.sequence.flow')";
    String toggle = svg + ".querySelector('g.loop-toggle')";
    String body = "document.getElementById(" + toggle + ".getAttribute('aria-controls'))";
    String after = "(" + body + ".nextElementSibling.querySelector('g.step').getBoundingClientRect().top)";
    try (ReportPage page = ReportPage.open(file.toAbsolutePath(), 1280, 900)) {
      assertThat(page.eval("[...document.querySelectorAll('g.loop-toggle')].length").asLong()).isPositive();
      assertThat(page.eval("[...document.querySelectorAll('g.loop-toggle')].every(t => t.getAttribute('aria-expanded') === 'false'"
          + " && document.getElementById(t.getAttribute('aria-controls')).style.display === 'none')").asBoolean()).as("folded on load").isTrue();
      double full = page.eval("+" + svg + ".getAttribute('data-full-height')").asDouble();
      double height = page.eval("+" + body + ".getAttribute('data-height')").asDouble();
      assertThat(page.eval("+" + svg + ".getAttribute('height')").asDouble()).isEqualTo(full - height);
      double folded = page.eval(after).asDouble();
      // Keyboard: Tab reaches the toggle (it is focusable), Enter unfolds, Space folds again.
      page.eval(toggle + ".focus()");
      assertThat(page.eval("document.activeElement.classList.contains('loop-toggle')").asBoolean()).isTrue();
      page.press("Enter", "Enter", 13);
      assertThat(page.eval(toggle + ".getAttribute('aria-expanded')").asText()).isEqualTo("true");
      assertThat(page.eval(body + ".style.display").asText()).isEmpty();
      assertThat(page.eval("+" + svg + ".getAttribute('height')").asDouble()).isEqualTo(full);
      assertThat(page.eval(after).asDouble() - folded).as("the steps after the fold move down by its height").isCloseTo(height, org.assertj.core.data.Offset.offset(1.0));
      Files.write(Path.of(file + ".unfolded.png"), page.screenshot());
      page.press(" ", "Space", 32);
      assertThat(page.eval(toggle + ".getAttribute('aria-expanded')").asText()).isEqualTo("false");
      assertThat(page.eval(after).asDouble()).isCloseTo(folded, org.assertj.core.data.Offset.offset(1.0));
      assertThat(page.errors()).as("console errors").isEmpty();
    }
  }

  private static Path write(String name, Result result) throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "html-report-screenshots"));
    Path file = dir.resolve(name + ".html");
    Files.writeString(file, HtmlReporterTest.html(result), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Loads the report {@code file} in Chromium (wide, then narrow) and checks it; writes {@code <file>.png}
   * next to it. {@code findings}: the report has a finding whose evidence is a step.
   */
  public static void check(Path file, boolean findings) throws Exception {
    String self = file.toAbsolutePath().toUri().toString();
    try (ReportPage page = ReportPage.open(file.toAbsolutePath(), 1280, 900)) {
      assertThat(page.errors()).as("console errors").isEmpty();
      assertThat(page.requests()).as("requests").allMatch(u -> u.equals(self) || u.startsWith("data:"));
      assertThat(page.requests()).as("requests").contains(self);
      // One arrow per recorded request and per response: as many as the text list has HTTP steps, twice.
      long arrows = page.eval("document.querySelectorAll('g.arrow.request').length").asLong();
      assertThat(arrows).isPositive();
      assertThat(page.eval("document.querySelectorAll('g.arrow.response').length").asLong()).isEqualTo(arrows);
      assertThat(page.eval("[...document.querySelectorAll('ol.steps > li')].filter(li => /^\\S.*: [A-Z]+ https?:/.test(li.querySelector('pre').textContent)).length").asLong())
          .isEqualTo(arrows);
      if (findings) {
        assertThat(page.eval("window.scrollY").asDouble()).isZero();
        String href = page.eval("(() => { const a = document.querySelector('li.finding.root a.evidence-link'); a.click(); return a.getAttribute('href'); })()").asText();
        assertThat(href).startsWith("#").contains("-step-");
        String id = href.substring(1);
        assertThat(page.eval("window.scrollY").asDouble()).as("scrolled to the arrow").isPositive();
        assertThat(page.eval("(() => { const r = document.getElementById('" + id + "').getBoundingClientRect(); "
            + "return r.top >= 0 && r.bottom <= window.innerHeight; })()").asBoolean()).as("the arrow is in view").isTrue();
        assertThat(page.eval("document.getElementById('" + id + "').classList.contains('hit')").asBoolean()).isTrue();
        assertThat(page.eval("document.activeElement.closest('g.step') && document.activeElement.closest('g.step').id").asText())
            .as("the arrow has the focus").isEqualTo(id);
        // Enter on the focused arrow goes to its step in the text list.
        page.press("Enter", "Enter", 13);
        assertThat(page.eval("document.activeElement.tagName + ' ' + (document.querySelector('li.hit') || {}).id").asText())
            .isEqualTo("A " + id.replace("-step-", "-text-"));
      }
      Files.write(Path.of(file + ".png"), page.screenshot());
      assertThat(page.errors()).as("console errors").isEmpty();
    }
    try (ReportPage narrow = ReportPage.open(file.toAbsolutePath(), 420, 900)) {
      assertThat(narrow.eval("document.documentElement.scrollWidth <= window.innerWidth").asBoolean())
          .as("a narrow window scrolls the diagram, not the page").isTrue();
      assertThat(narrow.errors()).isEmpty();
    }
  }
}
