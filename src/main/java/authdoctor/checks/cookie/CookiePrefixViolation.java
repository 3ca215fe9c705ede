package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.prefix-violation}: a {@code __Host-}/{@code __Secure-}/{@code __Http-} prefix rule is broken (EXCLUDE_INVALID_PREFIX). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.prefix-violation", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookiePrefixViolation implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
