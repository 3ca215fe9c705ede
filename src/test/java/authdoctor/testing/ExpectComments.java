package authdoctor.testing;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Expectations in a YAML scenario fixture: a {@code # expect: <id>} comment on the line above a step
 * ({@code - response:} or {@code - request:}) means a finding of that id points at that step.
 */
public final class ExpectComments {
  private static final Pattern STEP = Pattern.compile("^\\s*-\\s+(response|request)\\s*:");

  private ExpectComments() {}

  /** {@code "<id> step <n>"} for every expectation, steps counted from 1. */
  public static Set<String> steps(String yaml) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> pending = new LinkedHashSet<>();
    int step = 0;
    for (String line : yaml.split("\n", -1)) {
      String t = line.strip();
      if (t.startsWith("# expect:")) {
        pending.add(t.substring("# expect:".length()).strip());
      } else if (STEP.matcher(line).find()) {
        step++;
        for (String id : pending) out.add(id + " step " + step);
        pending.clear();
      }
    }
    if (!pending.isEmpty()) throw new IllegalArgumentException("# expect: not followed by a step: " + pending);
    return out;
  }
}
