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

  /**
   * {@code "<id> <file>:<line>"} for every {@code # expect: <id>} in a line-based file (nginx
   * configuration): the expectation is the next line that is neither blank nor a comment.
   */
  public static Set<String> lines(String text, String file) {
    Set<String> out = new LinkedHashSet<>();
    Set<String> pending = new LinkedHashSet<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String t = lines[i].strip();
      if (t.startsWith("// expect:")) t = t.substring(1); // JavaScript and Java sources
      if (t.startsWith("/ expect:") || t.startsWith("# expect:")) {
        pending.add(t.substring(t.indexOf(':') + 1).strip());
      } else if (!t.isEmpty() && !t.startsWith("#") && !t.startsWith("//") && !pending.isEmpty()) {
        for (String id : pending) out.add(id + " " + file + ":" + (i + 1));
        pending.clear();
      }
    }
    if (!pending.isEmpty()) throw new IllegalArgumentException("# expect: not followed by a line: " + pending);
    return out;
  }

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
