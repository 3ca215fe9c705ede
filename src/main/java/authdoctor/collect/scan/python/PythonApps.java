package authdoctor.collect.scan.python;

import authdoctor.observation.AppSetting;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The scan's reader of Python applications: given the tree's Python sources and the deployment
 * settings already read, the settings in effect of each Django, Flask and FastAPI/Starlette app as
 * {@link AppSetting}s, and a problem ("could not determine", file:line) for each value it would have to
 * run code to know. Sources that mention none of the frameworks' settings are not parsed.
 */
public final class PythonApps {
  /** What makes a source worth parsing: a framework's app, settings or configuration names. */
  private static final Pattern RELEVANT = Pattern.compile(
      "INSTALLED_APPS|MIDDLEWARE|ROOT_URLCONF|DJANGO_SETTINGS_MODULE|SECRET_KEY|SESSION_|Flask\\(|FastAPI\\(|Starlette\\(|add_middleware|import \\*");

  /** One source file: its path relative to the scanned root, and its text. */
  public record Source(String file, String text) {}

  /** The settings read and the problems met. */
  public record Read(List<AppSetting> settings, List<Problem> problems) {}

  private PythonApps() {}

  /** Whether a Python source is worth keeping for {@link #read}. */
  public static boolean relevant(String text) {
    return RELEVANT.matcher(text).find();
  }

  /** Test code builds apps of its own ({@code conftest.py}, {@code tests/}): they are not what production runs. */
  private static final Pattern TEST = Pattern.compile("(?:^|.*/)(?:tests?/.*|test_[^/]*\\.py|[^/]*_tests?\\.py|conftest\\.py)$");

  public static Read read(List<Source> sources, List<Observation> deployment) {
    List<PyModule> modules = new ArrayList<>();
    for (Source s : sources) if (!TEST.matcher(s.file().replace('\\', '/')).matches()) modules.add(PyModule.of(s.file(), s.text()));
    List<DeploySetting> env = new ArrayList<>();
    for (Observation o : deployment) if (o instanceof DeploySetting d) env.add(d);
    PyProject project = new PyProject(modules, env);
    Found found = new Found();
    List<java.util.function.BiConsumer<PyProject, Found>> readers = List.of(DjangoReader::read, FlaskReader::read, StarletteReader::read);
    for (var reader : readers) {
      try {
        reader.accept(project, found);
      } catch (RuntimeException e) {
        // a reader's own bug must not end the walk: the tree's other files are still read
        found.problems.add(new Problem("python", "the app settings reader failed (" + e.getClass().getSimpleName() + "): please report it"));
      }
    }
    return new Read(List.copyOf(found.settings), List.copyOf(found.problems));
  }
}
