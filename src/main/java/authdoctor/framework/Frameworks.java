package authdoctor.framework;

import authdoctor.framework.Framework.Csrf;
import authdoctor.framework.Framework.Refusals;
import authdoctor.framework.Framework.Settings;
import authdoctor.framework.Framework.StoreKey;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The frameworks authdoctor knows, each from its own documentation. The order of {@link #ALL} is the
 * order of precedence: where two frameworks share a default (Flask's and Starlette's {@code session}), the
 * earlier one is named, and a Cookie header carrying several session cookies is read by the earliest
 * framework's name.
 *
 * <p>Before these records the same knowledge lived in four lists that disagreed: the probe did not know
 * {@code PHPSESSID}, {@code ASP.NET_SessionId} or Rails' name as session cookies (it guessed them from
 * the word "sess"), the session checks knew no CSRF names, and the store lookup and the stack detector
 * each spelled the names again. Each now reads them here.
 */
public final class Frameworks {
  /** Django: {@code django.contrib.sessions} and {@code CsrfViewMiddleware}. */
  public static final Framework DJANGO = new Framework("django", "Django",
      List.of("sessionid"), List.of("sessionid", "csrftoken"),
      new Csrf(List.of("csrfmiddlewaretoken"), List.of("X-CSRFToken"), List.of("csrftoken"), List.of()),
      new Refusals(
          List.of("origin checking failed", "referer checking failed", "does not match any trusted origins"),
          List.of("cookie not set", "token missing", "token incorrect", "missing or incorrect")),
      List.of(new StoreKey("Django cache sessions", ":1:django.contrib.sessions.cache", "CACHES KEY_PREFIX, VERSION"),
          new StoreKey("Django cached_db sessions", ":1:django.contrib.sessions.cached_db", "CACHES KEY_PREFIX, VERSION")),
      new Settings("SESSION_COOKIE_NAME", "SECRET_KEY", null, "CSRF_HEADER_NAME", "CSRF_COOKIE_NAME",
          "CSRF_TRUSTED_ORIGINS"),
      // startproject writes a random key with the prefix "django-insecure-": random, so not listed here.
      List.of());

  /** Express with express-session (store: connect-redis) and csurf. */
  public static final Framework EXPRESS = new Framework("express", "Express",
      List.of("connect.sid"), List.of("connect.sid"),
      new Csrf(List.of("_csrf"), List.of("X-CSRF-Token", "X-XSRF-TOKEN", "CSRF-Token", "XSRF-Token"), List.of(), List.of()),
      new Refusals(List.of(), List.of("invalid csrf token")),
      List.of(new StoreKey("connect-redis (express-session)", "sess:", "new RedisStore({prefix})")),
      new Settings("session({name})", "session({secret})", null, null, null, null),
      // The express-session README's example secret.
      List.of("keyboard cat"));

  /** Spring Boot with Spring Security; Spring Session for {@code SESSION}. */
  public static final Framework SPRING = new Framework("spring", "Spring Boot",
      List.of("JSESSIONID", "SESSION"), List.of("JSESSIONID", "SESSION"),
      new Csrf(List.of("_csrf"), List.of("X-CSRF-TOKEN", "X-XSRF-TOKEN"), List.of("XSRF-TOKEN"), List.of("_csrf")),
      new Refusals(List.of(), List.of("could not verify the provided csrf token", "invalid csrf token")),
      List.of(new StoreKey("Spring Session", "spring:session:sessions:", "spring.session.redis.namespace")),
      new Settings("server.servlet.session.cookie.name", null, "CsrfTokenRepository parameterName",
          "CsrfTokenRepository headerName", "CookieCsrfTokenRepository cookieName", null),
      List.of());

  /** Flask: its signed cookie session, Flask-WTF's CSRF, Flask-Session's store. */
  public static final Framework FLASK = new Framework("flask", "Flask",
      List.of("session"), List.of("session"),
      new Csrf(List.of("csrf_token"), List.of("X-CSRFToken", "X-CSRF-Token"), List.of(), List.of()),
      new Refusals(List.of(), List.of("token is missing", "csrf session token is missing", "tokens do not match",
          "token has expired")),
      List.of(new StoreKey("Flask-Session", "session:", "SESSION_KEY_PREFIX")),
      new Settings("SESSION_COOKIE_NAME", "SECRET_KEY", "WTF_CSRF_FIELD_NAME", "WTF_CSRF_HEADERS", null, null),
      // The Flask tutorial's development key and the quickstart's example.
      List.of("dev", "_5#y2L\"F4Q8z\n\u00ec]/"));

  /** FastAPI / Starlette: {@code SessionMiddleware} (a signed cookie); no CSRF of their own. */
  public static final Framework FASTAPI = new Framework("fastapi", "FastAPI/Starlette",
      List.of("session"), List.of(),
      Csrf.NONE, Refusals.NONE, List.of(),
      new Settings("SessionMiddleware(session_cookie=)", "SessionMiddleware(secret_key=)", null, null, null, null),
      // The key of FastAPI's "OAuth2 with Password, Bearer with JWT tokens" tutorial.
      List.of("09d25e094faa6ca2556c818166b7a9563b93f7099f6f0f4caa6cf63b88e8d3e7"));

  /** Rails: the cookie store's {@code _<app>_session} and {@code protect_from_forgery}. */
  public static final Framework RAILS = new Framework("rails", "Rails",
      List.of("_*_session"), List.of("_*_session"),
      new Csrf(List.of("authenticity_token"), List.of("X-CSRF-Token"), List.of(), List.of("csrf-token")),
      // Rails writes this for a missing token as well; the probe has always read it as an origin refusal.
      new Refusals(List.of("can't verify csrf token authenticity"), List.of()),
      List.of(),
      new Settings("session_store key:", "secret_key_base", "request_forgery_protection_token", null, null, null),
      List.of());

  /**
   * Conventions of no one framework above: Laravel's ({@code laravel_session}, {@code _token},
   * {@code XSRF-TOKEN}, "page expired"), PHP's, ASP.NET's, and the refusal words of other stacks.
   */
  public static final Framework GENERIC = new Framework("generic", "Any stack",
      List.of("laravel_session", "PHPSESSID", "ASP.NET_SessionId"), List.of(),
      new Csrf(List.of("_token"), List.of("X-XSRF-TOKEN"), List.of("XSRF-TOKEN"), List.of("csrf_token", "xsrf-token")),
      new Refusals(
          List.of("invalid origin", "origin not allowed", "origin mismatch", "untrusted origin",
              "cross-site post form submissions are forbidden", "referer header is missing"),
          List.of("csrf token mismatch", "bad csrf token", "page expired", "csrf token not found")),
      List.of(), Settings.NONE, List.of());

  /** Every framework, in order of precedence. */
  public static final List<Framework> ALL = List.of(DJANGO, EXPRESS, RAILS, SPRING, FLASK, FASTAPI, GENERIC);

  private Frameworks() {}

  /** The framework of this catalog Fix key. */
  public static Optional<Framework> byKey(String key) {
    return ALL.stream().filter(f -> f.key().equals(key)).findFirst();
  }

  /** The first framework this cookie name identifies (its default session or CSRF cookie), if any. */
  public static Optional<Framework> identifiedBy(String cookieName) {
    return ALL.stream().filter(f -> f.identifiedBy(cookieName)).findFirst();
  }

  /** Every default session cookie name, in order of precedence (patterns included). */
  public static List<String> sessionCookieNames() {
    return union(Framework::sessionCookies);
  }

  /** Whether {@code cookieName} is some framework's default session cookie (exact case). */
  public static boolean sessionCookie(String cookieName) {
    return ALL.stream().anyMatch(f -> f.sessionCookie(cookieName));
  }

  /** Every default session cookie name without its case, patterns left out (for case-blind lookups). */
  public static Set<String> sessionCookieNamesIgnoringCase() {
    Set<String> out = new LinkedHashSet<>();
    for (String n : sessionCookieNames()) if (n.indexOf('*') < 0) out.add(n.toLowerCase(Locale.ROOT));
    return Set.copyOf(out);
  }

  /**
   * Whether a form field or cookie name looks like a CSRF token: it says csrf or xsrf, or it is a
   * framework's field of another name (Rails' {@code authenticity_token}, Laravel's {@code _token}).
   */
  public static boolean csrfLike(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("csrf") || n.contains("xsrf") || ALL.stream().anyMatch(f -> f.csrfField(n));
  }

  /** The {@code <meta>} names a page offers a CSRF token in, in order of precedence. */
  public static List<String> csrfMetas() {
    return union(f -> f.csrf().metas());
  }

  /** The phrases of an Origin/Referer refusal, every framework's. */
  public static List<String> originRefusals() {
    return union(f -> f.refusals().origin());
  }

  /** The phrases of a token refusal, every framework's. */
  public static List<String> tokenRefusals() {
    return union(f -> f.refusals().token());
  }

  /** The CSRF request headers of every framework, each once whatever its case. */
  public static List<String> csrfHeaders() {
    List<String> out = new ArrayList<>();
    for (String h : union(f -> f.csrf().headers())) {
      if (out.stream().noneMatch(h::equalsIgnoreCase)) out.add(h);
    }
    return List.copyOf(out);
  }

  private static List<String> union(Function<Framework, List<String>> names) {
    Set<String> out = new LinkedHashSet<>();
    for (Framework f : ALL) out.addAll(names.apply(f));
    return List.copyOf(out);
  }
}
