package authdoctor.checks.jwt;

import authdoctor.observation.JwtExpectation;
import authdoctor.observation.Observations;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * How token times are shown in evidence: the NumericDate, the UTC instant, and a relative phrase
 * ({@code 3 min ago}, {@code in 2 h 5 min}); and the leeway and reference time a check judges by.
 */
public final class TokenTimes {
  private TokenTimes() {}

  /** {@code 2026-11-26T09:40:00Z}, to the second. */
  public static String utc(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  /** {@code 1764150000 (2026-11-26T09:40:00Z)}. */
  public static String numericDate(Instant t) {
    return t.getEpochSecond() + " (" + utc(t) + ")";
  }

  /** A duration in words, coarsest two units: {@code 45 s}, {@code 3 min 20 s}, {@code 2 h 5 min}, {@code 3 days 4 h}. */
  public static String span(Duration d) {
    long s = Math.abs(d.toSeconds());
    if (s < 60) return s + " s";
    if (s < 3600) return s / 60 + " min" + (s % 60 == 0 ? "" : " " + s % 60 + " s");
    if (s < 86400) return s / 3600 + " h" + (s % 3600 / 60 == 0 ? "" : " " + s % 3600 / 60 + " min");
    long days = s / 86400;
    return days + (days == 1 ? " day" : " days") + (s % 86400 / 3600 == 0 ? "" : " " + s % 86400 / 3600 + " h");
  }

  /** {@code t} relative to {@code now}: {@code 3 min ago} or {@code in 3 min}. */
  public static String relative(Instant t, Instant now) {
    Duration d = Duration.between(now, t);
    return d.isNegative() ? span(d) + " ago" : "in " + span(d);
  }

  /** The leeway the verifier allows: the one stated, else none. */
  public static Duration leeway(Observations o) {
    return o.first(JwtExpectation.class).map(JwtExpectation::leeway).orElse(Duration.ZERO);
  }

  /** What the reference time is: {@code the local clock} or {@code --now}. */
  public static String reference(Observations o) {
    return o.first(JwtExpectation.class).map(JwtExpectation::reference).orElse("the local clock");
  }
}
