package authdoctor.collect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.AuthDoctor;
import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.testing.TestRedactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Kubernetes Ingress objects of ingress-nginx through the scan's own collector and every check: each
 * annotation that breaks login is reported under the id the nginx detectors use, at the annotation's line
 * ({@code # expect: <id>} on the line above, inside a configuration-snippet too); a healthy Ingress and
 * another controller's report nothing.
 */
class IngressReaderTest {
  private static final Path DIR = Path.of("src/test/resources/ingress");
  private static final Pattern EXPECT = Pattern.compile("#\\s*expect:\\s*(\\S+)");

  private static Set<String> found(String file) {
    Path path = DIR.resolve(file);
    Report r = AuthDoctor.prepare(Clock.systemUTC(), TestRedactors.fixed()).diagnose("scan", file,
        new ScanCollector().collect(new ScanCollector.Request(List.of(path), DIR, null, null, 1 << 20)), Scope.ALL);
    Set<String> out = new TreeSet<>();
    for (Finding f : r.findings()) {
      for (Evidence e : f.evidence()) {
        if (e.location() instanceof Location.FileLine l && !e.facts().containsKey(Evidence.RELATED_TO)) out.add(f.id() + " " + l.line());
      }
    }
    return out;
  }

  private static Set<String> expected(String file) throws IOException {
    List<String> lines = Files.readAllLines(DIR.resolve(file));
    Set<String> out = new TreeSet<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher m = EXPECT.matcher(lines.get(i));
      if (m.find()) out.add(m.group(1) + " " + (i + 2));
    }
    return out;
  }

  @Test
  void annotationsThatBreakLoginAreReportedAtTheirLines() throws IOException {
    assertThat(expected("fires.yaml")).hasSize(4);
    assertThat(found("fires.yaml")).isEqualTo(expected("fires.yaml"));
  }

  @Test
  void aHealthyIngressAndAnotherControllersReportNothing() {
    assertThat(found("passes.yaml")).isEmpty();
  }
}
