package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting.Format;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a Procfile ({@code <process type>: <command>} per line, as Heroku and foreman define it): each
 * process type is a process of one app, its command's {@code VAR=value} prefixes are its settings.
 */
final class ProcfileReader {
  private static final Pattern LINE = Pattern.compile("^([A-Za-z0-9_-]+):\\s*(.+)$");

  private ProcfileReader() {}

  static DeployFacts read(String file, String text) {
    DeployFacts facts = new DeployFacts();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = LINE.matcher(lines[i].strip());
      if (lines[i].strip().startsWith("#") || !m.matches()) continue;
      Location at = new Location.FileLine(file, i + 1);
      facts.process(new DeployProcess(Format.COMMAND, file, m.group(1), "procfile " + file, 1, m.group(2), List.of(), at), List.of(), at);
    }
    return facts;
  }
}
