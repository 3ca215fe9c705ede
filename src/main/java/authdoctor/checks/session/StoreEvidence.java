package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.StoreLookup;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The evidence of a session looked up in the store ({@link StoreLookup}): each {@code EXISTS} and its answer.
 * The keys hold the session id, so they appear only as fingerprints; their prefixes are named in words.
 */
final class StoreEvidence {
  private StoreEvidence() {}

  static Evidence of(CheckContext ctx, StoreLookup l, Map<String, String> facts) {
    String excerpt = l.keys().isEmpty()
        ? "no EXISTS for session cookie " + l.cookie() + ": " + l.failure()
        : l.keys().stream().map(k -> "EXISTS " + k.key().text() + " → " + (k.exists() ? "1" : "0"))
            .collect(Collectors.joining("; ")) + (l.failure() == null ? "" : "; " + l.failure());
    Map<String, String> all = new LinkedHashMap<>(facts);
    if (!l.keys().isEmpty()) {
      all.put("key", keyName(l) + "; a key holds the session id, so it is shown only as its fingerprint");
    }
    return ctx.evidence(l, "measurement", l.store(), ctx.redactor().plain(excerpt), all);
  }

  /**
   * The key in words, the one found if any: its prefix, a placeholder for the id, and whose convention it is
   * ("the key sess:‹session id› (connect-redis (express-session))").
   */
  static String keyName(StoreLookup l) {
    List<StoreLookup.Key> keys = l.keys().stream().filter(StoreLookup.Key::exists).findFirst()
        .map(List::of).orElse(l.keys());
    if (keys.isEmpty()) return "no key (" + l.cookie() + " has no known key convention)";
    return keys.stream().map(k -> "the key " + k.prefix() + "‹session id› (" + k.convention() + ")")
        .collect(Collectors.joining(" or "));
  }
}
