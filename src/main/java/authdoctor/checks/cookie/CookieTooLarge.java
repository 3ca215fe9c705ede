package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.too-large}: name and value exceed 4096 bytes (EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.too-large", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieTooLarge implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.refusedSets(observations, ctx);
  }
}
