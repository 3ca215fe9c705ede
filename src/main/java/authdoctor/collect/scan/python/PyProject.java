package authdoctor.collect.scan.python;

import authdoctor.observation.DeploySetting;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The Python modules of a scanned tree and the environment its deployment files give, as the framework
 * readers need them: a module by its dotted name, and a variable's value(s) across the deployment.
 */
final class PyProject {
  final List<PyModule> modules;
  /** Variable → the deployment settings that set it (any process, any file). */
  final Map<String, List<DeploySetting>> env = new TreeMap<>();

  PyProject(List<PyModule> modules, List<DeploySetting> deploy) {
    this.modules = List.copyOf(modules);
    for (DeploySetting s : deploy) {
      if (s.format() != DeploySetting.Format.REDIS) env.computeIfAbsent(s.key(), k -> new ArrayList<>()).add(s);
    }
  }

  /** The module {@code dotted} names (the shortest path that ends with it), or null when not in the tree. */
  @Nullable PyModule module(String dotted) {
    PyModule best = null;
    for (PyModule m : modules) {
      if (m.is(dotted) && (best == null || m.name().length() < best.name().length())) best = m;
    }
    return best;
  }

  /** The one value the deployment gives {@code variable}, or null when it gives none or several that differ. */
  @Nullable String envValue(String variable) {
    List<DeploySetting> all = env.getOrDefault(variable, List.of());
    String v = null;
    for (DeploySetting s : all) {
      if (v != null && !v.equals(s.value())) return null;
      v = s.value();
    }
    return v;
  }
}
