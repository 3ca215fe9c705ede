package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.domain-mismatch}: the {@code Domain} attribute does not domain-match the response host (EXCLUDE_INVALID_DOMAIN). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.domain-mismatch", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieDomainMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
