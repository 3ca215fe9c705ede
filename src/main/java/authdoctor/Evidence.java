package authdoctor;

import static java.util.Objects.requireNonNull;

import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One proof behind a finding: the exact header, config line, claim or measurement, already redacted.
 *
 * @param kind what the excerpt is: {@code header}, {@code cookie}, {@code config}, {@code claim},
 *     {@code measurement}, {@code response}, {@code note}
 * @param subject what it is about, e.g. the deployment, the cookie name or the URL
 * @param excerpt the exact text, redacted
 * @param location where it was seen, or null when the evidence is a whole-run fact
 * @param facts extra named values (already safe to print), in insertion order
 */
public record Evidence(
    String kind, String subject, Redacted excerpt, @Nullable Location location, Map<String, String> facts) {
  /**
   * A fact naming, as {@code file:line}, the evidence this one is the other side of (the outer-level
   * header a location loses): reporters that separate causes from context (SARIF's
   * {@code relatedLocations}) attach it there.
   */
  public static final String RELATED_TO = "related_to";

  public Evidence {
    requireNonNull(kind);
    requireNonNull(subject);
    requireNonNull(excerpt);
    facts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(facts));
  }

  public Evidence(String kind, String subject, Redacted excerpt, @Nullable Location location) {
    this(kind, subject, excerpt, location, Map.of());
  }
}
