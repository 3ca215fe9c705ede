package authdoctor.checks.cookie;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.cookie.SetResult;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cookie.expired-on-arrival}: a cookie already expired when it arrives, for which nothing is stored to
 * delete. The cookie model decides (see {@link authdoctor.cookie.CookieJar}); this check sets aside a
 * deletion of a cookie the flow never established — one the browser refused earlier, or one an earlier
 * login did not set (it answered a token, or no cookie) — as a logout clearing it sends: that earlier
 * failure is the finding, reported where it happened, and deleting nothing harms nothing.
 */
@CheckSpec(id = "cookie.expired-on-arrival", severity = Severity.ERROR, needs = CookieSetEvent.class)
public final class CookieExpiredOnArrival implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<LoginAttempt> logins = observations.of(LoginAttempt.class);
    Map<String, Integer> refusedAt = new HashMap<>();
    List<CookieSetEvent> keep = new ArrayList<>();
    for (CookieSetEvent e : observations.of(CookieSetEvent.class).stream()
        .sorted(Comparator.comparingInt(CookieSetEvent::step)).toList()) {
      SetResult r = e.result();
      Integer earlier = refusedAt.get(r.name());
      boolean neverEstablished = earlier != null && earlier < e.step()
          || logins.stream().anyMatch(l -> l.step() < e.step() && !l.cookieNames().contains(r.name()));
      if (!(Boolean.FALSE.equals(r.deleted()) && neverEstablished)) keep.add(e);
      if (!r.stored() && !Boolean.TRUE.equals(r.deleted())) refusedAt.putIfAbsent(r.name(), e.step());
    }
    return CookieFindings.refusedSets(keep, ctx);
  }
}
