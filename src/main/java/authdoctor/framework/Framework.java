package authdoctor.framework;

import static java.util.Objects.requireNonNull;

import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One framework's defaults as its documentation gives them: what the probe looks for on the wire, what
 * the stack detector recognises it by, what the session checks and the store lookup read, and, for the
 * static scanner, the setting that changes each default. A name list is in the framework's own spelling
 * (cookie names are case-sensitive); a session cookie name may hold one {@code *} (Rails'
 * {@code _<app>_session}).
 *
 * @param key the catalog's Fix key ({@code flask}, {@code django}, …; {@code generic} for conventions of
 *     no one framework)
 * @param name how the framework is written in prose
 * @param sessionCookies the default session cookie names, most common first
 * @param identifyingCookies cookie names that tell this framework apart from the others (the stack
 *     detector's clue); a default shared with an earlier framework in {@link Frameworks#ALL} is left out
 * @param csrf the framework's CSRF token names
 * @param refusals the phrases of its CSRF refusal pages
 * @param storeKeys where its session stores keep a session (Redis key prefixes)
 * @param settings the settings that control each default
 * @param sampleSecrets secret keys from its documentation and project templates: a deployment using one
 *     signs sessions with a public key
 */
public record Framework(
    String key,
    String name,
    List<String> sessionCookies,
    List<String> identifyingCookies,
    Csrf csrf,
    Refusals refusals,
    List<StoreKey> storeKeys,
    Settings settings,
    List<String> sampleSecrets) {
  public Framework {
    requireNonNull(key);
    requireNonNull(name);
    sessionCookies = List.copyOf(sessionCookies);
    identifyingCookies = List.copyOf(identifyingCookies);
    requireNonNull(csrf);
    requireNonNull(refusals);
    storeKeys = List.copyOf(storeKeys);
    requireNonNull(settings);
    sampleSecrets = List.copyOf(sampleSecrets);
  }

  /**
   * The names a framework's CSRF protection uses.
   *
   * @param fields the hidden form field a token is posted in
   * @param headers the request header a script sends the token in
   * @param cookies the cookie that carries the token for scripts to read (double submit)
   * @param metas the {@code <meta name>} a page offers the token in
   */
  public record Csrf(List<String> fields, List<String> headers, List<String> cookies, List<String> metas) {
    public static final Csrf NONE = new Csrf(List.of(), List.of(), List.of(), List.of());

    public Csrf {
      fields = List.copyOf(fields);
      headers = List.copyOf(headers);
      cookies = List.copyOf(cookies);
      metas = List.copyOf(metas);
    }
  }

  /**
   * What a framework writes (lower case) when it refuses a state-changing request for CSRF.
   *
   * @param origin the Origin/Referer/host check failed
   * @param token the token or its cookie is missing or wrong
   */
  public record Refusals(List<String> origin, List<String> token) {
    public static final Refusals NONE = new Refusals(List.of(), List.of());

    public Refusals {
      origin = List.copyOf(origin);
      token = List.copyOf(token);
    }
  }

  /**
   * Where a session library keeps a session: the key is {@code prefix + session id}.
   *
   * @param convention the library and engine, as reports name it
   * @param prefix the default prefix
   * @param setting the option that changes the prefix
   */
  public record StoreKey(String convention, String prefix, String setting) {
    public StoreKey {
      requireNonNull(convention);
      requireNonNull(prefix);
      requireNonNull(setting);
    }
  }

  /**
   * The settings that control each default (null: the framework has no such setting).
   *
   * @param sessionCookie the session cookie's name
   * @param secret the key sessions are signed with
   * @param csrfField the CSRF form field's name
   * @param csrfHeader the CSRF header's name
   * @param csrfCookie the CSRF cookie's name
   * @param trustedOrigins the origins a CSRF origin check accepts besides the host's own
   */
  public record Settings(
      @Nullable String sessionCookie,
      @Nullable String secret,
      @Nullable String csrfField,
      @Nullable String csrfHeader,
      @Nullable String csrfCookie,
      @Nullable String trustedOrigins) {
    public static final Settings NONE = new Settings(null, null, null, null, null, null);
  }

  /** Whether {@code cookieName} is one of this framework's default session cookie names (exact case). */
  public boolean sessionCookie(String cookieName) {
    return sessionCookies.stream().anyMatch(p -> matches(p, cookieName));
  }

  /** Whether {@code cookieName} tells this framework apart (exact case). */
  public boolean identifiedBy(String cookieName) {
    return identifyingCookies.stream().anyMatch(p -> matches(p, cookieName));
  }

  /** Whether {@code name} is one of this framework's CSRF form fields, ignoring case. */
  public boolean csrfField(String name) {
    return csrf.fields().stream().anyMatch(f -> f.equalsIgnoreCase(name));
  }

  /** Whether {@code name} fits a name list entry: exactly, or around its one {@code *}. */
  public static boolean matches(String pattern, String name) {
    int star = pattern.indexOf('*');
    if (star < 0) return pattern.equals(name);
    // As Rails' own check reads it: "_session" itself counts (the two ends may overlap).
    return name.startsWith(pattern.substring(0, star)) && name.endsWith(pattern.substring(star + 1));
  }
}
