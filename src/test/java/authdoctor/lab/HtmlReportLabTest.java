package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.report.HtmlReportBrowserTest;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@code --format html} on real deployments, opened in real headless Chromium: the probe of a broken case
 * and the diff of its healthy twin against it are each one page that loads with no console error and no
 * request beyond the file, whose root cause is the case's expected error and links to its arrow; no
 * password in either. The pages and their screenshots are left under target/html-report-screenshots/.
 */
@Tag("lab")
@Tag("browser")
@Timeout(value = 300, unit = TimeUnit.SECONDS)
class HtmlReportLabTest {
  private static final String HEALTHY = "flask-healthy";
  private static final String BROKEN = "flask-samesite-none-insecure";

  @AfterAll
  static void stopShared() {
    Lab.downIdle();
  }

  @Test
  void theProbeOfABrokenCaseAndTheDiffWithItsHealthyTwinArePagesThatWorkInChromium() throws Exception {
    LabDeployment a = LabDeployment.load(Lab.dir(), HEALTHY, Lab.up(HEALTHY));
    LabDeployment b = LabDeployment.load(Lab.dir(), BROKEN, Lab.up(BROKEN));
    try {
      Path dir = Files.createDirectories(Path.of("target", "html-report-screenshots"));
      Path probe = dir.resolve("lab-probe-" + BROKEN + ".html");
      List<String> probeArgs = new ArrayList<>(ProbeLabTest.args(b));
      probeArgs.set(probeArgs.indexOf("--format") + 1, "html");
      probeArgs.addAll(List.of("--output", probe.toString()));
      assertThat(DiffLabTest.run(probeArgs, b.password()).code()).isEqualTo(1);

      Path diff = dir.resolve("lab-diff-" + HEALTHY + "-" + BROKEN + ".html");
      List<String> diffArgs = new ArrayList<>(DiffLabTest.args(a, b, "html"));
      diffArgs.addAll(List.of("--output", diff.toString()));
      DiffLabTest.Run r = DiffLabTest.run(diffArgs, b.password());
      assertThat(r.code()).as(r.err()).isEqualTo(1);

      for (Path page : List.of(probe, diff)) {
        String html = Files.readString(page, StandardCharsets.UTF_8);
        assertThat(html).doesNotContain(b.password(), a.password());
        Document doc = Jsoup.parse(html);
        assertThat(doc.selectFirst("li.finding.root").attr("data-id")).as(page.toString()).isIn(b.expectErrors());
        assertThat(doc.select("svg.sequence.flow g.arrow.request")).isNotEmpty();
        HtmlReportBrowserTest.check(page, true);
      }
      assertThat(Jsoup.parse(Files.readString(diff, StandardCharsets.UTF_8)).select("#side-A g.step.divergence, #side-B g.step.divergence"))
          .isNotEmpty();
    } finally {
      Lab.downKeepShared(BROKEN);
      Lab.downKeepShared(HEALTHY);
    }
  }
}
