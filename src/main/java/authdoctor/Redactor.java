package authdoctor;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The only way to make {@link Redacted} text. Secrets become {@code ‹redacted 32 chars fp:1a2b3c4d›},
 * where the fingerprint is the first 8 hex digits of HMAC-SHA256 keyed with a per-user random key, so
 * two runs on one machine can be compared while a short password cannot be recovered from a report.
 *
 * <p>Values are redacted where they enter a report (a header, a URL, a body field, a line of server
 * text). Two kinds of secret are remembered for that: the user's own {@link #credential credentials}
 * (a password, an {@code Authorization} value), removed from any text that enters a report whatever
 * their length, and values a server handed out ({@link #remember}: cookie values, tokens). Rendered
 * output then goes through {@link #safetyNet}, which replaces only remembered values of at least
 * {@link #SAFETY_NET_MIN} characters: searching a finished report for {@code null}, {@code true} or
 * {@code 0} (a cookie Starlette deletes with {@code session=null}) would corrupt the report itself.
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
  /**
   * The shortest remembered value {@link #safetyNet} replaces in rendered output. Shorter values are
   * words and numbers a report is made of ({@code null}, {@code true}, {@code false}, {@code 0},
   * {@code deleted}, {@code expired}), and 7 characters hold at most 42 bits even in base64: a session
   * id or token worth guessing is longer (OWASP asks 64 bits of entropy of a session id, 16 hex digits;
   * a CSRF token, a JWT or an opaque token is longer still). Short values are redacted where they enter
   * (as a cookie value, a token field), and the user's own credentials at any length ({@link #scrub}).
   */
  public static final int SAFETY_NET_MIN = 8;

  /** A query or fragment parameter: its name and its value. */
  private static final Pattern QUERY_PARAMETER = Pattern.compile("([?&#;]([^=&#;\\s]+)=)([^&#;\\s]+)");
  /** Parameters that carry a credential or a value that binds one (OAuth, OIDC, SAML, CAS, signed URLs). */
  private static final Set<String> SECRET_PARAMETERS = Set.of(
      "code", "state", "token", "access_token", "id_token", "refresh_token", "id_token_hint", "client_secret",
      "client_assertion", "assertion", "code_verifier", "nonce", "session_state", "password", "passwd", "pwd",
      "session", "sid", "api_key", "apikey", "key", "jwt", "auth", "ticket", "otp", "samlresponse", "samlrequest",
      "relaystate", "sig", "signature");
  private static final Pattern SECRET_PARAMETER_PART = Pattern.compile("(?i).*(token|secret|passw|signature|credential).*");

  private final byte[] key;
  /** The user's credentials, removed from text entering a report whatever their length. */
  private final Set<String> credentials = ConcurrentHashMap.newKeySet();
  /** Remembered values long enough for {@link #safetyNet}. */
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
    return fromKeyFile(Path.of(home, ".config", "authdoctor", "fp.key"));
  }

  /**
   * A redactor keyed from {@code file}, created with a random key on first use. Runs started at once agree
   * on the key: each writes its candidate to a temporary file and links it into place only if no key is
   * there yet (an atomic create), then every run reads the key that won.
   */
  public static Redactor fromKeyFile(Path file) {
    try {
      byte[] existing = readKey(file);
      if (existing != null) return new Redactor(existing);
      Files.createDirectories(file.getParent());
      Path tmp = Files.createTempFile(file.getParent(), "fp", ".tmp");
      try {
        try {
          Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
          // not a POSIX file system: the key is still random, only its mode is not narrowed
        }
        byte[] k = new byte[32];
        new SecureRandom().nextBytes(k);
        Files.write(tmp, k);
        publish(tmp, file);
      } finally {
        Files.deleteIfExists(tmp);
      }
      byte[] won = readKey(file);
      if (won == null) throw new IOException("the key file is still too short");
      return new Redactor(won);
    } catch (IOException | UnsupportedOperationException e) {
      // No writable home: fall back to a per-run key; fingerprints then only compare within one run.
      byte[] k = new byte[32];
      new SecureRandom().nextBytes(k);
      return new Redactor(k);
    }
  }

  /** The key in {@code file}, or null when there is none (or too short a one to be a key). */
  private static byte @Nullable [] readKey(Path file) throws IOException {
    if (!Files.isRegularFile(file)) return null;
    byte[] k = Files.readAllBytes(file);
    return k.length >= 16 ? k : null;
  }

  /** Puts the complete key file {@code tmp} at {@code file} unless a key is already there. */
  private static void publish(Path tmp, Path file) throws IOException {
    if (Files.exists(file) && readKey(file) == null) {
      // A truncated key (an interrupted write by an older version): replace it whole.
      Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return;
    }
    try {
      Files.createLink(file, tmp); // link(2): fails if the name exists, so the first run's key stays
    } catch (FileAlreadyExistsException lost) {
      // another run created the key first: use it
    } catch (UnsupportedOperationException | IOException noLinks) {
      if (!Files.exists(file)) {
        try {
          Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE); // no REPLACE_EXISTING
        } catch (FileAlreadyExistsException lost) {
          // another run created the key first: use it
        }
      }
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

  /**
   * A key for one purpose derived from the fingerprint key ({@link authdoctor.internal.Hkdf}, {@code label} as
   * the info): the fingerprint key itself never leaves this class, and a derived key does not reveal it.
   */
  public byte[] derivedKey(String label) {
    return authdoctor.internal.Hkdf.derive(key, label, 32);
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

  /**
   * Declares a value a server handed out (a cookie value, a token) secret without printing it: when it is
   * long enough to be a secret ({@link #SAFETY_NET_MIN}), {@link #scrub} and {@link #safetyNet} replace it.
   * A shorter one is redacted only where its context says it is a value (a cookie, a token field).
   */
  public void remember(String secret) {
    if (secret.length() >= SAFETY_NET_MIN) seen.add(secret);
  }

  /**
   * Declares one of the user's credentials (a password, an {@code Authorization} value, a key): removed
   * from every text that enters a report ({@link #scrub}, {@link #plain}, URLs, header values, body
   * fields), however short: a short one wherever it stands as a word of its own.
   */
  public void credential(String secret) {
    if (secret.isEmpty()) return;
    credentials.add(secret);
    remember(secret);
  }

  /** Whether {@code value} is exactly one of the user's credentials (a body field, a header value). */
  public boolean isCredential(String value) {
    return credentials.contains(value);
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
      default -> SECRET_HEADERS.contains(n) || isCredential(value.strip()) ? marker(value) : scrub(value);
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

  /**
   * A URL with the query or fragment parameters that carry a credential redacted: OAuth's {@code code}
   * and {@code state}, tokens, SAML messages, signatures, and any name with {@code token}, {@code secret},
   * {@code passw}, {@code signature} or {@code credential} in it.
   */
  public String url(String url) {
    Matcher m = QUERY_PARAMETER.matcher(url);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String shown = secretParameter(m.group(2)) || isCredential(m.group(3)) ? m.group(1) + marker(m.group(3)) : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(shown));
    }
    m.appendTail(sb);
    return scrub(sb.toString());
  }

  private static boolean secretParameter(String name) {
    return SECRET_PARAMETERS.contains(name.toLowerCase(Locale.ROOT)) || SECRET_PARAMETER_PART.matcher(name).matches();
  }

  /**
   * Text entering a report (a server's message, an error line): every credential and every remembered
   * value long enough to be a secret replaced by its marker.
   */
  public String scrub(String text) {
    String out = replace(text, seen);
    for (String c : credentials) {
      if (c.length() >= SAFETY_NET_MIN || !out.contains(c)) continue;
      // A short password is replaced where it stands as a word of its own (between non-alphanumerics),
      // so "pw" goes without every "pw" inside other words.
      Pattern word = Pattern.compile("(?<![\\p{L}\\p{N}])" + Pattern.quote(c) + "(?![\\p{L}\\p{N}])");
      out = word.matcher(out).replaceAll(Matcher.quoteReplacement(marker(c)));
    }
    return out;
  }

  /**
   * The last pass over a rendered report (text, JSON, …) before it is written: remembered values of at
   * least {@link #SAFETY_NET_MIN} characters replaced, in case one reached the output unredacted. Shorter
   * values are left alone, so the report's own words and JSON literals stay intact.
   */
  public String safetyNet(String rendered) {
    return replace(rendered, seen);
  }

  private String replace(String text, Set<String> values) {
    String out = text;
    for (String s : values) {
      String mark = "‹redacted " + s.length() + " chars fp:" + fingerprint(s) + "›";
      for (String form : renderedForms(s)) {
        if (out.contains(form)) out = out.replace(form, mark);
      }
    }
    return out;
  }

  /**
   * A value as each output format may have escaped it: as is, with HTML/XML's entities (the HTML and
   * JUnit reports: {@code &amp;}, {@code &lt;}, {@code &gt;}, {@code &quot;}, {@code &#39;} or
   * {@code &apos;}) and with JSON's escapes ({@code \"}, {@code \\}, {@code \/}). A value with a
   * quote or an ampersand would otherwise slip through the net in exactly those formats.
   */
  static Set<String> renderedForms(String s) {
    Set<String> forms = new LinkedHashSet<>();
    forms.add(s);
    String xml = s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    forms.add(xml.replace("'", "&#39;"));
    forms.add(xml.replace("'", "&apos;"));
    forms.add(xml.replace("&quot;", "\"").replace("'", "&#39;"));
    forms.add(s.replace("\\", "\\\\").replace("\"", "\\\""));
    forms.add(s.replace("\\", "\\\\").replace("\"", "\\\"").replace("/", "\\/"));
    return forms;
  }
}
