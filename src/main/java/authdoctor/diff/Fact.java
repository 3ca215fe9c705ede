package authdoctor.diff;

import static java.util.Objects.requireNonNull;

import org.jspecify.annotations.Nullable;

/**
 * One comparable fact of a step: {@code cookie session SameSite} → {@code None}.
 *
 * @param aspect what the fact is about; the same aspect on both sides is compared
 * @param shown what a person reads (already redacted)
 * @param compared the normalised value compared with the other side (the side's own origin replaced,
 *     values that always differ left out); null when the aspect does not apply here (HSTS over plain
 *     http), so it is not compared
 * @param outcome true when it is what the browser or the user experiences (status, stored or not, sent
 *     or not, signed in or not), false for a detail that may explain an outcome (an attribute, a header)
 */
public record Fact(String aspect, String shown, @Nullable String compared, boolean outcome) {
  public Fact {
    requireNonNull(aspect);
    requireNonNull(shown);
  }
}
