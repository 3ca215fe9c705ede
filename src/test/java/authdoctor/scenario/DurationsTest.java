package authdoctor.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
  @Test
  void plainNumberIsSeconds() {
    assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
    assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
    assertThat(Durations.parse("1.5")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void suffixes() {
    assertThat(Durations.parse("250ms")).isEqualTo(Duration.ofMillis(250));
    assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
    assertThat(Durations.parse("3m")).isEqualTo(Duration.ofMinutes(3));
    assertThat(Durations.parse("2h")).isEqualTo(Duration.ofHours(2));
    assertThat(Durations.parse(" 0.5h ")).isEqualTo(Duration.ofMinutes(30));
  }

  @Test
  void rejectsOtherForms() {
    for (String bad : new String[] {"", "m", "-1", "3d", "3 days", "1e3", "PT3M", "3M"}) {
      assertThatThrownBy(() -> Durations.parse(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("bad duration '" + bad + "'");
    }
    assertThatThrownBy(() -> Durations.parse("999999999h")).hasMessageContaining("longer than 100 years");
  }

  @Test
  void formatRoundTrips() {
    for (Duration d : new Duration[] {Duration.ZERO, Duration.ofMillis(250), Duration.ofSeconds(90), Duration.ofMinutes(3), Duration.ofHours(5), Duration.ofNanos(1500)}) {
      assertThat(Durations.parse(Durations.format(d))).isEqualTo(d);
    }
    assertThat(Durations.format(Duration.ofMinutes(3))).isEqualTo("3m");
    assertThat(Durations.format(Duration.ofSeconds(90))).isEqualTo("90s");
  }
}
