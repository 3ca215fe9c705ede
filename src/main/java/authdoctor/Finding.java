package authdoctor;

import static java.util.Objects.requireNonNull;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * A diagnosed problem: a catalog id with its severity and prose, the evidence that proves it, and the
 * fix for the detected stack ({@code fix}) next to the fixes for every stack ({@code fixes}).
 *
 * @param accepted the team's acceptance of it from a baseline, or null: an accepted finding does not fail
 *     the run
 */
public record Finding(
    String id,
    Severity severity,
    String title,
    List<Evidence> evidence,
    String why,
    String fix,
    Map<String, String> fixes,
    @Nullable Acceptance accepted) {
  public Finding {
    requireNonNull(id);
    requireNonNull(severity);
    requireNonNull(title);
    evidence = List.copyOf(evidence);
    requireNonNull(why);
    requireNonNull(fix);
    fixes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixes));
  }

  /** A finding nobody has accepted. */
  public Finding(String id, Severity severity, String title, List<Evidence> evidence, String why, String fix,
      Map<String, String> fixes) {
    this(id, severity, title, evidence, why, fix, fixes, null);
  }

  /** This finding, accepted (or not, for null). */
  public Finding withAccepted(@Nullable Acceptance acceptance) {
    return new Finding(id, severity, title, evidence, why, fix, fixes, acceptance);
  }

  /** True when it counts for {@code --fail-on}: at least {@code threshold} and not accepted. */
  public boolean fails(Severity threshold) {
    return accepted == null && severity.atLeast(threshold);
  }

  /**
   * The finding's stable fingerprint, the same from run to run while the same thing is wrong in the same
   * place: SHA-256 of the id and, for each evidence, its subject and where it was seen — the kind of
   * location and its artifact (a file, a claim), not a step number or a line, which move between runs —
   * as 16 hex digits. Baselines match accepted findings by it, and SARIF's {@code partialFingerprints}
   * carry it.
   */
  public String fingerprint() {
    TreeSet<String> places = new TreeSet<>();
    for (Evidence e : evidence) places.add(e.subject() + "\u0000" + place(e.location()));
    String text = id + "\n" + String.join("\n", places);
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash, 0, 8);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }

  private static String place(@Nullable Location l) {
    if (l == null) return "run";
    return switch (l) {
      case Location.ExchangeRef r -> "step";
      case Location.FileLine f -> "file " + f.file();
      case Location.HarEntryRef h -> "har";
      case Location.ClaimRef c -> "claim " + c.claim();
      case Location.StoreKey k -> "store";
    };
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
