package authdoctor.report.trace;

import authdoctor.Step;
import authdoctor.observation.StoreInspection;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The sampled keys' remaining lifetimes against the app's configured session lifetime ({@code store
 * --session-lifetime}), one step after the inspection. A session key's remaining TTL never exceeds the TTL
 * the store set, so the longest one in the sample is a lower bound of the store's TTL: far below the app's
 * lifetime, the store expires sessions the app still considers valid (users signed out early); above it, the
 * store keeps sessions the app no longer accepts. A sample, not a proof: the trace says so.
 *
 * <p>JSON: {@code {"step", "label": "session lifetime", "lifetime_seconds", "patterns": [{"prefix",
 * "with_ttl", "longest_ttl_seconds", "longer_than_lifetime", "verdict"}]}}.
 */
public final class StoreLifetime {
  private StoreLifetime() {}

  /** The comparison as a trace step numbered {@code step}. */
  public static Step compare(StoreInspection s, Duration lifetime, int step) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", step);
    json.put("label", "session lifetime");
    json.put("lifetime_seconds", lifetime.toSeconds());
    List<String> text = new ArrayList<>();
    text.add("session lifetime: the app's is " + words(lifetime) + " (--session-lifetime); the sampled keys' remaining TTLs:");
    List<Object> patterns = new ArrayList<>();
    for (StoreInspection.Pattern p : s.patterns()) {
      List<StoreInspection.SampledKey> ttl = p.sample().stream().filter(StoreInspection.SampledKey::expires).toList();
      if (p.sample().isEmpty()) continue;
      long longest = ttl.stream().mapToLong(StoreInspection.SampledKey::ttlMillis).max().orElse(-1);
      long over = ttl.stream().filter(k -> k.ttlMillis() > lifetime.toMillis()).count();
      String verdict;
      if (ttl.isEmpty()) {
        verdict = "no sampled key expires (session.store-no-ttl)";
      } else if (over > 0) {
        verdict = over + " of " + ttl.size() + " keys outlive the app's lifetime: the store keeps sessions the app no longer accepts";
      } else if (longest * 2 < lifetime.toMillis()) {
        verdict = "the longest is " + words(Duration.ofMillis(longest)) + ", under half the app's " + words(lifetime)
            + ": the store's TTL looks shorter than the session lifetime — users would be signed out early (set the store's TTL "
            + "to the session lifetime: connect-redis ttl, Flask PERMANENT_SESSION_LIFETIME, Spring Session maxInactiveInterval, "
            + "Django SESSION_COOKIE_AGE); a sample of old sessions looks the same";
      } else {
        verdict = "consistent with the app's lifetime (the longest is " + words(Duration.ofMillis(longest)) + ")";
      }
      Map<String, Object> pj = new LinkedHashMap<>();
      pj.put("prefix", p.prefix());
      pj.put("with_ttl", ttl.size());
      pj.put("longest_ttl_seconds", longest < 0 ? null : longest / 1000);
      pj.put("longer_than_lifetime", over);
      pj.put("verdict", verdict);
      patterns.add(pj);
      text.add("  " + p.prefix() + ": " + verdict);
    }
    if (patterns.isEmpty()) text.add("  no session key was sampled: nothing to compare");
    json.put("patterns", patterns);
    return new Step(json, text);
  }

  /** 14 days, 12 h, 30 min, 45 s. */
  static String words(Duration d) {
    long s = d.toSeconds();
    if (s >= 86_400 && s % 86_400 == 0 || s >= 7 * 86_400) return (s / 86_400) + (s / 86_400 == 1 ? " day" : " days");
    if (s >= 3600) return (s / 3600) + " h";
    if (s >= 60) return (s / 60) + " min";
    return s + " s";
  }
}
