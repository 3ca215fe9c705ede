package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.List;
import java.util.Map;

/**
 * {@code session.store-eviction} in {@code redis.conf}: {@code maxmemory-policy allkeys-lru},
 * {@code allkeys-lfu} or {@code allkeys-random} lets Redis evict any key, live sessions included, when
 * it reaches {@code maxmemory} (Redis docs, "Key eviction"). The {@code volatile-*} policies evict only
 * keys with a TTL, which depends on the app's sessions: not judged from the file alone.
 */
@CheckSpec(id = "session.store-eviction", severity = Severity.WARN, needs = DeploySetting.class)
public final class SessionStoreEvictionInRedisConf implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    var out = observations.of(DeploySetting.class).stream()
        .filter(s -> s.format() == DeploySetting.Format.REDIS && s.is("maxmemory-policy") && s.value().toLowerCase(java.util.Locale.ROOT).startsWith("allkeys-"))
        .map(s -> ctx.evidence(s, "config", "redis " + s.file(), s.excerpt(ctx.redactor()),
            Map.of("note", "Redis may evict any key at maxmemory, live sessions included")))
        .toList();
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
