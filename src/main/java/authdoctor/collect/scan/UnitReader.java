package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a systemd service unit (systemd.exec(5), systemd.service(5)): in {@code [Service]}, {@code
 * Environment=} (space-separated, optionally quoted assignments), {@code EnvironmentFile=} (a leading
 * {@code -} makes it optional; read at its lines when the file is in the tree) and {@code ExecStart=}
 * (its {@code -@:+!} prefixes removed). Lines ending in {@code \} continue.
 */
final class UnitReader {
  private UnitReader() {}

  static DeployFacts read(String file, String text, Linked linked) {
    DeployFacts facts = new DeployFacts();
    String name = file.substring(file.lastIndexOf('/') + 1);
    List<DeploySetting> env = new ArrayList<>();
    String section = "";
    String exec = null;
    int execLine = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      StringBuilder sb = new StringBuilder(lines[i].strip());
      while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < lines.length) {
        sb.setLength(sb.length() - 1);
        sb.append(' ').append(lines[++i].strip());
      }
      String line = sb.toString();
      if (line.isEmpty() || line.startsWith("#") || line.startsWith(";")) continue;
      if (line.startsWith("[")) {
        section = line;
        continue;
      }
      int eq = line.indexOf('=');
      if (!section.equals("[Service]") || eq < 0) continue;
      String key = line.substring(0, eq).strip();
      String value = line.substring(eq + 1).strip();
      Location at = new Location.FileLine(file, first + 1);
      switch (key) {
        case "Environment" -> {
          for (String w : ShellWords.words(value)) {
            String[] a = ShellWords.assignment(w);
            if (a == null) continue;
            DeploySetting s = new DeploySetting(Format.SYSTEMD, file, a[0], a[1], at, name);
            facts.setting(s);
            env.add(s);
          }
        }
        case "EnvironmentFile" -> {
          Linked.Text t = linked.open(value.startsWith("-") ? value.substring(1) : value);
          if (t == null) continue;
          for (DeploySetting s : SettingsReader.read(Format.ENV, t.name(), t.text())) {
            DeploySetting given = new DeploySetting(s.format(), s.file(), s.key(), s.value(), s.location(), name);
            facts.setting(given);
            env.add(given);
          }
        }
        case "ExecStart" -> {
          exec = value.replaceFirst("^[-@:+!]+", "");
          execLine = first + 1;
        }
        default -> {}
      }
    }
    if (exec != null) {
      Location at = new Location.FileLine(file, execLine);
      facts.process(new DeployProcess(Format.SYSTEMD, file, name, "command " + exec.replaceAll("\\d+", "#"), 1, exec, List.of(), at), env, at);
    }
    return facts;
  }
}
