package authdoctor.report.trace;

import authdoctor.Step;
import authdoctor.observation.Observation;
import authdoctor.observation.StoreInspection;
import authdoctor.observation.StorePing;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code store} command's trace (and the probe's store inspection step): step 1 the ping ({@code
 * label: "store ping"}, {@code note}); step 2 the inspection ({@code label: "store inspection"}: version,
 * {@code settings_from}, maxmemory, used_memory, policy, save, appendonly, evicted_keys, keys, and per key
 * pattern the sample: {@code sampled}, {@code without_ttl}, {@code kinds}, {@code lifetimes} (a histogram of
 * remaining lifetimes), {@code max_idle_seconds}). Keys never appear: they hold session ids.
 */
public final class StoreSteps {
  /** Histogram buckets of the remaining lifetime ({@code PTTL}), upper bounds in milliseconds. */
  private static final long[] BOUNDS = {60_000L, 3_600_000L, 86_400_000L, 604_800_000L};
  private static final List<String> BUCKETS = List.of("no TTL", "< 1 min", "< 1 h", "< 1 day", "< 1 week", ">= 1 week");

  private StoreSteps() {}

  /** One step per ping and inspection, in order. */
  public static List<Step> of(List<Observation> observations) {
    List<Step> out = new ArrayList<>();
    for (Observation o : observations) {
      if (o instanceof StorePing p) out.add(ping(p));
      if (o instanceof StoreInspection s) out.add(inspection(s));
    }
    return out;
  }

  static Step ping(StorePing p) {
    String line = "PING " + p.store() + " → " + p.reply() + " (" + p.millis() + " ms)";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", p.step());
    json.put("label", "store ping");
    json.put("answered", p.answered());
    json.put("note", line);
    return new Step(json, List.of("store ping " + line));
  }

  /** The inspection: settings, then one line per key pattern with its lifetime histogram. */
  public static Step inspection(StoreInspection s) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", s.step());
    json.put("label", "store inspection");
    json.put("store", s.store());
    json.put("version", s.version());
    json.put("settings_from", s.configRefused() == null ? "CONFIG GET" : "INFO");
    json.put("config_refused", s.configRefused());
    json.put("maxmemory", s.maxmemory());
    json.put("used_memory", s.usedMemory());
    json.put("policy", s.policy());
    json.put("save", s.save());
    json.put("appendonly", s.appendonly());
    json.put("evicted_keys", s.evictedKeys());
    json.put("keys", s.keys());
    List<String> text = new ArrayList<>();
    text.add("store inspection " + s.store() + (s.version().isEmpty() ? "" : " (Redis " + s.version() + ")"));
    if (s.configRefused() != null) {
      text.add("  CONFIG refused (" + s.configRefused() + "): settings from INFO; the save setting is unknown");
    }
    text.add("  maxmemory-policy " + (s.policy() == null ? "unknown" : s.policy()) + ", memory " + s.memory()
        + ", evicted_keys " + s.evictedKeys());
    text.add("  persistence: save " + (s.save() == null ? "unknown" : s.save().isBlank() ? "\"\" (off)" : "\"" + s.save() + "\"")
        + ", appendonly " + (s.appendonly() ? "yes" : "no") + "; " + s.keys() + " key(s) in the database");
    List<Object> patterns = new ArrayList<>();
    for (StoreInspection.Pattern p : s.patterns()) {
      Map<String, Integer> histogram = histogram(p.sample());
      Map<String, Integer> kinds = new LinkedHashMap<>();
      p.sample().forEach(k -> kinds.merge(k.kind(), 1, Integer::sum));
      long withoutTtl = p.sample().stream().filter(k -> !k.expires()).count();
      long maxIdle = p.sample().stream().mapToLong(StoreInspection.SampledKey::idleSeconds).max().orElse(-1);
      Map<String, Object> pj = new LinkedHashMap<>();
      pj.put("convention", p.convention());
      pj.put("prefix", p.prefix());
      pj.put("complete", p.complete());
      pj.put("sampled", p.sample().size());
      pj.put("without_ttl", withoutTtl);
      pj.put("kinds", kinds);
      pj.put("lifetimes", histogram);
      pj.put("max_idle_seconds", maxIdle);
      patterns.add(pj);
      String scan = "  SCAN " + p.prefix() + "* (" + p.convention() + "): " + p.sample().size() + " key(s) sampled"
          + (p.complete() ? "" : " (scan stopped at its bound)");
      if (p.sample().isEmpty()) {
        text.add(scan);
        continue;
      }
      text.add(scan + ", values " + kinds + (maxIdle >= 0 ? ", idle up to " + maxIdle + " s" : ""));
      text.add("    remaining lifetime: " + histogram.entrySet().stream().filter(e -> e.getValue() > 0)
          .map(e -> e.getKey() + ": " + e.getValue()).reduce((a, b) -> a + ", " + b).orElse(""));
    }
    json.put("patterns", patterns);
    return new Step(json, text);
  }

  /** The count of keys in each lifetime bucket, every bucket present and in order. */
  static Map<String, Integer> histogram(List<StoreInspection.SampledKey> sample) {
    Map<String, Integer> h = new LinkedHashMap<>();
    BUCKETS.forEach(b -> h.put(b, 0));
    for (StoreInspection.SampledKey k : sample) {
      int bucket = 0;
      if (k.expires()) {
        bucket = BOUNDS.length + 1;
        for (int i = 0; i < BOUNDS.length; i++) {
          if (k.ttlMillis() < BOUNDS[i]) {
            bucket = i + 1;
            break;
          }
        }
      }
      h.merge(BUCKETS.get(bucket), 1, Integer::sum);
    }
    return h;
  }
}
