package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One HTTP step of a probe run as {@code diff} compares it.
 *
 * @param step the step number in that run's trace
 * @param label the probe's label ({@code login}, {@code login (redirect 1)}, {@code protected /dashboard})
 * @param url the request URL (redacted)
 * @param facts the comparable facts, in display order
 */
public record StepView(int step, String label, String method, String url, List<Fact> facts) {
  public StepView {
    requireNonNull(label);
    requireNonNull(method);
    requireNonNull(url);
    facts = List.copyOf(facts);
  }

  /** The fact about {@code aspect}, or null when this step has none. */
  public @Nullable Fact fact(String aspect) {
    for (Fact f : facts) if (f.aspect().equals(aspect)) return f;
    return null;
  }

  /** The response in a few characters: {@code 302} or {@code no response}. */
  public String outcome() {
    Fact f = fact(StepViews.RESPONSE);
    return f == null ? "" : f.shown();
  }

  /** Aspect → shown value, in order. */
  public Map<String, String> shownFacts() {
    Map<String, String> m = new LinkedHashMap<>();
    for (Fact f : facts) m.put(f.aspect(), f.shown());
    return m;
  }

  /** A one-line summary for the side-by-side table: status, redirect target, signed in or out. */
  public String summary() {
    StringBuilder sb = new StringBuilder(outcome());
    Fact loc = fact(StepViews.LOCATION);
    if (loc != null) sb.append(" → ").append(loc.shown());
    Fact s = fact(StepViews.SESSION);
    if (s != null && s.compared() != null) sb.append(", ").append(s.compared());
    return sb.toString();
  }
}
