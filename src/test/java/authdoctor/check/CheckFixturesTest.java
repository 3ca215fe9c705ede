package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.catalog.Catalog;
import authdoctor.checks.Checks;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.observation.Collected;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.ScenarioException;
import authdoctor.scenario.ScenarioParser;
import authdoctor.testing.ExpectComments;
import authdoctor.testing.FixtureSources;
import authdoctor.testing.HttpTranscript;
import authdoctor.testing.JwtFixture;
import authdoctor.testing.TestRedactors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs every fixture of {@code src/test/resources/checks/<id>/} through its collector and the detector
 * of that id whose source reads it ({@link FixtureSources}), and compares the exact set of (id, location) with the fixture's expectations (and, where the
 * fixture has a {@code # findings: N} line, the number of findings). Formats are
 * described in {@code src/test/resources/checks/README.md}.
 */
class CheckFixturesTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);
  /** {@code # findings: N}: how many findings the fixture must produce (checks that group by cause). */
  private static final Pattern FINDINGS = Pattern.compile("(?m)^# findings: (\\d+)$");

  @TestFactory
  Stream<DynamicTest> everyFixtureOfEveryCheck() throws IOException {
    List<DynamicTest> tests = new ArrayList<>();
    for (Check check : Checks.ALL) {
      String id = Checks.spec(check).id();
      Path dir = Path.of("src/test/resources/checks", id);
      if (!Files.isDirectory(dir)) continue; // the contract test reports the missing folder
      try (Stream<Path> files = Files.list(dir).sorted()) {
        for (Path f : files.filter(f -> FixtureSources.feeds(check, id, f)).toList()) {
          tests.add(DynamicTest.dynamicTest(id + "/" + f.getFileName(), () -> runFixture(check, f)));
        }
      }
    }
    return tests.stream();
  }

  /** A fixture's observations and its expected (id, location) pairs. */
  record Fixture(List<Observation> observations, Set<String> expected) {}

  /** Reads a fixture through the collector its extension names (see checks/README.md). */
  static Fixture load(Path file) throws IOException {
    String name = file.getFileName().toString();
    String text = Files.isDirectory(file) ? "" : Files.readString(file);
    if (name.endsWith(".http")) {
      HttpTranscript t = HttpTranscript.parse(text);
      return new Fixture(List.copyOf(t.exchanges()), t.expected());
    }
    if (name.endsWith(".cookie.yaml")) {
      try {
        CookieScenario sc = ScenarioParser.parse(text, name);
        return new Fixture(ScenarioReplay.run(sc, CLOCK.instant()).observations(), ExpectComments.steps(text));
      } catch (ScenarioException e) {
        throw new AssertionError(e.getMessage());
      }
    }
    if (name.endsWith(".har")) {
      // a browser recording, replayed by the har command's own collector; expectations in <case>.expected
      try (java.io.InputStream in = Files.newInputStream(file)) {
        Collected c = new authdoctor.collect.har.HarCollector(TestRedactors.fixed()).collect(in).collected();
        Path expected = file.resolveSibling(name.substring(0, name.length() - ".har".length()) + ".expected");
        Set<String> lines = new LinkedHashSet<>();
        if (Files.exists(expected)) {
          for (String l : Files.readAllLines(expected)) if (!l.isBlank() && !l.startsWith("#")) lines.add(l.strip());
        }
        return new Fixture(c.observations(), lines);
      } catch (authdoctor.collect.har.HarFormatException e) {
        throw new AssertionError(name + ": " + e.getMessage(), e);
      }
    }
    if (name.endsWith(".probe.yaml") || name.endsWith(".saved.yaml")) {
      authdoctor.testing.ProbeFixture p = authdoctor.testing.ProbeFixture.parse(text);
      return new Fixture(p.observations(), p.expected());
    }
    if (name.endsWith(".fingerprints.yaml")) {
      authdoctor.testing.FingerprintsFixture f = authdoctor.testing.FingerprintsFixture.parse(text);
      return new Fixture(f.observations(), f.expected());
    }
    if (name.endsWith(".jwt.yaml")) {
      Redactor redactor = TestRedactors.fixed();
      try {
        JwtFixture f = JwtFixture.parse(text, redactor);
        Collected c = new JwtCollector(redactor, CLOCK, null).collect(f.request());
        assertThat(c.problems()).as(name + ": collector problems").isEmpty();
        return new Fixture(c.observations(), f.expected());
      } catch (IOException e) {
        throw e;
      } catch (Exception e) {
        throw new AssertionError(name + ": " + e.getMessage(), e);
      }
    }
    if ((name.endsWith(".deploy") || name.endsWith(".app")) && Files.isDirectory(file)) {
      // a deployment tree, walked by the scan's own collector as `authdoctor scan DIR` would
      Collected c = new authdoctor.collect.scan.ScanCollector().collect(
          new authdoctor.collect.scan.ScanCollector.Request(List.of(file), file, null, null, 1 << 20));
      assertThat(c.problems()).as(name + ": collector problems").isEmpty();
      Set<String> expected = new LinkedHashSet<>();
      try (Stream<Path> files = Files.walk(file)) {
        for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
          expected.addAll(ExpectComments.lines(Files.readString(f), file.relativize(f).toString().replace('\\', '/')));
        }
      }
      return new Fixture(c.observations(), expected);
    }
    if (name.endsWith(".conf") || name.endsWith(".env")) {
      // through the scan's own collector, the fixture named as the user would name it
      Collected c = new authdoctor.collect.scan.ScanCollector().collect(
          new authdoctor.collect.scan.ScanCollector.Request(List.of(file), file.getParent(), null, null, 1 << 20));
      return new Fixture(c.observations(), ExpectComments.lines(text, name));
    }
    throw new AssertionError("unknown fixture format: " + name);
  }

  private static void runFixture(Check check, Path file) throws IOException {
    String name = file.getFileName().toString();
    Fixture t = load(file);
    Engine engine = new Engine(List.of(check), Catalog.bundled(), CLOCK, TestRedactors.fixed());
    Engine.Result r = engine.run(new Observations(t.observations()), Stack.UNKNOWN);
    assertThat(r.outcomes()).noneMatch(o -> o instanceof Outcome.Crashed);
    Set<String> actual = new LinkedHashSet<>();
    for (Finding f : r.findings()) {
      for (Evidence e : f.evidence()) {
        if (e.location() != null) actual.add(f.id() + " " + where(e.location()));
      }
    }
    if (name.startsWith("passes-")) assertThat(actual).as(name).isEmpty();
    else assertThat(actual).as(name).isNotEmpty().containsExactlyInAnyOrderElementsOf(t.expected());
    Matcher count = FINDINGS.matcher(Files.isDirectory(file) ? "" : Files.readString(file));
    if (count.find()) assertThat(r.findings()).as(name + ": findings").hasSize(Integer.parseInt(count.group(1)));
  }

  /** A location as fixtures write it: {@code step 3}, {@code claim exp}, {@code nginx.conf:12}. */
  static String where(Location l) {
    return switch (l) {
      case Location.ExchangeRef r -> "step " + r.step();
      case Location.ClaimRef c -> "claim " + c.claim();
      case Location.FileLine f -> f.file() + ":" + f.line();
      case Location.HarEntryRef h -> "har_entry " + h.entry();
      case Location.StoreKey k -> "store_key " + k.key();
    };
  }
}
