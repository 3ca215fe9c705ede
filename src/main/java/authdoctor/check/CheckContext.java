package authdoctor.check;

import static java.util.Objects.requireNonNull;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Redacted;
import authdoctor.Redactor;
import authdoctor.catalog.Catalog;
import authdoctor.catalog.CatalogEntry;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observation;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a check may use besides observations: the clock, the detected stack, the redactor for evidence,
 * and {@link #finding} which fills id, severity, title, explanation and fixes from the check's spec and
 * the catalog, so a check cannot mislabel itself.
 */
public final class CheckContext {
  /** Occurrences shown in a finding that groups them ({@link #grouped}); the others are counted. */
  public static final int MAX_EVIDENCE = 3;

  private final CheckSpec spec;
  private final Clock clock;
  private final Stack stack;
  private final Redactor redactor;
  private final Catalog catalog;

  public CheckContext(CheckSpec spec, Clock clock, Stack stack, Redactor redactor, Catalog catalog) {
    this.spec = requireNonNull(spec);
    this.clock = requireNonNull(clock);
    this.stack = requireNonNull(stack);
    this.redactor = requireNonNull(redactor);
    this.catalog = requireNonNull(catalog);
  }

  /** The catalog id of the running check. */
  public String id() {
    return spec.id();
  }

  public Clock clock() {
    return clock;
  }

  public Stack stack() {
    return stack;
  }

  public Redactor redactor() {
    return redactor;
  }

  /**
   * Evidence located where its observation was seen (its trace step, file line or HAR entry): a check
   * never builds a location itself.
   *
   * @param seen the observation the excerpt comes from
   */
  public Evidence evidence(
      Observation seen, String kind, String subject, Redacted excerpt, Map<String, String> facts) {
    return new Evidence(kind, subject, excerpt, seen.location(), facts);
  }

  public Evidence evidence(Observation seen, String kind, String subject, Redacted excerpt) {
    return evidence(seen, kind, subject, excerpt, Map.of());
  }

  /** Evidence of kind {@code claim} about one claim (or header parameter) of a token, located at that claim. */
  public Evidence claim(JwtToken token, String claim, String subject, Redacted excerpt, Map<String, String> facts) {
    return new Evidence("claim", subject, excerpt, token.claimLocation(claim), facts);
  }

  /** A finding of this check's id with the given evidence. */
  public Finding finding(Evidence... evidence) {
    return finding(List.of(evidence));
  }

  public Finding finding(List<Evidence> evidence) {
    return of(catalog, spec.id(), stack, evidence);
  }

  /**
   * One finding for one cause seen several times (the same broken header on every step of a flow): the
   * first {@value #MAX_EVIDENCE} occurrences as evidence, the last of them with an {@code also} fact that
   * counts the others, e.g. {@code also: 2 more exchange(s) in this run} for {@code unit} "exchange(s)".
   */
  public Finding grouped(List<Evidence> occurrences, String unit) {
    if (occurrences.isEmpty()) throw new IllegalArgumentException("a finding needs evidence");
    if (occurrences.size() <= MAX_EVIDENCE) return finding(occurrences);
    List<Evidence> shown = new ArrayList<>(occurrences.subList(0, MAX_EVIDENCE));
    Evidence last = shown.remove(MAX_EVIDENCE - 1);
    Map<String, String> facts = new LinkedHashMap<>(last.facts());
    facts.put("also", (occurrences.size() - MAX_EVIDENCE) + " more " + unit + " in this run");
    shown.add(new Evidence(last.kind(), last.subject(), last.excerpt(), last.location(), facts));
    return finding(shown);
  }

  /** A finding of any catalog id (for collectors and commands that report without a check class). */
  public static Finding of(Catalog catalog, String id, Stack stack, List<Evidence> evidence) {
    CatalogEntry e = catalog.get(id);
    return new Finding(
        id, e.severity(), e.title(), evidence, e.why(), e.fixFor(stack.parts()), e.fixes());
  }
}
