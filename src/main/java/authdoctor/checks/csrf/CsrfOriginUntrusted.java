package authdoctor.checks.csrf;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.CsrfAttempt.Refusal;
import authdoctor.observation.Observations;
import java.util.List;

/**
 * {@code csrf.origin-untrusted}: a state-changing request sent as the browser sends it — the public
 * {@code Origin}, the CSRF token the page offered — is refused, and the server says the origin (or
 * referer, or host) is not trusted; or it refuses for CSRF without saying why although the token was
 * sent.
 */
@CheckSpec(id = "csrf.origin-untrusted", severity = Severity.ERROR, needs = CsrfAttempt.class)
public final class CsrfOriginUntrusted implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return observations.of(CsrfAttempt.class).stream()
        .filter(a -> a.refusal() == Refusal.ORIGIN || a.refusal() == Refusal.UNSPECIFIED && a.tokenSentAs() != null)
        .findFirst()
        .map(a -> List.of(ctx.finding(CsrfEvidence.of(ctx, a))))
        .orElse(List.of());
  }
}
