package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.domain-public-suffix}: the {@code Domain} attribute is a public suffix (EXCLUDE_INVALID_DOMAIN). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.domain-public-suffix", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieDomainPublicSuffix implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
