package authdoctor.check;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.observation.ConfigRead;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * A live run and the deployment's configuration diagnosed together ({@code probe URL --config DIR}): the
 * engine's merge of one id's detectors, told which evidence was seen live and which was read in a file.
 *
 * <ul>
 *   <li>Seen live and in the configuration: one finding; a note ("seen live at step 3; caused by
 *       deploy/nginx/site.conf:48") leads its evidence, and every live evidence names the configuration
 *       line as its {@link Evidence#RELATED_TO other side}, so SARIF shows the finding at the file line
 *       with the live steps as related locations.
 *   <li>Only in the configuration, and a {@link Refuting live detector} of the id shows the opposite (the
 *       header does arrive): the finding is dropped; an {@link Outcome.Contradicted} says where and why.
 *   <li>Only in the configuration, and the live run cannot tell: kept (the configuration is still wrong),
 *       led by a note whose subject is {@link #NOT_SEEN_LIVE}; reporters list these findings apart.
 *   <li>Only live: unchanged.
 * </ul>
 *
 * A detector's finding counts as read in the configuration when every located evidence of it is a file
 * line; the others were seen live.
 */
public final class Corroboration {
  /** The subject of the note leading a finding read in the configuration that the live run did not show. */
  public static final String NOT_SEEN_LIVE = "not seen live";
  /** The subject of the note leading a finding seen live and read in the configuration. */
  public static final String SEEN_LIVE = "seen live";

  private Corroboration() {}

  /** Whether a run both read configuration files and saw a live flow (observations at its steps). */
  static boolean applies(Observations observations) {
    return observations.has(ConfigRead.class)
        && observations.all().stream().anyMatch(o -> o.location() instanceof Location.ExchangeRef);
  }

  /** True for a finding whose note says it was read in the configuration and not seen live. */
  public static boolean notSeenLive(Finding f) {
    return f.evidence().stream().anyMatch(e -> e.kind().equals("note") && e.subject().equals(NOT_SEEN_LIVE));
  }

  /** The findings of one id's detectors (each detector's list), and what the live run said of them. */
  record Joined(List<Finding> findings, Outcome.@Nullable Contradicted contradicted) {}

  /**
   * Joins one id's findings.
   *
   * @param refuted what a live detector of the id showed against it, or null
   * @param notRun why a detector of the id did not run ("no ForwardingTrial observed"), or null
   */
  static Joined join(String id, List<List<Finding>> detectors, @Nullable String refuted, @Nullable String notRun,
      Redactor redactor) {
    List<List<Finding>> live = new ArrayList<>();
    List<List<Finding>> config = new ArrayList<>();
    for (List<Finding> d : detectors) {
      List<Finding> l = d.stream().filter(f -> !readInConfig(f)).toList();
      List<Finding> c = d.stream().filter(Corroboration::readInConfig).toList();
      if (!l.isEmpty()) live.add(l);
      if (!c.isEmpty()) config.add(c);
    }
    if (config.isEmpty()) return new Joined(merged(live), null);
    Set<String> lines = new LinkedHashSet<>();
    for (List<Finding> d : config) for (Finding f : d) lines.addAll(lines(f));
    String first = lines.iterator().next();
    if (live.isEmpty()) {
      if (refuted != null) {
        return new Joined(List.of(), new Outcome.Contradicted(id,
            "in the configuration at " + String.join(", ", lines) + ", contradicted by the live run: " + refuted));
      }
      List<Finding> kept = new ArrayList<>();
      for (Finding f : merged(config)) {
        List<Evidence> ev = new ArrayList<>();
        ev.add(new Evidence("note", NOT_SEEN_LIVE, redactor.plain("in the configuration at " + String.join(", ", lines(f))
            + ", not seen live: the live run neither showed it nor ruled it out"
            + (notRun == null ? "" : " (its live check did not run: " + notRun + ")")), null,
            Map.of(Evidence.RELATED_TO, lines(f).iterator().next())));
        ev.addAll(f.evidence());
        kept.add(with(f, ev));
      }
      return new Joined(kept, null);
    }
    List<List<Finding>> all = new ArrayList<>(live);
    all.addAll(config);
    Finding f = Engine.merge(all);
    Set<String> steps = new LinkedHashSet<>();
    List<Evidence> ev = new ArrayList<>();
    for (List<Finding> d : live) for (Finding lf : d) for (Evidence e : lf.evidence()) {
      if (e.location() != null) steps.add(where(e.location()));
      Map<String, String> facts = new LinkedHashMap<>(e.facts());
      facts.putIfAbsent(Evidence.RELATED_TO, first);
      ev.add(new Evidence(e.kind(), e.subject(), e.excerpt(), e.location(), facts));
    }
    for (List<Finding> d : config) for (Finding cf : d) ev.addAll(cf.evidence());
    ev.add(0, new Evidence("note", SEEN_LIVE, redactor.plain("seen live" + (steps.isEmpty() ? "" : " at " + String.join(", ", steps))
        + "; caused by " + String.join(", ", lines)), null, Map.of(Evidence.RELATED_TO, first)));
    return new Joined(List.of(with(f, ev)), null);
  }

  /** Every located evidence of it is a line of a file (at least one is). */
  static boolean readInConfig(Finding f) {
    boolean any = false;
    for (Evidence e : f.evidence()) {
      if (e.location() == null) continue;
      if (!(e.location() instanceof Location.FileLine)) return false;
      any = true;
    }
    return any;
  }

  /** The file lines a configuration finding points at (not the other sides of its causes). */
  private static Set<String> lines(Finding f) {
    Set<String> lines = new LinkedHashSet<>();
    for (Evidence e : f.evidence()) {
      if (e.location() instanceof Location.FileLine fl && !e.facts().containsKey(Evidence.RELATED_TO)) lines.add(where(fl));
    }
    if (lines.isEmpty()) for (Evidence e : f.evidence()) if (e.location() instanceof Location.FileLine fl) lines.add(where(fl));
    return lines;
  }

  private static List<Finding> merged(List<List<Finding>> detectors) {
    if (detectors.isEmpty()) return List.of();
    return detectors.size() == 1 ? detectors.get(0) : List.of(Engine.merge(detectors));
  }

  private static Finding with(Finding f, List<Evidence> evidence) {
    return new Finding(f.id(), f.severity(), f.title(), evidence, f.why(), f.fix(), f.fixes(), f.accepted());
  }

  /** As the text report and SARIF's related locations name a place: {@code file:line}, {@code step 3}. */
  private static String where(Location l) {
    return switch (l) {
      case Location.FileLine f -> f.file() + ":" + f.line();
      case Location.ExchangeRef s -> "step " + s.step();
      case Location.HarEntryRef h -> "HAR entry " + h.entry();
      case Location.ClaimRef c -> "claim " + c.claim();
      case Location.StoreKey k -> "store key " + k.key();
    };
  }
}
