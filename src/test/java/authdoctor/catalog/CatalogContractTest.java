package authdoctor.catalog;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckSpec;
import authdoctor.checks.Checks;
import authdoctor.testing.FixtureSources;
import authdoctor.testing.ReferenceFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The catalog is a public contract: the specified catalog.md, the Markdown resources, the registered
 * checks, their fixtures and the generated docs must agree.
 */
class CatalogContractTest {
  /** Ids added by us beyond the specified catalog, reference/catalog.md (each must be announced in an issue note). */
  static final Set<String> ADDED = Set.of();

  /**
   * Ids the specified catalog lists for work filed but not built yet: each gets its resource with the
   * issue that builds it and leaves this list then (the test fails while a bundled id stays here).
   */
  static final Set<String> SPECIFIED_NOT_BUNDLED =
      Set.of("redirect.loop");

  static Map<String, Severity> sharedCatalog() throws IOException {
    Map<String, Severity> ids = new LinkedHashMap<>();
    Pattern row = Pattern.compile("^\\| ([a-z]+\\.[a-z0-9-]+) \\| (error|warn|info) \\|");
    for (String line : Files.readAllLines(ReferenceFiles.catalog())) {
      Matcher m = row.matcher(line);
      if (m.find()) ids.put(m.group(1), Severity.parse(m.group(2)));
    }
    return ids;
  }

  @Test
  void everySharedCatalogIdHasAResourceWithTheSameSeverity() throws IOException {
    Map<String, Severity> shared = sharedCatalog();
    assertThat(shared).hasSizeGreaterThan(50);
    Catalog bundled = Catalog.bundled();
    assertThat(shared.keySet()).containsAll(SPECIFIED_NOT_BUNDLED);
    assertThat(bundled.ids()).as("bundled now: remove from SPECIFIED_NOT_BUNDLED").doesNotContainAnyElementsOf(SPECIFIED_NOT_BUNDLED);
    shared.keySet().removeAll(SPECIFIED_NOT_BUNDLED);
    List<String> expected = new ArrayList<>(shared.keySet());
    expected.addAll(ADDED);
    assertThat(bundled.ids()).containsExactlyElementsOf(expected);
    shared.forEach((id, sev) -> assertThat(bundled.get(id).severity()).as(id).isEqualTo(sev));
  }

  @Test
  void everyEntryHasATitleProseAndAFixForAnyStack() {
    for (CatalogEntry e : Catalog.bundled().entries()) {
      assertThat(e.title()).as(e.id()).isNotBlank().doesNotEndWith(".").doesNotContain("\n");
      assertThat(Character.isUpperCase(e.title().charAt(0)) || e.title().startsWith("nginx ")).as(e.id() + " sentence case").isTrue();
      assertThat(e.area()).as(e.id()).isNotBlank();
      assertThat(List.of(e.why(), e.confirm(), e.evidence(), e.limitations())).as(e.id()).allMatch(s -> s.length() > 20);
      assertThat(e.fixes()).as(e.id()).containsKey("any");
      assertThat(e.fixes().values()).as(e.id()).allMatch(s -> !s.isBlank());
      assertThat(new ArrayList<>(e.fixes().keySet())).as(e.id() + ": fixes in the documented stack order")
          .isSortedAccordingTo(java.util.Comparator.comparingInt(CatalogContractTest::stackOrder));
    }
  }

  private static int stackOrder(String key) {
    return new ArrayList<>(Catalog.STACKS.values()).indexOf(key);
  }

  /** Detectors of one id are named {@code <IdName><Source>}: the id's class name, then "" or {@code In…}. */
  @Test
  void everyRegisteredCheckMatchesTheCatalogAndIsSortedById() {
    List<String> ids = new ArrayList<>();
    List<String> classes = new ArrayList<>();
    for (Check check : Checks.ALL) {
      CheckSpec spec = Checks.spec(check);
      ids.add(spec.id());
      classes.add(check.getClass().getName());
      assertThat(Catalog.bundled().find(spec.id())).as(spec.id()).isPresent();
      assertThat(spec.severity()).as(spec.id()).isEqualTo(Catalog.bundled().severity(spec.id()));
      String source = FixtureSources.source(check, spec.id());
      assertThat(source).as(check.getClass().getName() + ": " + className(spec.id()) + " or " + className(spec.id())
          + "In<Source>").isNotNull();
      assertThat(check.getClass().getName()).isEqualTo(className(spec.id()) + source);
      assertThat(FixtureSources.EXTENSIONS).as(check.getClass().getName() + ": the fixture format of its source")
          .containsKey(source);
    }
    assertThat(ids).isSorted();
    assertThat(classes).doesNotHaveDuplicates();
  }

  /** Every detector of an id has its own fires and passes fixtures, in its source's format. */
  @Test
  void everyRegisteredCheckHasFiringAndPassingFixtures() throws IOException {
    for (Check check : Checks.ALL) {
      String id = Checks.spec(check).id();
      Path dir = Path.of("src/test/resources/checks", id);
      assertThat(dir).as("fixture folder of " + id).isDirectory();
      try (Stream<Path> files = Files.list(dir)) {
        List<String> names = files.filter(p -> FixtureSources.feeds(check, id, p))
            .map(p -> p.getFileName().toString()).toList();
        assertThat(names).as(check.getClass().getSimpleName())
            .anyMatch(n -> n.startsWith("fires-")).anyMatch(n -> n.startsWith("passes-"));
      }
    }
  }

  /** A fixture no detector of its id reads would never run. */
  @Test
  void everyFixtureFeedsADetectorOfItsId() throws IOException {
    try (Stream<Path> dirs = Files.list(Path.of("src/test/resources/checks"))) {
      for (Path dir : dirs.filter(Files::isDirectory).toList()) {
        String id = dir.getFileName().toString();
        List<Check> detectors = Checks.ALL.stream().filter(c -> Checks.spec(c).id().equals(id)).toList();
        try (Stream<Path> files = Files.list(dir)) {
          // a <case>.expected file holds the expectations of the <case>.har recording beside it
          for (Path f : files.filter(f -> !f.getFileName().toString().endsWith(".expected")).toList()) {
            assertThat(detectors).as(id + "/" + f.getFileName() + " feeds a detector of " + id)
                .anyMatch(c -> FixtureSources.feeds(c, id, f));
          }
        }
      }
    }
  }

  @Test
  void everyCatalogIdHasACheckOrIsPending() {
    Set<String> checked = new TreeSet<>();
    Checks.ALL.forEach(c -> checked.add(Checks.spec(c).id()));
    for (String id : Catalog.bundled().ids()) {
      assertThat(checked.contains(id) || Pending.IDS.contains(id)).as(id + " has a check or is listed in Pending").isTrue();
      assertThat(checked.contains(id) && Pending.IDS.contains(id)).as(id + " is done: remove it from Pending").isFalse();
    }
  }

  @Test
  void generatedDocsAreUpToDate() throws IOException {
    String expected = CatalogDocs.render(Catalog.bundled());
    Path docs = Path.of("docs/checks.md");
    if ("1".equals(System.getenv("AUTHDOCTOR_UPDATE_DOCS"))) Files.writeString(docs, expected, StandardCharsets.UTF_8);
    assertThat(docs).exists();
    assertThat(Files.readString(docs))
        .as("docs/checks.md is generated: AUTHDOCTOR_UPDATE_DOCS=1 ./test -Dtest=CatalogContractTest")
        .isEqualTo(expected);
  }

  /** {@code cookie.samesite-none-insecure} → {@code authdoctor.checks.cookie.CookieSamesiteNoneInsecure}. */
  static String className(String id) {
    return "authdoctor.checks." + id.substring(0, id.indexOf('.')) + "." + FixtureSources.idName(id);
  }
}
