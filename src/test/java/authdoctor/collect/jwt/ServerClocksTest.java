package authdoctor.collect.jwt;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.ServerClock;
import authdoctor.observation.ServerClock.Sample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class ServerClocksTest {
  static final URI URL = URI.create("https://api.example.test/");

  static Sample sample(String sent, String received, String date) {
    return new Sample(Instant.parse(sent), Instant.parse(received), date, ServerClocks.parseDate(date).orElseThrow());
  }

  @Test
  void imfFixdateIsParsedAndJunkIsEmpty() {
    assertThat(ServerClocks.parseDate("Thu, 26 Nov 2026 10:10:00 GMT")).contains(Instant.parse("2026-11-26T10:10:00Z"));
    assertThat(ServerClocks.parseDate("yesterday")).isEmpty();
  }

  @Test
  void oneSampleBoundsTheOffsetByTheRoundTripAndOneSecond() {
    // Date 10:10:00 stamped between local 10:00:00.0 and 10:00:00.2: offset in [599.8 s, 601.0 s]
    ServerClock c = ServerClocks.estimate(2, URL, List.of(sample("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.200Z", "Thu, 26 Nov 2026 10:10:00 GMT")));
    assertThat(c.offsetLow()).isEqualTo(Duration.ofMillis(599_800));
    assertThat(c.offsetHigh()).isEqualTo(Duration.ofMillis(601_000));
    assertThat(c.offset()).isEqualTo(Duration.ofMillis(600_400));
    assertThat(c.consistent()).isTrue();
  }

  @Test
  void severalSamplesNarrowTheBounds() {
    ServerClock c = ServerClocks.estimate(2, URL, List.of(
        sample("2026-11-26T10:00:00.000Z", "2026-11-26T10:00:00.100Z", "Thu, 26 Nov 2026 10:00:00 GMT"),
        sample("2026-11-26T10:00:00.600Z", "2026-11-26T10:00:00.700Z", "Thu, 26 Nov 2026 10:00:01 GMT")));
    // first: [-0.1, +1.0]; second: [+0.3, +1.4] → [+0.3, +1.0]
    assertThat(c.offsetLow()).isEqualTo(Duration.ofMillis(300));
    assertThat(c.offsetHigh()).isEqualTo(Duration.ofMillis(1000));
  }

  @Test
  void disagreeingSamplesSpanAllAndSaySo() {
    ServerClock c = ServerClocks.estimate(2, URL, List.of(
        sample("2026-11-26T10:00:00Z", "2026-11-26T10:00:00.100Z", "Thu, 26 Nov 2026 10:00:00 GMT"),
        sample("2026-11-26T10:00:01Z", "2026-11-26T10:00:01.100Z", "Thu, 26 Nov 2026 10:05:01 GMT")));
    assertThat(c.consistent()).isFalse();
    assertThat(c.offsetLow()).isEqualTo(Duration.ofMillis(-100));
    assertThat(c.offsetHigh()).isEqualTo(Duration.ofSeconds(301));
  }
}
