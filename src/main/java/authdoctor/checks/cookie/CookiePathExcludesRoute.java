package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.Observations;
import java.util.List;

/** {@code cookie.path-excludes-route}: a stored cookie whose {@code Path} does not path-match a request (EXCLUDE_NOT_ON_PATH). The cookie model decides; see {@link authdoctor.cookie.CookieJar}. */
@CheckSpec(id = "cookie.path-excludes-route", severity = Severity.ERROR, needs = CookieSendEvent.class)
public final class CookiePathExcludesRoute implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return CookieFindings.withheld(observations, ctx);
  }
}
