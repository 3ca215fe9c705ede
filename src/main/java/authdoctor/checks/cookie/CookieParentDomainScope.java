package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.parent-domain-scope}: a {@code Domain} attribute widens the cookie to a parent domain. The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.parent-domain-scope", severity = Severity.WARN, needs = CookieSetEvent.class)
public final class CookieParentDomainScope implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.advice(observations, ctx, r -> true);
  }
}
