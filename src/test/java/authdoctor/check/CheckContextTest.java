package authdoctor.check;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.catalog.Catalog;
import authdoctor.checks.Checks;
import authdoctor.checks.redirect.RedirectWrongHost;
import authdoctor.testing.TestRedactors;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CheckContextTest {
  private static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-26T10:00:00Z"), ZoneOffset.UTC);

  private final CheckContext ctx =
      new CheckContext(Checks.spec(new RedirectWrongHost()), CLOCK, Stack.UNKNOWN, TestRedactors.fixed(), Catalog.bundled());

  private List<Evidence> occurrences(int n) {
    return IntStream.rangeClosed(1, n)
        .mapToObj(step -> new Evidence("header", "GET /" + step, ctx.redactor().plain("Location: /"), new Location.ExchangeRef(step)))
        .toList();
  }

  @Test
  void groupedFindingShowsTheFirstThreeOccurrencesAndCountsTheRestOnTheLast() {
    Finding f = ctx.grouped(occurrences(5), "exchange(s)");
    assertThat(f.id()).isEqualTo("redirect.wrong-host");
    assertThat(f.evidence()).extracting(Evidence::location)
        .containsExactly(new Location.ExchangeRef(1), new Location.ExchangeRef(2), new Location.ExchangeRef(3));
    assertThat(f.evidence().get(2).facts()).containsExactly(java.util.Map.entry("also", "2 more exchange(s) in this run"));
    assertThat(f.evidence().get(0).facts()).isEmpty();
  }

  @Test
  void groupedFindingWithUpToThreeOccurrencesShowsThemAllWithoutACount() {
    Finding f = ctx.grouped(occurrences(3), "exchange(s)");
    assertThat(f.evidence()).hasSize(3).allMatch(e -> e.facts().isEmpty());
  }
}
