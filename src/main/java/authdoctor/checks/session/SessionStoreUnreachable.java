package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observations;
import authdoctor.observation.StorePing;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.store-unreachable}: the session store the app is configured with ({@code --store})
 * did not answer {@code PING}. The login's own answer is added as a fact: a 5xx there is the symptom
 * users see. A login that fails with 5xx while the store answers is not this (nor is a 5xx alone: any
 * bug answers 500).
 */
@CheckSpec(id = "session.store-unreachable", severity = Severity.ERROR, needs = StorePing.class)
public final class SessionStoreUnreachable implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    for (StorePing p : observations.of(StorePing.class)) {
      if (p.answered()) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("store", p.store());
      facts.put("reply", p.reply() + " after " + p.millis() + " ms");
      for (LoginAttempt l : observations.of(LoginAttempt.class)) {
        facts.put("login", l.status() + (l.status() >= 500 ? " (a server error: the session could not be saved)" : "")
            + ", " + l.outcome());
      }
      return List.of(ctx.finding(ctx.evidence(p, "measurement", p.store(),
          ctx.redactor().plain("PING " + p.store() + " → " + p.reply()),
          facts)));
    }
    return List.of();
  }
}
