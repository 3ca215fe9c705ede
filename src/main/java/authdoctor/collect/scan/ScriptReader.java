package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads an entrypoint or start script (a POSIX shell script): the variables it assigns or exports, at
 * their lines, and each line that starts gunicorn or uvicorn as a process given the variables set above it.
 */
final class ScriptReader {
  private ScriptReader() {}

  static DeployFacts read(String file, String text) {
    DeployFacts facts = new DeployFacts();
    List<DeploySetting> env = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String line = lines[i].strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      Location at = new Location.FileLine(file, i + 1);
      List<String> words = ShellWords.split(line);
      boolean server = words.stream().anyMatch(w -> w.endsWith("gunicorn") || w.endsWith("uvicorn"));
      if (server) {
        facts.process(new DeployProcess(Format.COMMAND, file, file + ":" + (i + 1), "script " + file, 1, line, List.of(), at), env, at);
        continue;
      }
      for (String w : words) {
        String[] a = ShellWords.assignment(w);
        if (a == null) continue;
        DeploySetting s = new DeploySetting(Format.COMMAND, file, a[0], a[1], at, file);
        facts.setting(s);
        env.add(s);
      }
    }
    return facts;
  }
}
