package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.check.Observations;
import authdoctor.cookie.SetResult;
import authdoctor.observation.CookieSetEvent;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cookie.expired-on-arrival}: a cookie already expired when it arrives, for which nothing is stored to
 * delete. The cookie model decides (see {@link authdoctor.cookie.CookieJar}); this check sets aside a
 * deletion of a cookie the browser refused earlier in the flow (a logout clearing the session cookie the
 * login could not set): the refusal is the finding, reported where it happened.
 */
@CheckSpec(id = "cookie.expired-on-arrival", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieExpiredOnArrival implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, Integer> refusedAt = new HashMap<>();
    List<CookieSetEvent> keep = new ArrayList<>();
    for (CookieSetEvent e : observations.of(CookieSetEvent.class).stream()
        .sorted(Comparator.comparingInt(CookieSetEvent::step)).toList()) {
      SetResult r = e.result();
      Integer earlier = refusedAt.get(r.name());
      if (!(Boolean.FALSE.equals(r.deleted()) && earlier != null && earlier < e.step())) keep.add(e);
      if (!r.stored() && !Boolean.TRUE.equals(r.deleted())) refusedAt.putIfAbsent(r.name(), e.step());
    }
    return CookieFindings.refusedSets(keep, ctx);
  }
}
