package authdoctor.cookie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import authdoctor.testing.ReferenceFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cookie corpora ({@code src/test/resources/corpus/cookies}) as parameterized tests: every row must
 * pass, except the rows of {@code corpus-allowlist.txt} whose expectation Chromium no longer follows;
 * an allow-listed row that passes fails the test, so the list cannot go stale.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CorpusTest {
  /** A fixed "now" before the fixed years the WPT rows use (2027, 2038, 2100). */
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private static final ObjectMapper JSON = new ObjectMapper();
  private final Map<String, String> allowed = loadAllowList();
  private final Map<String, int[]> counts = new LinkedHashMap<>();

  static Path corpus(String relative) {
    return ReferenceFiles.cookieCorpus(relative);
  }

  static Stream<Arguments> rows(String relative) {
    List<Arguments> out = new ArrayList<>();
    try (BufferedReader r = Files.newBufferedReader(corpus(relative), StandardCharsets.UTF_8)) {
      String line;
      while ((line = r.readLine()) != null) {
        if (line.isBlank()) continue;
        JsonNode row = JSON.readTree(line);
        out.add(Arguments.of(row.get("id").asText(), row));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.stream();
  }

  static Stream<Arguments> wptCookies() {
    return rows("wpt/wpt-cookies.jsonl");
  }

  static Stream<Arguments> wptCookiesRecent() {
    return rows("wpt/wpt-cookies-recent.jsonl");
  }

  static Stream<Arguments> httpStateWpt() {
    return rows("http-state-wpt/http-state-wpt.jsonl");
  }

  static Stream<Arguments> httpStateMacaron() {
    return rows("http-state-macaron/http-state-macaron.jsonl");
  }

  static Stream<Arguments> dates() {
    return Stream.concat(
        rows("http-state-macaron/cookie-dates-examples.jsonl"),
        rows("http-state-macaron/cookie-dates-bsd-examples.jsonl"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wptCookies")
  void wptCookies(String id, JsonNode row) {
    check("wpt-cookies", id, new CorpusRunner(CLOCK).run(row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("wptCookiesRecent")
  void wptCookiesRecent(String id, JsonNode row) {
    check("wpt-cookies-recent", id, new CorpusRunner(CLOCK).run(row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpStateWpt")
  void httpStateWpt(String id, JsonNode row) {
    check("http-state-wpt", id, new CorpusRunner(CLOCK).run(row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("httpStateMacaron")
  void httpStateMacaron(String id, JsonNode row) {
    check("http-state-macaron", id, new CorpusRunner(CLOCK).run(row));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dates")
  void cookieDates(String id, JsonNode row) {
    JsonNode want = row.get("expected_utc");
    Optional<Instant> got = CookieDate.parse(row.get("input").asText());
    String mismatch = null;
    if (want.isNull() && got.isPresent()) {
      mismatch = "want no date, got " + got.get();
    } else if (!want.isNull()) {
      Instant w = CorpusRunner.rfc1123(want.asText());
      if (!got.equals(Optional.of(w))) mismatch = "want " + w + " got " + got;
    }
    check("cookie-dates", id, mismatch);
  }

  @Test
  void everyAllowListedRowExistsInACorpus() {
    List<String> ids = new ArrayList<>();
    for (String f :
        List.of(
            "wpt/wpt-cookies.jsonl",
            "wpt/wpt-cookies-recent.jsonl",
            "http-state-wpt/http-state-wpt.jsonl",
            "http-state-macaron/http-state-macaron.jsonl",
            "http-state-macaron/cookie-dates-examples.jsonl",
            "http-state-macaron/cookie-dates-bsd-examples.jsonl")) {
      rows(f).forEach(a -> ids.add((String) a.get()[0]));
    }
    assertThat(ids).containsAll(allowed.keySet());
  }

  private void check(String corpus, String id, String mismatch) {
    int[] c = counts.computeIfAbsent(corpus, k -> new int[3]);
    c[0]++;
    String reason = allowed.get(id);
    if (reason != null) {
      c[2]++;
      if (mismatch == null) {
        fail("allow-listed row now passes, remove it from corpus-allowlist.txt: " + id);
      }
      return;
    }
    if (mismatch != null) fail(id + ": " + mismatch);
    c[1]++;
  }

  @AfterAll
  void printCounts() {
    for (Map.Entry<String, int[]> e : counts.entrySet()) {
      int[] c = e.getValue();
      System.out.printf(
          "corpus %s: %d rows, %d passed, %d allowed, %d failed%n",
          e.getKey(), c[0], c[1], c[2], c[0] - c[1] - c[2]);
    }
  }

  private static Map<String, String> loadAllowList() {
    Map<String, String> out = new LinkedHashMap<>();
    try (InputStream in = CorpusTest.class.getResourceAsStream("corpus-allowlist.txt")) {
      if (in == null) return out;
      BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
      String line;
      while ((line = r.readLine()) != null) {
        line = line.strip();
        if (line.isEmpty() || line.startsWith("#")) continue;
        int bar = line.indexOf(" | ");
        if (bar < 0) throw new IllegalStateException("allow-list line without ' | reason': " + line);
        out.put(line.substring(0, bar).strip(), line.substring(bar + 3).strip());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }
}
