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
import java.util.TreeMap;

/**
 * {@code session.store-prefix-shared}: the sampled keys under one session prefix hold values of different
 * kinds (JSON of connect-redis next to pickles of Flask-Session or Django, or Spring Session's hashes), so
 * two apps write sessions under one prefix: each reads the other's ids as its own, and can overwrite or
 * delete them. Two apps that serialise alike under one prefix are not told apart.
 */
@CheckSpec(id = "session.store-prefix-shared", severity = Severity.WARN, needs = StoreInspection.class)
public final class SessionStorePrefixShared implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (StoreInspection s : observations.of(StoreInspection.class)) {
      for (StoreInspection.Pattern p : s.patterns()) {
        Map<String, Integer> kinds = new TreeMap<>();
        p.sample().forEach(k -> kinds.merge(k.kind(), 1, Integer::sum));
        if (kinds.size() < 2) continue;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("store", s.store());
        facts.put("values", kinds.entrySet().stream().map(e -> e.getValue() + " " + e.getKey())
            .reduce((a, b) -> a + ", " + b).orElse("") + " among " + p.sample().size() + " sampled key(s) under "
            + StoreFacts.pattern(p));
        facts.put("note", "values of different kinds under one prefix: two apps (or two serialisers) share it");
        out.add(ctx.evidence(s, "measurement", s.store(),
            ctx.redactor().plain("SCAN MATCH " + p.prefix() + "* → values " + String.join(", ", kinds.keySet())), facts));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
