package authdoctor;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Root cause first, when a cause is measured later in the flow than its symptom. The probe sees the
 * symptom of a missing {@code X-Forwarded-Proto} (a refused CSRF origin, an http redirect) at the login
 * step, but proves the cause only later, with the direct comparisons. So within one severity, a cause
 * takes the position of its earliest symptom present in the same report, and at equal positions causes
 * come before symptoms.
 */
final class CausalOrder {
  private CausalOrder() {}

  /** Catalog id → the ids it causes. */
  static final Map<String, Set<String>> SYMPTOMS = Map.of(
      "proxy.forwarded-proto-missing", Set.of("cookie.secure-over-http", "redirect.https-downgrade",
          "csrf.origin-untrusted", "oauth.redirect-uri-scheme", "http.no-https-redirect", "redirect.loop"),
      "proxy.forwarded-proto-untrusted", Set.of("cookie.secure-over-http", "redirect.https-downgrade",
          "csrf.origin-untrusted", "oauth.redirect-uri-scheme", "http.no-https-redirect", "redirect.loop"),
      "proxy.forwarded-proto-overwritten", Set.of("cookie.secure-over-http", "redirect.https-downgrade",
          "csrf.origin-untrusted", "oauth.redirect-uri-scheme", "redirect.loop"),
      "proxy.host-not-forwarded", Set.of("redirect.wrong-host", "csrf.origin-untrusted", "oauth.redirect-uri-mismatch",
          "cookie.domain-mismatch"),
      "proxy.prefix-not-forwarded", Set.of("cookie.path-excludes-route", "redirect.wrong-host"));

  static List<Finding> sort(List<Finding> findings) {
    Map<Finding, Long> position = new HashMap<>();
    for (Finding f : findings) {
      long p = f.position();
      for (String symptom : SYMPTOMS.getOrDefault(f.id(), Set.of())) {
        for (Finding g : findings) {
          if (g.id().equals(symptom) && g.severity() == f.severity()) p = Math.min(p, g.position());
        }
      }
      position.put(f, p);
    }
    List<Finding> out = new ArrayList<>(findings);
    out.sort(Comparator.comparing(Finding::severity)
        .thenComparingLong(f -> position.getOrDefault(f, f.position()))
        .thenComparingInt(f -> SYMPTOMS.containsKey(f.id()) ? 0 : 1)
        .thenComparing(Finding::id));
    return out;
  }
}
