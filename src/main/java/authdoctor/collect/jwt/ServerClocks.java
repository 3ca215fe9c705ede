package authdoctor.collect.jwt;

import authdoctor.observation.ServerClock;
import authdoctor.observation.ServerClock.Sample;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Turns {@code Date} samples into a {@link ServerClock}. Per sample, the server stamped {@code Date}
 * (truncated to the second, RFC 9110 §5.6.7) at some local instant between sending and receiving, so
 * the offset server − local lies in {@code [date − received, date + 1 s − sent]}. A steady clock lies in
 * every sample's interval, so the intervals are intersected; several samples narrow the bounds.
 */
public final class ServerClocks {
  private ServerClocks() {}

  /** The IMF-fixdate of RFC 9110 §5.6.7 ({@code Sun, 06 Nov 1994 08:49:37 GMT}), or empty. */
  public static Optional<Instant> parseDate(String value) {
    try {
      return Optional.of(ZonedDateTime.parse(value.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant());
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** The clock of one server from its samples (at least one). */
  public static ServerClock estimate(int step, URI url, List<Sample> samples) {
    Duration low = null;
    Duration high = null;
    for (Sample s : samples) {
      Duration l = Duration.between(s.received(), s.serverDate());
      Duration h = Duration.between(s.sent(), s.serverDate().plusSeconds(1));
      low = low == null || l.compareTo(low) > 0 ? l : low;
      high = high == null || h.compareTo(high) < 0 ? h : high;
    }
    if (low == null) throw new IllegalArgumentException("no samples");
    if (low.compareTo(high) <= 0) return new ServerClock(step, url, samples, low, high, true);
    // The intervals do not overlap: report the span of all of them.
    Duration spanLow = samples.stream().map(s -> Duration.between(s.received(), s.serverDate())).min(Comparator.naturalOrder()).orElseThrow();
    Duration spanHigh =
        samples.stream().map(s -> Duration.between(s.sent(), s.serverDate().plusSeconds(1))).max(Comparator.naturalOrder()).orElseThrow();
    return new ServerClock(step, url, samples, spanLow, spanHigh, false);
  }
}
