package authdoctor.collect.scan.js;

import authdoctor.Location;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.Problem;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a framework reader found in one file or application: the settings in effect, and a "could not
 * determine" problem for each one whose value is computed.
 */
public final class AppRead {
  private final String framework;
  private final String file;
  private final @Nullable String assumption;
  private final List<AppSetting> settings = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();

  public AppRead(String framework, String file, @Nullable String assumption) {
    this.framework = framework;
    this.file = file;
    this.assumption = assumption;
  }

  /** Adds a setting of this reader's file. */
  public void add(Concept concept, String key, @Nullable Value value, int line) {
    add(concept, key, value, file, line);
  }

  /** Adds a setting written in {@code where} (a profile file of the same application); an unset value adds nothing. */
  public void add(Concept concept, String key, @Nullable Value value, String where, int line) {
    if (value == null) return;
    settings.add(new AppSetting(framework, concept, key, value, new Location.FileLine(where, line), where, assumption));
    if (value instanceof Value.Computed(String expression)) {
      problems.add(new Problem(where + ":" + line, "could not determine " + key + " without running the code: "
          + (concept == Concept.SESSION_SECRET ? "(computed)" : expression)));
    }
  }

  public List<AppSetting> settings() {
    return List.copyOf(settings);
  }

  public List<Problem> problems() {
    return List.copyOf(problems);
  }
}
