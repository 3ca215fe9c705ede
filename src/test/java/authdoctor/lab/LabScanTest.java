package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.AuthDoctor;
import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.check.Scope;
import authdoctor.collect.scan.ScanCollector;
import authdoctor.testing.TestRedactors;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * The scan reads each lab case's folder as a user would read a deployment ({@code authdoctor scan
 * lab/cases/NAME}, nothing started: its nginx configuration, env files, {@code gunicorn.conf.py}): every {@code scan_expect} entry of the case's
 * {@code case.json} ({@code {id, file, line}}) is found at that line, and the healthy twins show no error. The
 * application source the case lists in {@code config_files} ({@code lab/node/app.js}, {@code lab/apps/flask/app.py}, a Spring app's
 * settings) is scanned with it, as a repository holds both.
 */
class LabScanTest {
  private static final Path CASES = Path.of("lab/cases");
  private static final java.util.regex.Pattern APP_SOURCE = java.util.regex.Pattern.compile(".*\\.(js|java|properties|py)");

  @TestFactory
  Stream<DynamicTest> everyCaseScansAsExpected() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(CASES)) {
      for (Path d : dirs.sorted().toList()) {
        if (!Files.isRegularFile(d.resolve("nginx.conf"))) continue;
        tests.add(DynamicTest.dynamicTest(d.getFileName().toString(), () -> check(d)));
      }
    }
    return tests.stream();
  }

  static Set<String> found(Report report) {
    Set<String> out = new LinkedHashSet<>();
    for (Finding f : report.findings()) {
      for (Evidence e : f.evidence()) {
        if (e.location() instanceof Location.FileLine l) out.add(f.id() + " " + l.file() + ":" + l.line());
      }
    }
    return out;
  }

  private static void check(Path dir) throws IOException {
    JsonNode c = new ObjectMapper().readTree(dir.resolve("case.json").toFile());
    List<Path> paths = new ArrayList<>(List.of(dir));
    for (JsonNode f : c.path("config_files")) {
      // the shared application source a case configures by its app.env (lab/node/app.js, a Spring app's settings)
      Path p = Path.of(f.asText());
      if (!p.startsWith(dir) && APP_SOURCE.matcher(p.getFileName().toString()).matches() && Files.isRegularFile(p)) paths.add(p);
    }
    var collected = new ScanCollector().collect(new ScanCollector.Request(paths, Path.of(""), null, null, 1 << 20));
    // a value of the shared source that depends on the case's environment is a "could not determine" note
    assertThat(collected.problems()).as(dir + ": problems").noneMatch(p -> Path.of(p.source()).startsWith(dir));
    Report report = AuthDoctor.prepare(Clock.systemUTC(), TestRedactors.fixed()).diagnose("scan", dir.toString(), collected, Scope.ALL);
    Set<String> found = found(report);
    if (c.get("healthy").asBoolean()) {
      assertThat(report.findings()).as(dir + ": a healthy twin").noneMatch(f -> f.severity() == Severity.ERROR);
    }
    for (JsonNode e : c.path("scan_expect")) {
      assertThat(found).as(dir + ": " + report.findings().stream().map(Finding::id).toList())
          .contains(e.get("id").asText() + " " + e.get("file").asText() + ":" + e.get("line").asInt());
    }
  }
}
