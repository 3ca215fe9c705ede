package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import authdoctor.Redactor;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * One setting of a deployment or runtime file as written: a {@code KEY=value} line of an {@code .env}
 * file, a directive of {@code redis.conf}. Its value may be a secret: show it only through {@link
 * #excerpt}.
 *
 * @param format what file it comes from
 * @param file the file, relative to the scanned root
 * @param key the variable or directive name ({@code SECRET_KEY}, {@code maxmemory-policy})
 * @param value its value, unquoted (may be a secret)
 * @param location its file and line
 */
public record DeploySetting(Format format, String file, String key, String value, Location location) implements Observation {
  /** The kinds of file settings are read from. */
  public enum Format {
    ENV,
    REDIS
  }

  /** Names whose values are credentials: shown only as their length and fingerprint. */
  private static final Pattern SECRET_NAME =
      Pattern.compile("(?i).*(secret|passw|pass$|token|key|salt|private|credential|auth|requirepass|masterauth|dsn|_url$).*");

  public DeploySetting {
    requireNonNull(format);
    requireNonNull(file);
    requireNonNull(key);
    requireNonNull(value);
    requireNonNull(location);
  }

  /** Whether the value is a credential by its name, or holds one (a URL with user info). */
  public boolean secret() {
    return SECRET_NAME.matcher(key).matches() || value.contains("@");
  }

  /** The key, compared case-insensitively for redis directives. */
  public boolean is(String name) {
    return format == Format.REDIS ? key.equalsIgnoreCase(name) : key.equals(name);
  }

  /** The line as an excerpt: a secret value as its marker, any other as written. */
  public Redacted excerpt(Redactor redactor) {
    String shown = secret() ? redactor.marker(value) : value;
    return redactor.plain(format == Format.ENV ? key + "=" + shown : key.toLowerCase(Locale.ROOT) + " " + shown);
  }
}
