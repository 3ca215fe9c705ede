package authdoctor.cli;

import authdoctor.scenario.Durations;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/**
 * Parsers for flag values shared by the commands: each bad value is a {@link UsageError} naming the
 * flag and the value, one line, exit 2.
 */
final class Args {
  private Args() {}

  /** An absolute http(s) URL with a host; an empty path becomes {@code /}. */
  static URI url(String flag, String value) {
    try {
      URI u = new URI(value.strip());
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        throw new UsageError(flag + " '" + value + "': not an http(s) URL with a host");
      }
      return u.getPath() == null || u.getPath().isEmpty() ? u.resolve("/") : u;
    } catch (URISyntaxException e) {
      throw new UsageError(flag + " '" + value + "': not a valid URL (" + e.getReason() + ")");
    }
  }

  /** The origin ({@code scheme://host[:port]}) of an http(s) URL. */
  static String origin(String flag, String value) {
    URI u = url(flag, value);
    return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getRawAuthority();
  }

  /** An ISO-8601 instant such as {@code 2026-11-26T10:00:00Z}. */
  static Instant instant(String flag, String value) {
    try {
      return Instant.parse(value.strip());
    } catch (DateTimeParseException e) {
      throw new UsageError(flag + " '" + value + "': use ISO-8601, e.g. 2026-11-26T10:00:00Z");
    }
  }

  /** A duration: plain seconds, or a number with ms, s, m or h. */
  static Duration duration(String flag, String value) {
    try {
      return Durations.parse(value);
    } catch (IllegalArgumentException e) {
      throw new UsageError(flag + ": " + e.getMessage()); // the message quotes the value
    }
  }

  /** A duration greater than zero (timeouts). */
  static Duration positiveDuration(String flag, String value) {
    Duration d = duration(flag, value);
    if (d.isZero() || d.isNegative()) throw new UsageError(flag + " '" + value + "': must be positive");
    return d;
  }
}
