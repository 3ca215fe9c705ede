package authdoctor.checks.csrf;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.CsrfAttempt;
import java.util.LinkedHashMap;
import java.util.Map;

/** The evidence of a refused state-changing request: what was sent, what the server answered. */
final class CsrfEvidence {
  private CsrfEvidence() {}

  static Evidence of(CheckContext ctx, CsrfAttempt a) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("Origin sent", a.origin() == null ? "none" : a.origin());
    facts.put("CSRF token", a.tokenSource() == null ? "none found on the page or in cookies" : "from " + a.tokenSource()
        + (a.tokenSentAs() == null ? "" : ", sent as " + a.tokenSentAs()));
    if (a.serverSaid() != null) facts.put("server said", a.serverSaid());
    String url = ctx.redactor().url(a.url().toString());
    return ctx.evidence(a, "response", a.purpose() + " " + url,
        ctx.redactor().plain("POST " + url + " (" + a.purpose() + ") → " + a.status()),
        facts);
  }
}
