package authdoctor.check;

import static java.util.Objects.requireNonNull;

import java.util.Set;

/**
 * Which checks a command runs, and whether it guesses the deployment's stack from what it saw. Most
 * commands diagnose a deployment: every check, the fix for the detected stack first. The {@code jwt}
 * command diagnoses a token: only the token and clock checks (the requests it makes to fetch keys or
 * read clocks are not a deployment under diagnosis), with the fixes for any stack.
 *
 * @param areas the catalog areas whose checks run ({@code jwt}, {@code clock}); empty for every area
 * @param detectStack whether the stack is guessed from the observations; else it is unknown
 */
public record Scope(Set<String> areas, boolean detectStack) {
  /** Every check; the stack detected. */
  public static final Scope ALL = new Scope(Set.of(), true);

  public Scope {
    areas = Set.copyOf(areas);
  }

  /** Only the checks of these catalog areas; the stack detected. */
  public static Scope areas(String... areas) {
    return new Scope(Set.of(areas), true);
  }

  /** The same checks, with the stack left unknown (the fixes for any stack). */
  public Scope withoutStack() {
    return new Scope(areas, false);
  }

  /** Whether a check of this catalog id is in scope. */
  public boolean includes(String id) {
    requireNonNull(id);
    return areas.isEmpty() || areas.contains(id.substring(0, Math.max(0, id.indexOf('.'))));
  }
}
