package authdoctor.collect.scan.python;

import authdoctor.Location;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.Problem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What the framework readers found: the settings in effect as {@link AppSetting}s, and a "could not
 * determine" {@link Problem} (file:line) for each one whose value is computed.
 */
final class Found {
  final List<AppSetting> settings = new ArrayList<>();
  final List<Problem> problems = new ArrayList<>();

  /** A setting of {@code framework} written at {@code file:line}. */
  void add(String framework, Concept concept, String key, Value value, String file, int line, @Nullable String assumption) {
    settings.add(new AppSetting(framework, concept, key, value, new Location.FileLine(file, line), file, assumption));
    // one note per line: a call whose arguments are all computed is one thing to look at
    if (value instanceof Value.Computed(String expression) && problems.stream().noneMatch(p -> p.source().equals(file + ":" + line))) {
      String shown = concept == Concept.SESSION_SECRET ? "" : ": " + abbreviate(expression);
      problems.add(new Problem(file + ":" + line, "could not determine " + key + " without running the code" + shown));
    }
  }

  private static String abbreviate(String s) {
    String one = s.replaceAll("\\s+", " ");
    return one.length() > 80 ? one.substring(0, 77) + "…" : one;
  }

  /** Joins two assumptions (either may be null). */
  static @Nullable String both(@Nullable String a, @Nullable String b) {
    if (a == null) return b;
    if (b == null) return a;
    return a + "; " + b;
  }
}
