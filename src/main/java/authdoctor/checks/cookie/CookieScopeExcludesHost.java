package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.scope-excludes-host}: the cookie is stored but its host-only or {@code Domain} scope misses the request host (EXCLUDE_DOMAIN_MISMATCH). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.scope-excludes-host", severity = Severity.ERROR, needs = CookieSendEvent.class)
public final class CookieScopeExcludesHost implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.withheld(observations, ctx);
  }
}
