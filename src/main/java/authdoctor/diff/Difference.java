package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One aspect of one step that differs between the two targets.
 *
 * @param aspect what differs ({@code Location}, {@code cookie session Secure}, {@code session})
 * @param a what target A shows, {@code —} when it has nothing there
 * @param b what target B shows, {@code —} when it has nothing there
 * @param outcome true when the browser's or the user's experience differs, false for a detail
 * @param expected why the difference is expected from the targets alone (A is plain http, B https), or
 *     null when it is not; an expected difference is shown but is never the first divergence
 */
public record Difference(String aspect, String a, String b, boolean outcome, @Nullable String expected) {
  /** Shown for a side that has no such fact. */
  public static final String NONE = "—";

  public Difference {
    requireNonNull(aspect);
    requireNonNull(a);
    requireNonNull(b);
  }
}
