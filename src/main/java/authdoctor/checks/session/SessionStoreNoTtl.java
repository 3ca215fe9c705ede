package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.StoreInspection;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.store-no-ttl}: sampled session keys answer {@code PTTL} -1, no expiry, so the store keeps
 * every session ever made until it runs out of memory or evicts (and, under {@code volatile-*}, it cannot
 * evict them at all). One evidence per key pattern, counting the keys of the sample without a TTL.
 */
@CheckSpec(id = "session.store-no-ttl", severity = Severity.WARN, needs = StoreInspection.class)
public final class SessionStoreNoTtl implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (StoreInspection s : observations.of(StoreInspection.class)) {
      for (StoreInspection.Pattern p : s.patterns()) {
        List<StoreInspection.SampledKey> forever = p.sample().stream().filter(k -> !k.expires()).toList();
        if (forever.isEmpty()) continue;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("store", s.store());
        facts.put("keys", forever.size() + " of " + p.sample().size() + " sampled key(s) under "
            + StoreFacts.pattern(p) + " never expire; e.g. " + forever.get(0).key().text());
        facts.put("memory", s.memory());
        out.add(ctx.evidence(s, "measurement", s.store(),
            ctx.redactor().plain("PTTL " + p.prefix() + "‹session id› → -1"), facts));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
