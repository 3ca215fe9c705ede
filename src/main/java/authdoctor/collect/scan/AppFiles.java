package authdoctor.collect.scan;

import authdoctor.collect.scan.js.AppRead;
import authdoctor.collect.scan.js.ExpressReader;
import authdoctor.collect.scan.python.PythonApps;
import authdoctor.collect.scan.spring.SpringReader;
import authdoctor.observation.ConfigRead;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The application source and settings files of a scan (Express source, Spring Boot configuration and
 * security classes, Python sources of Django, Flask and FastAPI/Starlette apps)
 * kept until the walk is done: which Spring profile (or Django settings module) production runs is said by the
 * deployment files, read in the same walk.
 */
final class AppFiles {
  private static final Pattern PROFILE_ARG = Pattern.compile("-{1,2}D?spring\\.profiles\\.active=([\\w,.-]+)");

  private final Map<String, List<SpringReader.Source>> springConfig = new LinkedHashMap<>();
  private final Map<String, List<SpringReader.JavaSource>> springJava = new LinkedHashMap<>();
  private final List<Observation> observations = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final List<PythonApps.Source> python = new ArrayList<>();

  /** Takes an application file; false when it is not one. */
  boolean accept(FileKind kind, String name, String text) {
    switch (kind) {
      case JS -> {
        AppRead r = ExpressReader.read(name, text);
        observations.addAll(r.settings());
        problems.addAll(r.problems());
        observations.add(new ConfigRead("express", name, List.of(), List.of(), r.settings().size(), -1));
      }
      case SPRING -> {
        try {
          springConfig.computeIfAbsent(module(name), k -> new ArrayList<>()).addAll(sources(name, text));
        } catch (Yaml.Invalid e) {
          problems.add(new Problem(name + ":" + e.line, e.getMessage()));
        }
      }
      case JAVA -> springJava.computeIfAbsent(module(name), k -> new ArrayList<>()).add(new SpringReader.JavaSource(name, text));
      case PYTHON -> {
        if (PythonApps.relevant(text)) python.add(new PythonApps.Source(name, text));
      }
      default -> {
        return false;
      }
    }
    return true;
  }

  /** Adds what was read, the Spring applications with the profile the deployment files activate. */
  void finish(List<Observation> out, List<Problem> outProblems) {
    String profile = null;
    String at = null;
    for (Observation o : out) {
      if (o instanceof DeploySetting s && s.key().equals("SPRING_PROFILES_ACTIVE") && !s.value().isBlank()) {
        profile = s.value();
        at = s.file();
      } else if (o instanceof DeployProcess p) {
        Matcher m = PROFILE_ARG.matcher(p.command());
        if (m.find()) {
          profile = m.group(1);
          at = p.file();
        }
      }
    }
    out.addAll(observations);
    outProblems.addAll(problems);
    python(out, outProblems);
    Map<String, Boolean> modules = new LinkedHashMap<>();
    springConfig.keySet().forEach(k -> modules.put(k, true));
    springJava.keySet().forEach(k -> modules.put(k, true));
    for (String module : modules.keySet()) {
      List<SpringReader.Source> sources = springConfig.getOrDefault(module, List.of());
      List<SpringReader.JavaSource> java = springJava.getOrDefault(module, List.of());
      String file = sources.isEmpty() ? java.get(0).file() : sources.get(0).file();
      AppRead r = SpringReader.read(file, sources, profile, at, java);
      out.addAll(r.settings());
      outProblems.addAll(r.problems());
      Map<String, Integer> perFile = new LinkedHashMap<>();
      for (SpringReader.Source s : sources) perFile.merge(s.file(), s.properties().size(), Integer::sum);
      for (SpringReader.JavaSource j : java) perFile.putIfAbsent(j.file(), 0);
      perFile.forEach((f, n) -> out.add(new ConfigRead("spring", f, List.of(), List.of(), n, -1)));
    }
  }

  /** The Python apps' settings in effect (Django, Flask, FastAPI/Starlette), which the deployment files select. */
  private void python(List<Observation> out, List<Problem> outProblems) {
    if (python.isEmpty()) return;
    PythonApps.Read r = PythonApps.read(python, out);
    out.addAll(r.settings());
    outProblems.addAll(r.problems());
    Map<String, Integer> perFile = new LinkedHashMap<>();
    for (var s : r.settings()) perFile.merge(s.file(), 1, Integer::sum);
    perFile.forEach((file, n) -> out.add(new ConfigRead("python", file, List.of(), List.of(), n, -1)));
  }

  /** The application a file belongs to: the path before {@code src/main/}, else its directory. */
  private static String module(String name) {
    int i = name.indexOf("src/main/");
    if (i >= 0) return name.substring(0, i);
    int slash = name.lastIndexOf('/');
    String dir = slash < 0 ? "" : name.substring(0, slash);
    return dir.endsWith("/config") ? dir.substring(0, dir.length() - "/config".length()) : dir;
  }

  /** A properties file, or each document of a YAML file with the profile it activates on. */
  private static List<SpringReader.Source> sources(String name, String text) throws Yaml.Invalid {
    String base = name.substring(name.lastIndexOf('/') + 1);
    String profile = SpringReader.profileOf(base);
    if (base.endsWith(".properties")) return List.of(new SpringReader.Source(name, profile, SpringReader.properties(name, text)));
    List<SpringReader.Source> out = new ArrayList<>();
    for (Yaml doc : Yaml.documents(text)) {
      List<SpringReader.Property> props = new ArrayList<>();
      flatten(name, "", doc, props);
      String on = profile;
      for (SpringReader.Property p : props) {
        if (p.key().equals("spring.config.activate.on-profile") || p.key().equals("spring.profiles")) on = p.value();
      }
      out.add(new SpringReader.Source(name, on, props));
    }
    return out;
  }

  private static void flatten(String file, String prefix, @Nullable Yaml y, List<SpringReader.Property> out) {
    switch (y) {
      case Yaml.Mapping m -> m.entries().forEach((k, v) -> {
        String key = prefix.isEmpty() ? k : prefix + "." + k;
        if (v instanceof Yaml.Scalar s) out.add(new SpringReader.Property(key, s.value(), file, m.lineOf(k)));
        else flatten(file, key, v, out);
      });
      case Yaml.Sequence q -> {
        List<String> items = new ArrayList<>();
        for (Yaml i : q.items()) if (i instanceof Yaml.Scalar s) items.add(s.value());
        if (items.size() == q.items().size()) out.add(new SpringReader.Property(prefix, String.join(",", items), file, q.line()));
      }
      case null, default -> {}
    }
  }
}
