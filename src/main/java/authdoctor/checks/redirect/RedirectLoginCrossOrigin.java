package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CredentialWithheld;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code redirect.login-cross-origin}: the login form, or a redirect of the login, would have carried the
 * credentials to an origin the user did not name, and the probe did not send them there. One finding, each
 * credential withheld as evidence (what, from where, to where, why).
 */
@CheckSpec(id = "redirect.login-cross-origin", severity = Severity.WARN, needs = CredentialWithheld.class)
public final class RedirectLoginCrossOrigin implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> all = new ArrayList<>();
    for (CredentialWithheld w : observations.of(CredentialWithheld.class)) {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("credential", w.secret());
      facts.put("from", w.from());
      facts.put("would go to", w.to());
      all.add(ctx.evidence(w, "withheld", w.secret() + " not sent to " + w.to(), ctx.redactor().plain(w.reason()), facts));
    }
    return all.isEmpty() ? List.of() : List.of(ctx.grouped(all, "credential(s) withheld"));
  }
}
