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
import java.util.Locale;
import java.util.Map;

/**
 * {@code session.store-eviction} in a live store: {@code maxmemory-policy allkeys-*} lets Redis evict any
 * key at {@code maxmemory}, live sessions included; {@code volatile-*} evicts keys with a TTL, which the
 * sampled session keys carry (Redis docs, "Key eviction"). Memory near {@code maxmemory} and keys already
 * evicted ({@code evicted_keys}) are added as facts; neither is required.
 */
@CheckSpec(id = "session.store-eviction", severity = Severity.WARN, needs = StoreInspection.class)
public final class SessionStoreEviction implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    for (StoreInspection s : observations.of(StoreInspection.class)) {
      String policy = s.policy() == null ? "" : s.policy().toLowerCase(Locale.ROOT);
      long withTtl = s.sample().stream().filter(StoreInspection.SampledKey::expires).count();
      boolean allKeys = policy.startsWith("allkeys-");
      boolean volatileSessions = policy.startsWith("volatile-") && withTtl > 0;
      if (!allKeys && !volatileSessions) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("store", s.store());
      facts.put("policy", allKeys ? policy + ": Redis may evict any key at maxmemory, live sessions included"
          : policy + ": Redis evicts keys with a TTL at maxmemory, and " + withTtl + " sampled session key(s) have one");
      facts.put("memory", s.memory() + (s.nearMaxmemory() ? ": near the limit, eviction is imminent or under way" : ""));
      if (s.evictedKeys() > 0) facts.put("evicted", s.evictedKeys() + " key(s) evicted since the server started (INFO stats evicted_keys)");
      facts.put("source", s.configRefused() == null ? "CONFIG GET maxmemory-policy" : "INFO memory (CONFIG refused: " + s.configRefused() + ")");
      return List.of(ctx.finding(ctx.evidence(s, "measurement", s.store(),
          ctx.redactor().plain("maxmemory-policy " + policy + ", maxmemory " + s.maxmemory()), facts)));
    }
    return List.of();
  }
}
