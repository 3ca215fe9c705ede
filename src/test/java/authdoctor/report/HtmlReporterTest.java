package authdoctor.report;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.catalog.Catalog;
import authdoctor.check.CheckContext;
import authdoctor.check.Stack;
import authdoctor.testing.RecordedReports;
import authdoctor.testing.TestRedactors;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;
import org.junit.jupiter.api.Test;

/**
 * The HTML report's structure on real runs (the recorded lab runs replayed through the real probe and
 * checks): lanes, one arrow per request and per response, findings root cause first linking to arrows
 * that exist, nothing fetched, every server string escaped. Structure, not bytes: the page is parsed.
 */
class HtmlReporterTest {
  private final Redactor redactor = TestRedactors.fixed();

  static String html(Result result) throws Exception {
    StringWriter w = new StringWriter();
    new HtmlReporter(new Reporter.Options(false, true)).write(result, w);
    return w.toString();
  }

  /** Also kept under target/ to look at. */
  private static Document page(Result result, String name) throws Exception {
    String html = html(result);
    Path dir = Path.of("target", "html-reports");
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(name + ".html"), html, StandardCharsets.UTF_8);
    return Jsoup.parse(html);
  }

  static long httpSteps(Report r, boolean trials) {
    return r.steps().stream().filter(s -> s.json().get("url") instanceof String && s.json().get("method") instanceof String)
        .filter(s -> SequenceDiagram.trial(s) == trials).count();
  }

  @Test
  void theBrokenRunShowsItsRootCauseFirstLinkedToTheArrowsOfItsEvidence() throws Exception {
    Report r = RecordedReports.probe("flask-samesite-none-insecure", redactor);
    Document doc = page(new Result.Single(r), "flask-samesite-none-insecure");

    Elements findings = doc.select("ol.findings > li.finding");
    assertThat(findings).hasSize(r.findings().size());
    assertThat(findings.first().attr("data-id")).isEqualTo("cookie.samesite-none-insecure").isEqualTo(r.findings().get(0).id());
    assertThat(findings.first().hasClass("root")).isTrue();
    assertThat(findings.first().select(".root-cause").text()).contains("root cause");
    assertThat(doc.select("li.finding.root")).hasSize(1);

    // The user's flow: the browser and the public host; the trials: the browser, the public host, the app directly.
    Element flow = doc.selectFirst("svg.sequence.flow");
    Element trials = doc.selectFirst("svg.sequence.trials");
    assertThat(flow.select("g.lane")).extracting(e -> e.attr("data-lane"))
        .containsExactly("browser", "https://app.lab.test:18140");
    assertThat(trials.select("g.lane")).extracting(e -> e.attr("data-lane"))
        .containsExactlyInAnyOrder("browser", "https://app.lab.test:18140", "http://127.0.0.1:18141");
    assertThat(trials.select("g.lane[data-lane=http://127.0.0.1:18141] text.lane-role").text()).isEqualTo("direct / instance");
    // One arrow per request and one per response; trials apart.
    assertThat(flow.select("g.arrow.request")).hasSize((int) httpSteps(r, false));
    assertThat(flow.select("g.arrow.response")).hasSize((int) httpSteps(r, false));
    assertThat(trials.select("g.arrow.request")).hasSize((int) httpSteps(r, true));
    assertThat(trials.select("g.arrow.response")).hasSize((int) httpSteps(r, true));
    assertThat(flow.select("g.arrow.request.redirect"))
        .hasSize((int) r.steps().stream().filter(s -> !SequenceDiagram.trial(s) && String.valueOf(s.json().get("label")).contains("(redirect")).count());
    // The text alternative: every step, in order.
    assertThat(doc.select("ol.steps > li")).hasSize(r.steps().size());
    assertThat(doc.select("ol.steps > li").first().text()).contains("https://app.lab.test:18140/login");

    // Every evidence link lands on an element of the page; the root cause's on the login's arrows, marked.
    for (Element a : doc.select("a[href^=#]")) {
      assertThat(doc.getElementById(a.attr("href").substring(1))).as(a.outerHtml()).isNotNull();
    }
    Element link = findings.first().selectFirst("a.evidence-link");
    Element step = doc.getElementById(link.attr("href").substring(1));
    assertThat(step.hasClass("step")).isTrue();
    assertThat(step.hasClass("evidence")).isTrue();
    assertThat(step.select("g.arrow.request text").first().text()).contains("POST /login");
    assertThat(step.select("g.arrow.response").text()).contains("✗ session not stored: EXCLUDE_SAMESITE_NONE_INSECURE");
    assertThat(step.select("text.mark").text()).contains("⚠ cookie.samesite-none-insecure");
    // Arrows are focusable, named, and carry the full URL on hover.
    for (Element arrow : doc.select("g.arrow")) {
      assertThat(arrow.attr("tabindex")).isEqualTo("0");
      assertThat(arrow.attr("aria-label")).isNotBlank();
      assertThat(arrow.selectFirst("title").text()).containsPattern("https?://");
    }
    assertSelfContained(doc);
  }

  @Test
  void theHealthyTwinHasNoErrorAndTheSameLanes() throws Exception {
    Report r = RecordedReports.probe("flask-healthy", redactor);
    Document doc = page(new Result.Single(r), "flask-healthy");
    assertThat(doc.select("li.finding.sev-error")).isEmpty();
    assertThat(doc.selectFirst("h1").text()).contains("passes");
    assertThat(doc.select("svg.sequence.flow g.lane")).hasSize(2);
    assertThat(doc.select("svg.sequence.flow g.arrow.request")).hasSize((int) httpSteps(r, false));
    assertThat(doc.select("g.step.evidence, g.step.failed")).isEmpty();
    assertSelfContained(doc);
  }

  @Test
  void aDiffShowsBothFlowsSideBySideWithTheFirstDivergenceMarked() throws Exception {
    Result.Diff d = RecordedReports.diff("flask-healthy", "flask-samesite-none-insecure", redactor);
    Document doc = page(d, "diff-flask");
    assertThat(doc.select(".sides > section.side")).extracting(e -> e.id()).containsExactly("side-A", "side-B");
    String label = d.diff().comparison().firstDivergence().orElseThrow().label();
    assertThat(doc.selectFirst("p.first-divergence").text()).contains(label);
    for (String side : List.of("A", "B")) {
      Elements first = doc.select("#side-" + side + " g.step.divergence text.mark:contains(≠ first divergence)");
      assertThat(first).as(side).hasSize(1);
    }
    // Findings only B has link into B's diagram.
    Element root = doc.selectFirst("li.finding.root");
    assertThat(root.attr("data-id")).isEqualTo("cookie.samesite-none-insecure");
    assertThat(root.selectFirst("a.evidence-link").attr("href")).startsWith("#B-step-");
    for (Element a : doc.select("a[href^=#]")) {
      assertThat(doc.getElementById(a.attr("href").substring(1))).as(a.outerHtml()).isNotNull();
    }
    assertThat(doc.select("details.comparison tr.diverges")).hasSize((int) d.diff().comparison().divergingSteps());
    assertSelfContained(doc);
  }

  @Test
  void everyServerStringIsEscapedAndAConfigLineIsShownWithItsLine() throws Exception {
    String evil = "\"><script>alert(1)</script><img src=x onerror=alert(2)>\u202e";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", 1);
    json.put("label", "login " + evil);
    json.put("method", "GET");
    json.put("url", "https://app.example.com/" + evil);
    json.put("status", 302);
    json.put("response_headers", List.of(Map.of("name", "Location", "value", evil)));
    json.put("cookies_set", List.of(Map.of("name", evil, "stored", false, "verdict", "not stored: " + evil)));
    Step step = new Step(json, List.of("login: GET https://app.example.com/" + evil + " → 302"));
    var finding = CheckContext.of(Catalog.bundled(), "tls.hsts-missing", new Stack("nginx", null, null),
        List.of(new Evidence("config", evil, redactor.plain("add_header X-Evil \"" + evil + "\";"),
            new Location.FileLine("nginx.conf", 12)), new Evidence("response", evil, redactor.plain(evil), new Location.ExchangeRef(1))));
    Report r = new Report("probe", "https://app.example.com/" + evil, null, Instant.parse("2026-11-26T10:00:00Z"),
        List.of(finding), List.of(), List.of(), List.of(step));
    String html = html(new Result.Single(r));
    Document doc = Jsoup.parse(html);
    assertThat(doc.select("script")).hasSize(1);
    assertThat(doc.select("img")).isEmpty();
    assertThat(doc.select("[onerror]")).isEmpty();
    assertThat(html).doesNotContain("\u202e").contains("\\u202e");
    assertThat(doc.select("pre.config").text()).contains("12 │").contains("<script>alert(1)</script>");
    assertThat(doc.select("g.arrow.response text").text()).contains("<script>alert(1)<");
    assertThat(doc.select("g.arrow.response title").text()).contains("<img src=x onerror=alert(2)>");
  }

  @Test
  void anUnexplainedFailureIsMarkedOnItsStepAndLinkedFromTheTop() throws Exception {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", 1);
    json.put("label", "api /api/me");
    json.put("method", "GET");
    json.put("url", "https://app.example.com/api/me");
    json.put("status", 401);
    Report r = new Report("probe", "https://app.example.com", null, Instant.parse("2026-11-26T10:00:00Z"), List.of(),
        List.of(), List.of(), List.of(new Step(json, List.of("api /api/me: GET https://app.example.com/api/me → 401"))),
        new authdoctor.Unexplained(1, "401 on GET /api/me", List.of("cookies: all sent"), List.of("the API's logs")));
    Document doc = Jsoup.parse(html(new Result.Single(r)));
    assertThat(doc.selectFirst("h1").text()).contains("unexplained");
    assertThat(doc.selectFirst("section.unexplained a").attr("href")).isEqualTo("#r-step-1");
    Element step = doc.getElementById("r-step-1");
    assertThat(step.hasClass("failed")).isTrue();
    assertThat(step.select("text.mark").text()).isEqualTo("✗ failed here");
    assertThat(step.select("g.arrow.response").attr("aria-label")).contains("401").contains("failed here");
    assertThat(doc.getElementById("r-text-1").text()).contains("✗ failed here");
  }

  @Test
  void everyShapeHasUniqueIdsAndEveryLinkLands() throws Exception {
    Map<String, Result> shapes = new LinkedHashMap<>(authdoctor.testing.SampleReports.results(redactor));
    shapes.put("recorded diff", RecordedReports.diff("flask-healthy", "flask-samesite-none-insecure", redactor));
    for (var e : shapes.entrySet()) {
      Document doc = Jsoup.parse(html(e.getValue()));
      List<String> ids = doc.select("[id]").eachAttr("id");
      assertThat(ids).as(e.getKey()).doesNotHaveDuplicates();
      for (Element a : doc.select("a[href^=#]")) {
        assertThat(doc.getElementById(a.attr("href").substring(1))).as(e.getKey() + ": " + a.outerHtml()).isNotNull();
      }
      assertSelfContained(doc);
    }
    Document demo = Jsoup.parse(html(authdoctor.testing.SampleReports.combined(redactor)));
    assertThat(demo.select("section.part")).hasSize(2);
    assertThat(demo.select("section.part").first().select("li.finding.root")).hasSize(1);
  }

  @Test
  void theHelpAndFormatListNameHtml() {
    assertThat(Format.parse("html")).contains(Format.HTML);
    assertThat(Format.HTML.extension()).isEqualTo("html");
  }

  /** Nothing on the page can fetch: no external script, style, image, frame; a CSP forbids every fetch. */
  private static void assertSelfContained(Document doc) {
    assertThat(doc.select("script[src], link[rel=stylesheet], img, iframe, object, embed, image, use[href]")).isEmpty();
    for (Element e : doc.select("[href]")) {
      String href = e.attr("href");
      assertThat(href.startsWith("#") || href.startsWith("data:")).as(e.outerHtml()).isTrue();
    }
    assertThat(doc.selectFirst("meta[http-equiv=Content-Security-Policy]").attr("content")).startsWith("default-src 'none'");
  }
}
