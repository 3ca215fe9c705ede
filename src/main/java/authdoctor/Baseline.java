package authdoctor;

import static java.util.Objects.requireNonNull;

import authdoctor.internal.LocatedYaml;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The findings a team has accepted ({@code --baseline FILE}, or the {@code accepted:} section of a flow
 * file): each matched by id and {@link Finding#fingerprint()}, with a reason and an optional last day.
 * An accepted finding is still reported, marked as such, and does not fail the run; once its day has
 * passed it fails again.
 */
public record Baseline(List<Entry> entries) {
  private static final Set<String> KEYS = Set.of("id", "fingerprint", "reason", "until");

  public Baseline {
    entries = List.copyOf(entries);
  }

  /**
   * One accepted finding.
   *
   * @param until its last day (inclusive), or null for no expiry
   * @param where {@code file:line} of the entry, for messages
   */
  public record Entry(String id, String fingerprint, String reason, @Nullable LocalDate until, String where) {
    public Entry {
      requireNonNull(id);
      requireNonNull(fingerprint);
      requireNonNull(reason);
      requireNonNull(where);
    }
  }

  /** The report with the findings this baseline accepts on {@code today} marked, and the entries that expired. */
  public record Applied(Report report, List<Entry> expired) {}

  public Applied apply(Report report, LocalDate today) {
    List<Finding> marked = new ArrayList<>();
    List<Entry> expired = new ArrayList<>();
    for (Finding f : report.findings()) {
      Entry e = entries.stream().filter(x -> x.id().equals(f.id()) && x.fingerprint().equals(f.fingerprint()))
          .findFirst().orElse(null);
      Acceptance a = e == null ? null : new Acceptance(e.reason(), e.until());
      if (a != null && !a.holdsOn(today)) {
        expired.add(e);
        a = null;
      }
      marked.add(f.withAccepted(a));
    }
    return new Applied(report.withFindings(marked), expired);
  }

  /** Both baselines' entries. */
  public Baseline plus(Baseline other) {
    List<Entry> all = new ArrayList<>(entries);
    all.addAll(other.entries);
    return new Baseline(all);
  }

  /** A baseline file: {@code accepted:} and its list. */
  public static Baseline read(java.nio.file.Path file) {
    LocatedYaml.Node doc = LocatedYaml.read(file);
    String name = file.toString();
    if (!(doc instanceof LocatedYaml.Mapping m)) throw new LocatedYaml.Error(name + ":" + doc.line() + ": expected accepted: and a list");
    for (LocatedYaml.Entry e : m.entries().values()) {
      if (!e.key().equals("accepted")) throw new LocatedYaml.Error(name + ":" + e.line() + ": unknown key '" + e.key() + "' (accepted:)");
    }
    LocatedYaml.Entry accepted = m.entries().get("accepted");
    return accepted == null ? new Baseline(List.of()) : section(name, accepted.value());
  }

  /** The list of accepted findings of a baseline file or of a flow file's {@code accepted:} section. */
  public static Baseline section(String name, LocatedYaml.Node list) {
    if (!(list instanceof LocatedYaml.Sequence seq)) {
      throw new LocatedYaml.Error(name + ":" + list.line() + ": accepted: expected a list of findings (- id: …)");
    }
    List<Entry> entries = new ArrayList<>();
    for (LocatedYaml.Node n : seq.items()) {
      String where = name + ":" + n.line();
      if (!(n instanceof LocatedYaml.Mapping m)) throw new LocatedYaml.Error(where + ": expected id, fingerprint, reason, until");
      Map<String, String> v = new LinkedHashMap<>();
      for (LocatedYaml.Entry e : m.entries().values()) {
        if (!KEYS.contains(e.key())) {
          throw new LocatedYaml.Error(name + ":" + e.line() + ": unknown key '" + e.key() + "' (id, fingerprint, reason, until)");
        }
        if (!(e.value() instanceof LocatedYaml.Scalar s) || s.text().isBlank()) {
          throw new LocatedYaml.Error(name + ":" + e.line() + ": " + e.key() + ": expected a value");
        }
        v.put(e.key(), s.text().strip());
      }
      for (String k : List.of("id", "fingerprint", "reason")) {
        if (!v.containsKey(k)) throw new LocatedYaml.Error(where + ": an accepted finding needs " + k);
      }
      LocalDate until = null;
      if (v.containsKey("until")) {
        try {
          until = LocalDate.parse(v.get("until"));
        } catch (DateTimeParseException ex) {
          throw new LocatedYaml.Error(where + ": until: '" + v.get("until") + "' is not a date (YYYY-MM-DD)");
        }
      }
      entries.add(new Entry(v.get("id"), v.get("fingerprint"), v.get("reason"), until, where));
    }
    return new Baseline(entries);
  }

  /**
   * A baseline file accepting {@code findings} (each once): an accepted one keeps its reason and day, a
   * new one gets a reason to be replaced by the team's.
   */
  public static String yaml(List<Finding> findings, LocalDate today) {
    StringBuilder sb = new StringBuilder("# authdoctor baseline: accepted findings, matched by id and fingerprint.\n"
        + "# Give each its reason; an 'until: YYYY-MM-DD' makes it fail again after that day.\n"
        + "accepted:\n");
    Set<String> seen = new java.util.HashSet<>();
    for (Finding f : findings) {
      if (!seen.add(f.id() + " " + f.fingerprint())) continue;
      Acceptance a = f.accepted();
      sb.append("  - id: ").append(f.id()).append('\n');
      sb.append("    fingerprint: \"").append(f.fingerprint()).append("\"\n");
      String reason = a != null ? a.reason() : "recorded by --save-baseline on " + today + ": say why it is accepted";
      sb.append("    reason: ").append(quote(reason)).append('\n');
      if (a != null && a.until() != null) sb.append("    until: ").append(a.until()).append('\n');
      sb.append("    # ").append(f.severity().word()).append(": ").append(f.title().replace('\n', ' ')).append('\n');
    }
    return sb.toString();
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", " ") + "\"";
  }
}
