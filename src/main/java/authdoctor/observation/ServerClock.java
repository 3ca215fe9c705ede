package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A server's clock as read from its {@code Date} header (RFC 9110 §6.6.1), against the local clock,
 * over several requests. {@code Date} has one-second resolution and is stamped somewhere between the
 * moment the request left and the moment the response arrived, so each sample bounds the offset
 * (server minus local) to an interval; the bounds here are the intersection of those intervals.
 *
 * @param step position of the first sample in the command's trace
 * @param url the URL asked
 * @param samples the samples, in order (only those with a readable {@code Date})
 * @param offsetLow the offset is at least this
 * @param offsetHigh the offset is at most this
 * @param consistent false when the samples' intervals do not overlap (several hosts with different
 *     clocks behind one name, or a clock stepped while measuring); the bounds then span all samples
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record ServerClock(
    int step, URI url, List<Sample> samples, Duration offsetLow, Duration offsetHigh, boolean consistent,
    Location location)
    implements Observation {
  public ServerClock {
    requireNonNull(location);
    requireNonNull(url);
    samples = List.copyOf(samples);
    requireNonNull(offsetLow);
    requireNonNull(offsetHigh);
    if (samples.isEmpty()) throw new IllegalArgumentException("a server clock needs at least one sample");
    if (offsetLow.compareTo(offsetHigh) > 0) throw new IllegalArgumentException("offset bounds reversed");
  }

  /** Seen at its trace step. */
  public ServerClock(
      int step,
      URI url,
      List<Sample> samples,
      Duration offsetLow,
      Duration offsetHigh,
      boolean consistent) {
    this(step, url, samples, offsetLow, offsetHigh, consistent, new Location.ExchangeRef(step));
  }

  /**
   * One request: the local clock when it was sent and when its response arrived, and the {@code Date}
   * header as received.
   */
  public record Sample(Instant sent, Instant received, String dateHeader, Instant serverDate) {
    public Sample {
      requireNonNull(sent);
      requireNonNull(received);
      requireNonNull(dateHeader);
      requireNonNull(serverDate);
      if (received.isBefore(sent)) throw new IllegalArgumentException("response before request");
    }

    /** Local time at the middle of the round trip. */
    public Instant midpoint() {
      return sent.plus(Duration.between(sent, received).dividedBy(2));
    }
  }

  /** The best single estimate of the offset: the middle of the bounds. */
  public Duration offset() {
    return offsetLow.plus(offsetHigh.minus(offsetLow).dividedBy(2));
  }

  /** The sample the estimate is shown with: the one with the shortest round trip. */
  public Sample bestSample() {
    return samples.stream()
        .min(java.util.Comparator.comparing(s -> Duration.between(s.sent(), s.received())))
        .orElseThrow();
  }
}
