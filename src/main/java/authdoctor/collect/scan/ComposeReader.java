package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import authdoctor.observation.ServiceName;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a docker compose file (the Compose Specification, {@code services} top-level element): per
 * service its {@code image}/{@code build}, {@code entrypoint} and {@code command}, {@code environment}
 * (map or list), {@code env_file} (read at its lines when it is in the tree), {@code ports}, and {@code
 * deploy.replicas}/{@code scale}.
 */
final class ComposeReader {
  private ComposeReader() {}

  static DeployFacts read(String file, Yaml doc, Linked linked) {
    DeployFacts facts = new DeployFacts();
    if (!(doc instanceof Yaml.Mapping top) || top.map("services") == null) return facts;
    Yaml.Mapping services = top.map("services");
    for (Map.Entry<String, Yaml> e : services.entries().entrySet()) {
      if (!(e.getValue() instanceof Yaml.Mapping svc)) continue;
      String name = e.getKey();
      List<DeploySetting> env = new ArrayList<>();
      for (DeploySetting s : envFiles(file, name, svc.get("env_file"), linked)) {
        facts.setting(s);
        env.add(s);
      }
      for (DeploySetting s : environment(file, name, Format.COMPOSE, svc.get("environment"))) {
        facts.setting(s);
        env.add(s);
      }
      String command = (words(svc.get("entrypoint")) + " " + words(svc.get("command"))).strip();
      int line = svc.get("command") != null ? svc.lineOf("command") : svc.get("entrypoint") != null ? svc.lineOf("entrypoint") : services.lineOf(name);
      Location at = new Location.FileLine(file, line);
      DeployProcess p = new DeployProcess(Format.COMPOSE, file, name, program(svc), replicas(svc), command, ports(svc.get("ports")), at);
      facts.process(p, env, at);
      names(file, name, svc, services.lineOf(name), facts);
    }
    return facts;
  }

  /** The names other services reach this one by: its key, {@code container_name}, {@code hostname}, network aliases. */
  private static void names(String file, String name, Yaml.Mapping svc, int line, DeployFacts facts) {
    facts.observations.add(new ServiceName(file, name, new Location.FileLine(file, line)));
    for (String k : List.of("container_name", "hostname")) {
      if (svc.text(k) != null) facts.observations.add(new ServiceName(file, svc.text(k), new Location.FileLine(file, svc.lineOf(k))));
    }
    if (svc.map("networks") != null) {
      for (Yaml n : svc.map("networks").entries().values()) {
        if (n instanceof Yaml.Mapping net && net.get("aliases") instanceof Yaml.Sequence aliases) {
          for (Yaml a : aliases.items()) {
            if (a instanceof Yaml.Scalar s) facts.observations.add(new ServiceName(file, s.value(), new Location.FileLine(file, s.line())));
          }
        }
      }
    }
  }

  /** {@code image}, or the {@code build} context: services built from one source run one app. */
  private static @Nullable String program(Yaml.Mapping svc) {
    if (svc.text("image") != null) return "image " + svc.text("image");
    if (svc.text("build") != null) return "build " + svc.text("build");
    if (svc.map("build") != null) return "build " + svc.map("build").text("context") + " " + svc.map("build").text("dockerfile");
    return null;
  }

  private static int replicas(Yaml.Mapping svc) {
    String n = svc.map("deploy") != null ? svc.map("deploy").text("replicas") : null;
    if (n == null) n = svc.text("scale");
    try {
      return n == null ? 1 : Math.max(0, Integer.parseInt(n.strip()));
    } catch (NumberFormatException e) {
      return 1;
    }
  }

  /** A command as a string, or a list of words (exec form) quoted back into one line. */
  static String words(@Nullable Yaml y) {
    if (y instanceof Yaml.Scalar s) return s.value();
    if (y instanceof Yaml.Sequence q) {
      List<String> out = new ArrayList<>();
      for (Yaml i : q.items()) {
        if (i instanceof Yaml.Scalar s) out.add(s.value().isEmpty() || s.value().matches(".*[\\s'\"].*") ? "'" + s.value().replace("'", "'\\''") + "'" : s.value());
      }
      return String.join(" ", out);
    }
    return "";
  }

  /** {@code environment:} as a map ({@code KEY: value}) or a list ({@code - KEY=value}). */
  static List<DeploySetting> environment(String file, String instance, Format format, @Nullable Yaml y) {
    List<DeploySetting> out = new ArrayList<>();
    if (y instanceof Yaml.Mapping m) {
      m.entries().forEach((k, v) -> {
        if (v instanceof Yaml.Scalar s) out.add(new DeploySetting(format, file, k, s.value(), new Location.FileLine(file, m.lineOf(k)), instance));
      });
    } else if (y instanceof Yaml.Sequence q) {
      for (Yaml i : q.items()) {
        if (!(i instanceof Yaml.Scalar s)) continue;
        int eq = s.value().indexOf('=');
        String key = eq < 0 ? s.value() : s.value().substring(0, eq);
        if (key.isBlank()) continue;
        out.add(new DeploySetting(format, file, key.strip(), eq < 0 ? "" : s.value().substring(eq + 1), new Location.FileLine(file, s.line()), instance));
      }
    }
    return out;
  }

  /** The settings of each {@code env_file} found in the tree, at their own lines, given to {@code instance}. */
  private static List<DeploySetting> envFiles(String file, String instance, @Nullable Yaml y, Linked linked) {
    List<String> refs = new ArrayList<>();
    if (y instanceof Yaml.Scalar s) refs.add(s.value());
    if (y instanceof Yaml.Sequence q) {
      for (Yaml i : q.items()) {
        if (i instanceof Yaml.Scalar s) refs.add(s.value());
        if (i instanceof Yaml.Mapping m && m.text("path") != null) refs.add(m.text("path"));
      }
    }
    List<DeploySetting> out = new ArrayList<>();
    for (String ref : refs) {
      Linked.Text t = linked.open(ref);
      if (t == null) continue;
      for (DeploySetting s : SettingsReader.read(Format.ENV, t.name(), t.text())) {
        out.add(new DeploySetting(s.format(), s.file(), s.key(), s.value(), s.location(), instance));
      }
    }
    return out;
  }

  /** {@code ports:} short ({@code "127.0.0.1:8000:8000"}) or long ({@code {published, target, host_ip}}) syntax. */
  private static List<String> ports(@Nullable Yaml y) {
    List<String> out = new ArrayList<>();
    if (!(y instanceof Yaml.Sequence q)) return out;
    for (Yaml i : q.items()) {
      if (i instanceof Yaml.Scalar s) out.add(s.value());
      if (i instanceof Yaml.Mapping m && m.text("target") != null) {
        String published = m.text("published") == null ? "" : m.text("published");
        out.add((m.text("host_ip") == null ? "" : m.text("host_ip") + ":") + published + ":" + m.text("target"));
      }
    }
    return out;
  }
}
