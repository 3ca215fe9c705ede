package authdoctor.differential;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browser.BrowserException;
import authdoctor.collect.browser.BrowserRun;
import authdoctor.collect.browser.BrowserScenarioRunner;
import authdoctor.collect.cookie.BrowserComparison;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.Step;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The cookie model against real Chromium: every generated case ({@link CaseGenerator}), hand-picked
 * case ({@link PickedCases}) and corpus row a browser can express ({@link CorpusCases}) is replayed
 * through {@link ScenarioReplay} and through {@link BrowserScenarioRunner}; every comparable decision
 * must agree, except the reviewed entries of {@code allowlist.txt}. Prints the agreement table and
 * writes it to {@code target/differential/agreement.md}.
 *
 * <p>CI (the default): the grid, the hand-picked cases, 60 random cases and every 25th corpus row. Full
 * run (all corpus rows, 600 random cases): {@code ./test -Dtest=authdoctor.differential.ChromiumDifferentialTest -Dauthdoctor.differential=full}; add
 * {@code -Dauthdoctor.differential.docs=update} to rewrite the table in {@code docs/cookie-model.md}.
 */
@Tag("browser")
class ChromiumDifferentialTest {
  static final long SEED = 20261126L;
  private static final boolean FULL = "full".equals(System.getProperty("authdoctor.differential"));

  record AllowEntry(Pattern caseId, String aspect, String reason) {}

  static List<AllowEntry> allowList() throws IOException {
    List<AllowEntry> out = new ArrayList<>();
    try (InputStream in = ChromiumDifferentialTest.class.getResourceAsStream("/authdoctor/differential/allowlist.txt")) {
      if (in == null) throw new IllegalStateException("missing allowlist.txt");
      for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
        if (line.isBlank() || line.startsWith("#")) continue;
        String[] parts = line.split(" \\| ", 3);
        if (parts.length != 3 || parts[2].isBlank()) throw new IllegalStateException("allow-list entry needs 'case-regex | aspect | reason': " + line);
        out.add(new AllowEntry(Pattern.compile(parts[0].strip()), parts[1].strip(), parts[2].strip()));
      }
    }
    return out;
  }

  static List<DiffCase> cases() {
    List<DiffCase> cases = new ArrayList<>(CaseGenerator.grid());
    cases.addAll(PickedCases.all());
    cases.addAll(CaseGenerator.random(SEED, FULL ? 600 : 60));
    cases.addAll(FULL ? CorpusCases.all() : CorpusCases.sample(25));
    // -Dauthdoctor.differential.only=REGEX runs only the matching cases (while investigating).
    String only = System.getProperty("authdoctor.differential.only");
    if (only != null && !only.isBlank()) cases.removeIf(c -> !c.id().matches(only));
    return cases;
  }

  @Test
  void generatorMakesSeveralHundredDistinctCases() {
    List<DiffCase> grid = CaseGenerator.grid();
    Set<String> ids = new LinkedHashSet<>();
    for (DiffCase c : grid) assertThat(ids.add(c.id())).as("duplicate case id %s", c.id()).isTrue();
    for (DiffCase c : PickedCases.all()) assertThat(ids.add(c.id())).as("duplicate case id %s", c.id()).isTrue();
    int comparisons = grid.stream().mapToInt(c -> c.scenario().steps().size()).sum();
    assertThat(comparisons).as("steps in the grid").isGreaterThan(300);
    assertThat(CaseGenerator.random(SEED, 5)).isEqualTo(CaseGenerator.random(SEED, 5));
    assertThat(CorpusCases.all()).hasSizeGreaterThan(300);
  }

  @Test
  void modelAgreesWithChromium() throws Exception {
    List<AllowEntry> allow = allowList();
    List<DiffCase> cases = cases();
    Agreement agreement = new Agreement();
    List<String> errors = new ArrayList<>();
    String version = "?";
    long t0 = System.nanoTime();
    try (BrowserScenarioRunner runner = BrowserScenarioRunner.start()) {
      runner.warmUp(ThirdPartyCookies.ALLOWED);
      runner.warmUp(ThirdPartyCookies.BLOCKED);
      for (DiffCase c : cases) {
        Instant start = Instant.now();
        BrowserRun run;
        try {
          run = runner.run(c.scenario());
        } catch (BrowserException e) {
          try {
            run = runner.run(c.scenario()); // once more: a crashed browser is restarted
          } catch (BrowserException again) {
            errors.add(c.id() + ": " + again.getMessage());
            continue;
          }
        }
        version = run.browserVersion();
        ScenarioReplay.Replay replay = ScenarioReplay.run(c.scenario(), start);
        BrowserComparison.Result result = BrowserComparison.compare(replay.observations(), run);
        agreement.judge(c, result, replay, run);
      }
    }
    long seconds = (System.nanoTime() - t0) / 1_000_000_000L;
    List<String> unexpected = new ArrayList<>();
    List<String> allowed = new ArrayList<>();
    for (Agreement.Disagreement d : agreement.disagreements()) {
      String aspect = d.aspect().name().toLowerCase(Locale.ROOT);
      AllowEntry hit =
          allow.stream().filter(a -> a.caseId().matcher(d.caseId()).matches() && (a.aspect().equals("*") || a.aspect().equals(aspect))).findFirst().orElse(null);
      if (hit == null) unexpected.add(d.toString());
      else allowed.add(d + "  [allowed: " + hit.reason() + "]");
    }
    // An entry whose cases ran but disagreed nowhere is stale: Chromium or the model changed.
    List<String> stale = new ArrayList<>();
    for (AllowEntry a : allow) {
      boolean ran = cases.stream().anyMatch(c -> a.caseId().matcher(c.id()).matches());
      boolean used = agreement.disagreements().stream().anyMatch(d -> a.caseId().matcher(d.caseId()).matches());
      if (ran && !used) stale.add(a.caseId().pattern());
    }
    String table =
        agreement.table(d -> allow.stream().anyMatch(a -> a.caseId().matcher(d.caseId()).matches()
            && (a.aspect().equals("*") || a.aspect().equals(d.aspect().name().toLowerCase(Locale.ROOT)))));
    String report =
        "Chromium " + version + ", " + LocalDate.now(ZoneOffset.UTC) + ", " + cases.size() + " cases (" + (FULL ? "full" : "CI sample") + ", "
            + seconds + " s); " + agreement.notComparable() + " answers not comparable.\n\n" + table;
    System.out.println(report);
    allowed.forEach(a -> System.out.println("allowed: " + a));
    unexpected.forEach(u -> System.out.println("DISAGREEMENT: " + u));
    Set<String> shown = new LinkedHashSet<>();
    for (Agreement.Disagreement d : agreement.disagreements()) {
      if (shown.add(d.caseId())) {
        cases.stream().filter(c -> c.id().equals(d.caseId())).findFirst().ifPresent(c -> System.out.println("  case " + describe(c)));
      }
    }
    errors.forEach(e -> System.out.println("BROWSER ERROR: " + e));
    Path out = Path.of("target", "differential");
    Files.createDirectories(out);
    Files.writeString(out.resolve("agreement.md"), report + "\n" + String.join("\n", allowed) + "\n" + String.join("\n", unexpected) + "\n");
    if ("update".equals(System.getProperty("authdoctor.differential.docs"))) updateDocs(report, allow);
    assertThat(errors).as("browser errors").isEmpty();
    assertThat(unexpected).as("disagreements with Chromium not in allowlist.txt").isEmpty();
    assertThat(stale).as("allowlist.txt entries whose cases now agree (remove them)").isEmpty();
  }

  /** The steps of a case, Set-Cookie values left out. */
  static String describe(DiffCase c) {
    StringBuilder sb = new StringBuilder(c.id()).append(" [").append(c.scenario().thirdPartyCookies()).append(']');
    int n = 0;
    for (Step s : c.scenario().steps()) {
      sb.append("\n    ").append(++n).append(". ").append(s instanceof ResponseStep ? "response " : "request ").append(s.method()).append(' ').append(s.url())
          .append(' ').append(s.context()).append(s.from() == null ? "" : " from " + s.from());
      if (s instanceof ResponseStep r) {
        for (String line : r.setCookie()) sb.append("\n       Set-Cookie: ").append(line.replaceFirst("=[^;]*", "=…"));
      }
    }
    return sb.toString();
  }

  private static final String BEGIN = "<!-- differential:begin -->";
  private static final String END = "<!-- differential:end -->";

  /** Rewrites the generated part of the docs' differential section. */
  private static void updateDocs(String report, List<AllowEntry> allow) throws IOException {
    Path docs = Path.of("docs", "cookie-model.md");
    String text = Files.readString(docs);
    int b = text.indexOf(BEGIN);
    int e = text.indexOf(END);
    if (b < 0 || e < b) throw new IllegalStateException("docs/cookie-model.md has no differential markers");
    StringBuilder sb = new StringBuilder(BEGIN).append("\n").append(report).append("\nAllow-listed (reviewed, `src/test/resources/authdoctor/differential/allowlist.txt`):\n\n");
    for (AllowEntry a : allow) sb.append("- `").append(a.caseId().pattern()).append("` (").append(a.aspect()).append("): ").append(a.reason()).append('\n');
    Files.writeString(docs, text.substring(0, b) + sb + text.substring(e));
  }
}
