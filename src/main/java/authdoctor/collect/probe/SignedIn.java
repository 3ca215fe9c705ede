package authdoctor.collect.probe;

import authdoctor.Redactor;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Redirects;
import authdoctor.observation.SessionCheck;
import java.net.URI;
import java.util.regex.Pattern;

/**
 * The probe's one judgement: does a response look signed in? A 401/403, a redirect to the login page or
 * a page with the login form is signed out; a 2xx without a login form is signed in; anything else is
 * unknown. The login's own answer is read the same way: did the sign-in take?
 */
public final class SignedIn {
  private static final Pattern LOGIN_PATH = Pattern.compile("(?i).*(login|signin|sign-in|sign_in|/auth\\b|/session/new).*");

  private SignedIn() {}

  /** A verdict and the reason in words (URLs redacted). */
  public record Verdict(SessionCheck.Verdict verdict, String reason) {}

  /**
   * As {@link #page(HttpExchange, URI, Redactor)}; for a request that carried only a bearer token (no
   * cookie), a page with the login form says nothing about the token: a single-page app serves its
   * static page, login form included, to everyone.
   */
  static Verdict page(HttpExchange x, URI loginPage, Redactor redactor, boolean bearerOnly) {
    Verdict v = page(x, loginPage, redactor);
    if (bearerOnly && v.verdict() == SessionCheck.Verdict.LOGGED_OUT && x.status() >= 200 && x.status() < 300) {
      return new Verdict(SessionCheck.Verdict.UNKNOWN, x.status() + " with a login form: a static page, not the bearer token's verdict");
    }
    return v;
  }

  /** Whether {@code x}, a request for a protected page, was answered as signed in. */
  public static Verdict page(HttpExchange x, URI loginPage, Redactor redactor) {
    if (!x.answered()) return new Verdict(SessionCheck.Verdict.UNKNOWN, "no response: " + x.error());
    int s = x.status();
    if (s == 401 || s == 403) return new Verdict(SessionCheck.Verdict.LOGGED_OUT, "answered " + s);
    if (x.isRedirect()) {
      URI t = Redirects.target(x).orElse(null);
      String where = t == null ? "?" : redactor.url(Urls.pathOf(t));
      if (t != null && (Urls.samePath(t, loginPage) || LOGIN_PATH.matcher(String.valueOf(t.getRawPath())).matches())) {
        return new Verdict(SessionCheck.Verdict.LOGGED_OUT, s + " to the login page " + where);
      }
      return new Verdict(SessionCheck.Verdict.UNKNOWN, s + " to " + where);
    }
    if (s >= 200 && s < 300) {
      if (Html.loginForm(x.body()).isPresent()) return new Verdict(SessionCheck.Verdict.LOGGED_OUT, s + " with the login form");
      return new Verdict(SessionCheck.Verdict.LOGGED_IN, s + ", no login form");
    }
    return new Verdict(SessionCheck.Verdict.UNKNOWN, "answered " + s);
  }

  /** Whether the login took, from the first answer to the login request. */
  public record Outcome(boolean succeeded, String reason) {}

  public static Outcome login(HttpExchange first, URI loginPage, Redactor redactor) {
    int s = first.status();
    if (!first.answered()) return new Outcome(false, "no response: " + first.error());
    if (s == 400 || s == 401 || s == 403 || s == 419 || s == 422 || s == 429 || s >= 500) {
      return new Outcome(false, "answered " + s);
    }
    if (first.isRedirect()) {
      URI t = Redirects.target(first).orElse(null);
      if (t == null) return new Outcome(false, s + " without a usable Location");
      // Fetch "HTTP-redirect fetch" step 5: a redirect to file:, javascript:, data: … is a network error.
      if (!Urls.isHttp(t)) {
        return new Outcome(false, s + " to a " + String.valueOf(t.getScheme()).toLowerCase(java.util.Locale.ROOT)
            + ": URL, which a browser does not follow");
      }
      if (Urls.samePath(t, loginPage) || t.getRawQuery() != null && t.getRawQuery().matches("(?i).*(error|fail|invalid).*")) {
        return new Outcome(false, s + " back to the login page " + t.getRawPath());
      }
      return new Outcome(true, s + " to " + redactor.url(Urls.pathOf(t)));
    }
    if (s >= 200 && s < 300) {
      if (Html.loginForm(first.body()).isPresent()) return new Outcome(false, s + " with the login form again");
      return new Outcome(true, s + ", no login form");
    }
    return new Outcome(false, "answered " + s);
  }
}
