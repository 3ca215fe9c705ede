package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Redacted;
import authdoctor.Redactor;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One setting of a deployment or runtime file as written: a {@code KEY=value} line of an {@code .env}
 * file, a directive of {@code redis.conf}, a variable a compose service, Kubernetes container, systemd
 * unit, Dockerfile or start command sets, an assignment of {@code gunicorn.conf.py}. Its value may be a
 * secret: show it only through {@link #excerpt}.
 *
 * @param format what file it comes from
 * @param file the file, relative to the scanned root
 * @param key the variable or directive name ({@code SECRET_KEY}, {@code maxmemory-policy})
 * @param value its value, unquoted (may be a secret)
 * @param location its file and line
 * @param instance the process it is given to (compose service, Kubernetes {@code deployment/container},
 *     systemd unit, Procfile process type, Dockerfile), or null when the file is read on its own
 */
public record DeploySetting(Format format, String file, String key, String value, Location location, @Nullable String instance)
    implements Observation {
  /** The kinds of file settings are read from. */
  public enum Format {
    ENV,
    REDIS,
    /** {@code environment:} of a docker compose service. */
    COMPOSE,
    /** {@code ENV} of a Dockerfile. */
    DOCKERFILE,
    /** {@code Environment=} of a systemd unit. */
    SYSTEMD,
    /** {@code env:} of a Kubernetes container, {@code data}/{@code stringData} of a Secret or ConfigMap. */
    KUBERNETES,
    /** A {@code VAR=value} (or {@code export VAR=value}) in a start command or an entrypoint script. */
    COMMAND,
    /** A top-level assignment of {@code gunicorn.conf.py}. */
    GUNICORN,
    /** {@code env}/{@code env_production} of an app in a PM2 ecosystem file. */
    PM2
  }

  /**
   * A command substitution or expression that makes a new random value each time it runs: {@code
   * $(openssl rand -hex 32)}, {@code secrets.token_hex()}, {@code /dev/urandom}, {@code uuidgen}.
   */
  private static final Pattern GENERATOR =
      Pattern.compile("(?is).*(openssl\\s+rand|/dev/u?random|uuidgen|secrets\\.token_\\w+|os\\.urandom|kernel/random/uuid|\\$RANDOM|\\bpwgen\\b|uuid\\.uuid4|crypto\\.randomBytes|SecureRandom).*");

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

  /** A setting of a file read on its own. */
  public DeploySetting(Format format, String file, String key, String value, Location location) {
    this(format, file, key, value, location, null);
  }

  /**
   * Whether the value is made anew by a random generator each time the process (or its shell) starts: a
   * shell command substitution, or a Python expression of {@code gunicorn.conf.py} (run at each start).
   */
  public boolean generated() {
    boolean evaluated = value.contains("$(") || value.contains("`") || value.contains("$RANDOM") || format == Format.GUNICORN;
    return evaluated && GENERATOR.matcher(value).matches();
  }

  /** The generator that makes the value ({@code openssl rand}), or the empty string when it is not {@link #generated}. */
  public String generator() {
    if (!generated()) return "";
    java.util.regex.Matcher m = GENERATOR.matcher(value);
    return m.matches() ? m.group(1) : "";
  }

  /** Whether the value is written out (not a {@code ${VAR}} reference, a substitution or a Kubernetes reference). */
  public boolean literal() {
    return !value.isEmpty() && !value.contains("$") && !value.contains("`") && !value.startsWith(REFERENCE);
  }

  /** How a value taken from elsewhere is written: {@code valueFrom secretKeyRef app-secrets/SECRET_KEY}. */
  public static final String REFERENCE = "valueFrom ";

  /** Whether the value is a credential by its name, or holds one (a URL with user info). */
  public boolean secret() {
    return SECRET_NAME.matcher(key).matches() || value.contains("@") || (instance != null && instance.startsWith("secret/"));
  }

  /** The key, compared case-insensitively for redis directives. */
  public boolean is(String name) {
    return format == Format.REDIS ? key.equalsIgnoreCase(name) : key.equals(name);
  }

  /** The line as an excerpt: a secret value as its marker, any other as written. */
  public Redacted excerpt(Redactor redactor) {
    String shown = secret() ? redactor.marker(value) : value;
    return redactor.plain(switch (format) {
      case REDIS -> key.toLowerCase(Locale.ROOT) + " " + shown;
      case GUNICORN -> key + " = " + shown;
      case KUBERNETES, PM2 -> key + ": " + shown;
      default -> key + "=" + shown;
    });
  }
}
