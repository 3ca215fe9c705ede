package authdoctor.scenario;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Durations as written on the command line and in scenario files (ARCHITECTURE.md, Conventions): a
 * plain number is seconds; or a number with {@code ms}, {@code s}, {@code m} or {@code h} ({@code 3m},
 * {@code 1.5h}, {@code 250ms}).
 */
public final class Durations {
  private static final Pattern FORM = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*(ms|s|m|h)?");
  /** Longer than any cookie lives (400 days), short enough never to overflow. */
  private static final Duration MAX = Duration.ofDays(365L * 100);

  private Durations() {}

  /**
   * Parses {@code text}.
   *
   * @throws IllegalArgumentException with a one-line message naming the text, if it is not a duration
   */
  public static Duration parse(String text) {
    String t = text.strip();
    Matcher m = FORM.matcher(t);
    if (!m.matches()) {
      throw new IllegalArgumentException(
          "bad duration '" + text + "' (use a number of seconds, or a number with ms, s, m or h, e.g. 3m)");
    }
    BigDecimal amount = new BigDecimal(m.group(1));
    String unit = m.group(2) == null ? "s" : m.group(2);
    BigDecimal nanosPerUnit =
        switch (unit) {
          case "ms" -> BigDecimal.valueOf(1_000_000L);
          case "s" -> BigDecimal.valueOf(1_000_000_000L);
          case "m" -> BigDecimal.valueOf(60_000_000_000L);
          case "h" -> BigDecimal.valueOf(3_600_000_000_000L);
          default -> throw new AssertionError(unit);
        };
    BigDecimal nanos = amount.multiply(nanosPerUnit);
    if (nanos.compareTo(BigDecimal.valueOf(MAX.toNanos())) > 0) {
      throw new IllegalArgumentException("duration '" + text + "' is longer than 100 years");
    }
    return Duration.ofNanos(nanos.longValue());
  }

  /** The shortest text {@link #parse} reads back as {@code d}: {@code 3m}, {@code 90s}, {@code 250ms}. */
  public static String format(Duration d) {
    if (d.isNegative()) throw new IllegalArgumentException("negative duration " + d);
    long ms = d.toMillis();
    if (d.toNanos() % 1_000_000L != 0) {
      return BigDecimal.valueOf(d.toNanos(), 9).stripTrailingZeros().toPlainString() + "s";
    }
    if (ms % 3_600_000L == 0 && ms > 0) return ms / 3_600_000L + "h";
    if (ms % 60_000L == 0 && ms > 0) return ms / 60_000L + "m";
    if (ms % 1000L == 0) return ms / 1000L + "s";
    return ms + "ms";
  }
}
