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

  /**
   * An absolute http(s) URL with a host; an empty path becomes {@code /}. A user name or password in it
   * ({@code http://user:PASSWORD@host}) is refused, as {@code --store} does, and never echoed: argv ends up
   * in shell history and {@code ps}, and the password would travel wherever the URL goes.
   */
  static URI url(String flag, String value) {
    String shown = withoutUserInfo(value);
    URI u;
    try {
      u = new URI(value.strip());
    } catch (URISyntaxException e) {
      throw new UsageError(flag + " '" + shown + "': not a valid URL (" + withoutUserInfo(e.getReason()) + ")");
    }
    String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
    if (u.getRawUserInfo() != null || (u.getHost() == null && u.getRawAuthority() != null && u.getRawAuthority().contains("@"))) {
      throw new UsageError(flag + " '" + shown + "': no user or password in the URL (shell history, ps); give the "
          + "password with --password-env VAR, --password-file FILE or --password-stdin, or -H 'Authorization: …'");
    }
    if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
      throw new UsageError(flag + " '" + shown + "': not an http(s) URL with a host");
    }
    return u.getPath() == null || u.getPath().isEmpty() ? u.resolve("/") : u;
  }

  /** {@code value} with whatever stands between {@code //} and {@code @} hidden: it may be a password. */
  static String withoutUserInfo(String value) {
    return value.replaceAll("(?<=//)[^/?#]*@", "…@");
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

  /** Why a file could not be read or written, in words: no such file, permission denied, a directory, or the system's reason. */
  static String fileProblem(java.nio.file.Path file, java.io.IOException e) {
    return switch (e) {
      case java.nio.file.NoSuchFileException x -> "no such file";
      case java.nio.file.AccessDeniedException x -> "permission denied";
      default -> java.nio.file.Files.isDirectory(file) ? "a directory, not a file"
          : e.getMessage() == null ? "an I/O error" : e.getMessage().replace(file.toString(), "").replaceFirst("^[: ]*", "");
    };
  }
}
