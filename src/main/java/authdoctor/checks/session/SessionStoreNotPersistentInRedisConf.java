package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.store-not-persistent} in {@code redis.conf}: {@code save ""} turns RDB snapshots off
 * and {@code appendonly} is not {@code yes}, so a restart of Redis empties it and logs everyone out
 * (Redis docs, "Persistence"). Points at the {@code save ""} line; without one Redis snapshots by default.
 */
@CheckSpec(id = "session.store-not-persistent", severity = Severity.WARN, needs = DeploySetting.class)
public final class SessionStoreNotPersistentInRedisConf implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, List<DeploySetting>> byFile = new LinkedHashMap<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (s.format() == DeploySetting.Format.REDIS) byFile.computeIfAbsent(s.file(), f -> new ArrayList<>()).add(s);
    }
    var out = new ArrayList<authdoctor.Evidence>();
    for (List<DeploySetting> file : byFile.values()) {
      // The last save line decides (redis.conf: a later "save" replaces the earlier ones; "" clears them).
      DeploySetting save = null;
      boolean aof = false;
      for (DeploySetting s : file) {
        if (s.is("save")) save = s;
        if (s.is("appendonly")) aof = s.value().equalsIgnoreCase("yes");
      }
      if (save != null && save.value().isEmpty() && !aof) {
        out.add(ctx.evidence(save, "config", "redis " + save.file(), save.excerpt(ctx.redactor()),
            Map.of("note", "no snapshot and no append-only file: a restart of Redis loses every session")));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
