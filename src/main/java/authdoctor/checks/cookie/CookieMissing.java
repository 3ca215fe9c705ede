package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cookie.missing}: a login that succeeded (2xx that is not the login form again, or a redirect
 * away from it) carried no {@code Set-Cookie} on any hop, returned no token, and left the browser
 * without a cookie for the site — nothing can carry the session to the next request. A refused cookie is
 * not "missing": the cookie ids that explain the refusal report it.
 */
@CheckSpec(id = "cookie.missing", severity = Severity.ERROR, needs = LoginAttempt.class)
public final class CookieMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Finding> out = new ArrayList<>();
    for (LoginAttempt l : observations.of(LoginAttempt.class)) {
      if (!l.succeeded() || l.setCookieLines() > 0 || l.tokenReturned() || l.cookiesStored() > 0) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("login", l.outcome());
      facts.put("Set-Cookie lines on the login and its redirects", "0");
      facts.put("token in the response", "none");
      out.add(ctx.finding(ctx.evidence(l, "response", ctx.redactor().url(l.url().toString()),
          ctx.redactor().plain(l.mode() + " login to " + ctx.redactor().url(l.url().toString()) + " → " + l.status()
              + " without Set-Cookie"),
          facts)));
    }
    return out;
  }
}
