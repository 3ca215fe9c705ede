package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.samesite-blocks-flow}: the cookie's SameSite value withholds it from a request (EXCLUDE_SAMESITE_*). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.samesite-blocks-flow", severity = Severity.ERROR, needs = CookieSendEvent.class)
public final class CookieSamesiteBlocksFlow implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.withheld(observations, ctx);
  }
}
