package authdoctor.collect.probe;

import authdoctor.Redactor;
import authdoctor.observation.HttpExchange;
import java.net.URI;

/**
 * What to tell the user when the login POST did not sign in: the request that failed and what it answered,
 * and the credentials only where the answer is a refusal of them (401, 403, 422, the form again, a
 * redirect back to the login page). A 404, 405 or 5xx says the URL or the server is wrong, not the password.
 */
final class LoginFailures {
  /** Characters of the answer's body quoted (after redaction and escaping). */
  static final int QUOTED = 120;

  private LoginFailures() {}

  static String message(HttpExchange first, URI postUrl, SignedIn.Outcome o, boolean token, Redactor redactor) {
    String request = first.method() + " " + redactor.url(postUrl.toString());
    if (!first.answered()) {
      return "the login did not succeed: " + request + " got no response (" + o.reason() + "); later steps ran signed out";
    }
    int s = first.status();
    String said = said(first, redactor);
    String answered = "the login did not succeed: " + request + " answered " + o.reason().replaceFirst("^answered ", "") + (said.isEmpty() ? "" : ": " + said);
    if (s == 404 || s == 405) {
      return answered + "; check --login (the URL that takes the login POST); later steps ran signed out";
    }
    if (s >= 500) return answered + "; the server failed (its log says why); later steps ran signed out";
    if (token) return answered + "; later steps ran signed out";
    return answered + "; check --user, the password, --login and the form fields; later steps ran signed out";
  }

  /**
   * What a refusal said, redacted, for a message: a text answer's first line, or an HTML error page's
   * visible text (an identity provider's "Invalid parameter: redirect_uri"); empty when there is none.
   */
  static String refusal(HttpExchange x, Redactor redactor) {
    String said = said(x, redactor);
    if (!said.isEmpty() || x.status() < 400) return said;
    var doc = Html.parse(x.body());
    doc.select("script, style, head").remove();
    String text = doc.text().strip();
    if (text.isEmpty()) return "";
    if (text.length() > QUOTED) text = text.substring(0, QUOTED) + "…";
    return "'" + redactor.scrub(text) + "'";
  }

  /** The first line of a short text answer, redacted; empty for HTML pages and empty bodies. */
  private static String said(HttpExchange x, Redactor redactor) {
    String type = x.responseHeader("Content-Type").orElse("");
    String body = x.body().strip();
    if (body.isEmpty() || type.contains("html") || body.startsWith("<")) return "";
    String line = body.lines().findFirst().orElse("");
    if (line.length() > QUOTED) line = line.substring(0, QUOTED) + "…";
    return "'" + redactor.scrub(line) + "'";
  }
}
