package authdoctor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * A diagnosed problem: a catalog id with its severity and prose, the evidence that proves it, and the
 * fix for the detected stack ({@code fix}) next to the fixes for every stack ({@code fixes}).
 */
public record Finding(
    String id,
    Severity severity,
    String title,
    List<Evidence> evidence,
    String why,
    String fix,
    Map<String, String> fixes) {
  public Finding {
    requireNonNull(id);
    requireNonNull(severity);
    requireNonNull(title);
    evidence = List.copyOf(evidence);
    requireNonNull(why);
    requireNonNull(fix);
    fixes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixes));
  }

  /** The earliest point in the flow this finding's evidence points at (for root-cause-first order). */
  public long position() {
    return evidence.stream()
        .filter(e -> e.location() != null)
        .mapToLong(e -> e.location().order())
        .min()
        .orElse(Long.MAX_VALUE);
  }
}
