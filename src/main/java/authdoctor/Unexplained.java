package authdoctor;

import static java.util.Objects.requireNonNull;

import java.util.ArrayList;
import java.util.List;

/**
 * A flow that visibly failed (the login refused, a protected route or API call refused after a
 * successful login, a redirect loop) with no error finding at or before the failing step: the report
 * leads with it instead of a green check. Decided from the observations when the report is made, never
 * by a reporter.
 *
 * @param step the trace step where the flow failed
 * @param what that step in a few words ({@code 401 on GET /api/me})
 * @param ruledOut the causes the run examined and found absent, each with how it knows
 * @param next what to look at next, most likely first
 * @param at where, in the reader's words: {@code step 4}, or {@code HAR entry 7} for a recording whose step
 *     {@code step} shows that entry
 */
public record Unexplained(int step, String what, List<String> ruledOut, List<String> next, String at) {
  public Unexplained {
    requireNonNull(what);
    requireNonNull(at);
    if (step < 1) throw new IllegalArgumentException("step must be at least 1: " + step);
    ruledOut = List.copyOf(ruledOut);
    next = List.copyOf(next);
  }

  /** Failed at trace step {@code step}. */
  public Unexplained(int step, String what, List<String> ruledOut, List<String> next) {
    this(step, what, ruledOut, next, "step " + step);
  }

  /** The one line every reporter leads with: "the flow failed at step 4 (401 on GET /api/me) and no known cause matched". */
  public String headline() {
    return "the flow failed at " + at + " (" + what + ") and no known cause matched";
  }

  /**
   * The block as plain lines (headline, "ruled out: …", "try next: …"): what the text report prints
   * and what a reporter without its own layout (a JUnit failure message) can take as it is.
   */
  public List<String> lines() {
    List<String> out = new ArrayList<>();
    out.add(headline());
    if (!ruledOut.isEmpty()) out.add("ruled out: " + String.join("; ", ruledOut));
    if (!next.isEmpty()) out.add("try next: " + String.join("; ", next));
    return out;
  }
}
