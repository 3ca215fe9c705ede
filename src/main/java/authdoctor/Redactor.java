package authdoctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The only way to make {@link Redacted} text. Secrets become {@code ‹redacted 32 chars fp:1a2b3c4d›},
 * where the fingerprint is the first 8 hex digits of HMAC-SHA256 keyed with a per-user random key, so
 * two runs on one machine can be compared while a short password cannot be recovered from a report.
 *
 * <p>Every secret it redacts is remembered, so {@link #scrub(String)} can remove it from any text a
 * reporter later produces (defence in depth).
 */
public final class Redactor {
  /** Environment variable holding the fingerprint key (any text); else a key file is created. */
  public static final String KEY_ENV = "AUTHDOCTOR_FP_KEY";

  private static final Set<String> SECRET_HEADERS =
      Set.of(
          "authorization",
          "proxy-authorization",
          "cookie",
          "set-cookie",
          "x-api-key",
          "x-auth-token",
          "x-csrf-token",
          "x-csrftoken",
          "x-xsrf-token");
  private static final Pattern SECRET_QUERY =
      Pattern.compile(
          "(?i)([?&#](?:code|token|access_token|id_token|refresh_token|client_secret|password|session|sid|api_key|key)=)([^&#\\s]+)");

  private final byte[] key;
  private final Set<String> seen = ConcurrentHashMap.newKeySet();

  public Redactor(byte[] key) {
    if (key.length == 0) throw new IllegalArgumentException("empty fingerprint key");
    this.key = key.clone();
  }

  /** A redactor keyed from {@code AUTHDOCTOR_FP_KEY}, else from {@code ~/.config/authdoctor/fp.key}. */
  public static Redactor forUser() {
    String env = System.getenv(KEY_ENV);
    if (env != null && !env.isEmpty()) return new Redactor(env.getBytes(StandardCharsets.UTF_8));
    String home = System.getProperty("user.home", ".");
    Path file = Path.of(home, ".config", "authdoctor", "fp.key");
    try {
      if (Files.isRegularFile(file)) {
        byte[] k = Files.readAllBytes(file);
        if (k.length >= 16) return new Redactor(k);
      }
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "fp", ".tmp");
      try {
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
      } catch (UnsupportedOperationException ignored) {
        // not a POSIX file system: the key is still random, only its mode is not narrowed
      }
      Files.write(tmp, k);
      Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      return new Redactor(Files.readAllBytes(file));
    } catch (IOException e) {
      // No writable home: fall back to a per-run key; fingerprints then only compare within one run.
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      return new Redactor(k);
    }
  }

  /** Text that holds no secret by construction (a header name, a status line, a claim name). */
  public Redacted plain(String text) {
    return new Redacted(scrub(text));
  }

  /** A secret value: only its length and fingerprint are shown. */
  public Redacted secret(String value) {
    return new Redacted(marker(value));
  }

  /** The {@code ‹redacted N chars fp:…›} marker for a secret, remembering it for {@link #scrub}. */
  public String marker(String value) {
    if (value.isEmpty()) return "‹empty›";
    remember(value);
    return "‹redacted " + value.length() + " chars fp:" + fingerprint(value) + "›";
  }

  /** First 8 hex digits of HMAC-SHA256(key, value). */
  public String fingerprint(String value) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      byte[] out = mac.doFinal(value.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(out, 0, 4);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  /** Declares a value secret without printing it, so later output is scrubbed of it. */
  public void remember(String secret) {
    // Very short values (e.g. "1") would scrub innocent text; they are still redacted where marked.
    if (secret.length() >= 4) seen.add(secret);
  }

  /** One header line as {@code Name: value}, with the secret parts of the value redacted. */
  public Redacted header(String name, String value) {
    return new Redacted(name + ": " + headerValue(name, value));
  }

  /** The value of a header with its secret parts redacted. */
  public String headerValue(String name, String value) {
    String n = name.toLowerCase(Locale.ROOT);
    return switch (n) {
      case "cookie" -> cookieHeader(value);
      case "set-cookie" -> setCookie(value);
      case "authorization", "proxy-authorization" -> authorization(value);
      case "location", "referer", "content-location", "refresh" -> url(value);
      default -> SECRET_HEADERS.contains(n) ? marker(value) : scrub(value);
    };
  }

  /** A {@code Set-Cookie} value: the cookie's value redacted, its name and attributes kept. */
  public String setCookie(String line) {
    int semi = line.indexOf(';');
    String pair = semi < 0 ? line : line.substring(0, semi);
    String attrs = semi < 0 ? "" : line.substring(semi);
    int eq = pair.indexOf('=');
    String shownPair;
    if (eq < 0) {
      shownPair = marker(pair.strip());
    } else {
      String value = pair.substring(eq + 1).strip();
      shownPair = pair.substring(0, eq + 1) + (value.isEmpty() ? "" : marker(value));
    }
    return shownPair + scrub(attrs);
  }

  /** A {@code Cookie} request header: every value redacted, names kept. */
  public String cookieHeader(String value) {
    StringBuilder sb = new StringBuilder();
    for (String part : value.split(";", -1)) {
      if (!sb.isEmpty()) sb.append(';');
      int eq = part.indexOf('=');
      if (eq < 0) {
        String v = part.strip();
        sb.append(part.startsWith(" ") ? " " : "").append(v.isEmpty() ? "" : marker(v));
      } else {
        String v = part.substring(eq + 1).strip();
        sb.append(part, 0, eq + 1).append(v.isEmpty() ? "" : marker(v));
      }
    }
    return sb.toString();
  }

  private String authorization(String value) {
    int sp = value.indexOf(' ');
    if (sp < 0) return marker(value);
    return value.substring(0, sp + 1) + marker(value.substring(sp + 1).strip());
  }

  /** A URL with secret-looking query or fragment parameters ({@code code}, {@code token}, …) redacted. */
  public String url(String url) {
    Matcher m = SECRET_QUERY.matcher(url);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      m.appendReplacement(sb, Matcher.quoteReplacement(m.group(1) + marker(m.group(2))));
    }
    m.appendTail(sb);
    return scrub(sb.toString());
  }

  /** Replaces every secret this redactor has seen by its marker. */
  public String scrub(String text) {
    String out = text;
    for (String s : seen) {
      if (out.contains(s)) out = out.replace(s, "‹redacted " + s.length() + " chars fp:" + fingerprint(s) + "›");
    }
    return out;
  }
}
