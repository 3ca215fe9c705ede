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
 * {@code csrf.token-missing}: a state-changing request is refused because the CSRF token (or its
 * cookie) is missing or does not match — the server says so, or it refuses for CSRF and the page
 * offered no token the browser could send.
 */
@CheckSpec(id = "csrf.token-missing", severity = Severity.ERROR, needs = CsrfAttempt.class)
public final class CsrfTokenMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return observations.of(CsrfAttempt.class).stream()
        .filter(a -> a.refusal() == Refusal.TOKEN || a.refusal() == Refusal.UNSPECIFIED && a.tokenSentAs() == null)
        .findFirst()
        .map(a -> List.of(ctx.finding(CsrfEvidence.of(ctx, a))))
        .orElse(List.of());
  }
}
