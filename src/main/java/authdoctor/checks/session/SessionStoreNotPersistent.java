package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.StoreInspection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.store-not-persistent} in a live store: {@code CONFIG GET save} is empty (no RDB snapshots)
 * and {@code appendonly} is {@code no}, so a restart of Redis empties it and logs everyone out (Redis docs,
 * "Persistence"). When {@code CONFIG} is refused the {@code save} setting is unknown and nothing is judged.
 */
@CheckSpec(id = "session.store-not-persistent", severity = Severity.WARN, needs = StoreInspection.class)
public final class SessionStoreNotPersistent implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    for (StoreInspection s : observations.of(StoreInspection.class)) {
      if (s.save() == null || !s.save().isBlank() || s.appendonly()) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("store", s.store());
      facts.put("note", "no snapshot and no append-only file: a restart of Redis loses every session");
      if (s.keys() > 0) facts.put("keys", s.keys() + " key(s) in the database would be lost");
      return List.of(ctx.finding(ctx.evidence(s, "measurement", s.store(),
          ctx.redactor().plain("CONFIG GET save → \"\"; CONFIG GET appendonly → no"), facts)));
    }
    return List.of();
  }
}
