package authdoctor.collect.probe;

import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Where the common session libraries keep a session in Redis, given its cookie: the session id taken out
 * of the cookie value and the key each library builds from it with its default prefix ({@link
 * Framework#storeKeys()}).
 *
 * <ul>
 *   <li>express-session with connect-redis: the cookie is {@code s:<id>.<signature>} (URL-encoded
 *       {@code s%3A…}), the key {@code sess:<id>} (connect-redis' {@code prefix} option, default
 *       {@code "sess:"});
 *   <li>Flask-Session: the cookie ({@code session}) is the sid, or {@code <sid>.<signature>} with
 *       {@code SESSION_USE_SIGNER}; the key {@code session:<sid>} ({@code SESSION_KEY_PREFIX});
 *   <li>Spring Session Data Redis: the {@code SESSION} cookie is the id in base64
 *       ({@code DefaultCookieSerializer}), the key {@code spring:session:sessions:<id>} (namespace
 *       {@code spring:session});
 *   <li>Django's {@code cache} and {@code cached_db} session engines: the key
 *       {@code :1:django.contrib.sessions.cache<key>} ({@code KEY_PREFIX} empty, {@code VERSION} 1, Django's
 *       default {@code KEY_FUNCTION} {@code prefix:version:key}; django-redis uses the same).
 * </ul>
 *
 * An app that sets its own prefix is looked up with {@code --store-prefix}: that prefix followed by the id.
 */
final class SessionStoreKeys {
  private static final Pattern EXPRESS = Pattern.compile("^s(?::|%3A)(.+)\\.[^.]+$", Pattern.CASE_INSENSITIVE);
  private static final Pattern SIGNED_SID = Pattern.compile("^([A-Za-z0-9_-]{16,})\\.([A-Za-z0-9_-]{8,})$");
  private static final Pattern OPAQUE = Pattern.compile("^[A-Za-z0-9_-]{16,}$");
  private static final Pattern UUID = Pattern.compile("^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$");

  private SessionStoreKeys() {}

  /** A key to look up: whose convention, the prefix (not secret) and the whole key (secret: it holds the id). */
  record Candidate(String convention, String prefix, String key) {}

  /**
   * The session id and the keys to look it up under.
   *
   * @param id the session id (a secret)
   * @param signedId whether the cookie signs the id with the app's secret
   * @param candidates the keys; empty when no library's convention fits and no prefix was given
   */
  record Derived(String id, boolean signedId, List<Candidate> candidates) {}

  /** The id and keys for the session cookie {@code name=value}; empty when the value holds no id. */
  static Optional<Derived> of(String name, String value, @Nullable String prefix) {
    String v = value.strip();
    if (v.length() > 1 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
    if (v.isEmpty()) return Optional.empty();
    String n = name.toLowerCase(Locale.ROOT);
    String id;
    boolean signed = false;
    List<Candidate> defaults = new ArrayList<>();
    Matcher express = EXPRESS.matcher(v);
    Matcher signedSid = SIGNED_SID.matcher(v);
    String springId = base64Uuid(v); // Spring Session, whatever the cookie is named
    if (express.matches()) {
      // express-session: "s:" + id + "." + HMAC of the id; the id is uid-safe (no characters to decode).
      id = express.group(1);
      signed = true;
      defaults.addAll(keys(Frameworks.EXPRESS, id));
    } else if (springId != null) {
      id = springId;
      defaults.addAll(keys(Frameworks.SPRING, id));
    } else if (Frameworks.DJANGO.sessionCookie(n) && OPAQUE.matcher(v).matches()) {
      id = v;
      defaults.addAll(keys(Frameworks.DJANGO, id));
    } else if (Frameworks.FLASK.sessionCookie(n) && signedSid.matches()) {
      // Flask-Session's SESSION_USE_SIGNER: itsdangerous Signer, sid + "." + signature.
      id = signedSid.group(1);
      signed = true;
      defaults.addAll(keys(Frameworks.FLASK, id));
    } else if (Frameworks.FLASK.sessionCookie(n) && OPAQUE.matcher(v).matches()) {
      id = v;
      defaults.addAll(keys(Frameworks.FLASK, id));
    } else {
      id = v;
    }
    if (prefix != null) return Optional.of(new Derived(id, signed, List.of(new Candidate("--store-prefix", prefix, prefix + id))));
    return Optional.of(new Derived(id, signed, defaults));
  }

  /** The keys {@code framework}'s session stores keep the session {@code id} under. */
  private static List<Candidate> keys(Framework framework, String id) {
    return framework.storeKeys().stream().map(k -> new Candidate(k.convention(), k.prefix(), k.prefix() + id)).toList();
  }

  /** The id in a Spring Session cookie (base64 of a UUID), or null when the value is not one. */
  private static @Nullable String base64Uuid(String v) {
    try {
      String decoded = new String(Base64.getDecoder().decode(v), StandardCharsets.US_ASCII);
      return UUID.matcher(decoded).matches() ? decoded : null;
    } catch (IllegalArgumentException e) {
      return null;
    }
  }
}
