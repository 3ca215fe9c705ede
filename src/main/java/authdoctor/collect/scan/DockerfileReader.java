package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Reads a Dockerfile (Dockerfile reference: instructions, {@code \} line continuations, {@code #}
 * comments): {@code ENV} ({@code KEY=value …} and the legacy {@code KEY value}) and the image's start
 * command, the last {@code ENTRYPOINT} and {@code CMD} in exec form (a JSON array) or shell form.
 */
final class DockerfileReader {
  private static final ObjectMapper JSON = new ObjectMapper();

  private DockerfileReader() {}

  static DeployFacts read(String file, String text) {
    DeployFacts facts = new DeployFacts();
    List<DeploySetting> env = new ArrayList<>();
    String entrypoint = "";
    String cmd = "";
    int commandLine = 0;
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int first = i;
      StringBuilder sb = new StringBuilder(lines[i].strip());
      while (sb.length() > 0 && sb.charAt(sb.length() - 1) == '\\' && i + 1 < lines.length) {
        sb.setLength(sb.length() - 1);
        String next = lines[++i].strip();
        if (!next.startsWith("#")) sb.append(' ').append(next);
      }
      String line = sb.toString().strip();
      if (line.isEmpty() || line.startsWith("#")) continue;
      int sp = line.indexOf(' ');
      if (sp < 0) continue;
      String instruction = line.substring(0, sp).toUpperCase(Locale.ROOT);
      String args = line.substring(sp + 1).strip();
      Location at = new Location.FileLine(file, first + 1);
      switch (instruction) {
        case "ENV" -> {
          for (DeploySetting s : env(file, args, at)) {
            facts.setting(s);
            env.add(s);
          }
        }
        case "ENTRYPOINT" -> {
          entrypoint = command(args);
          commandLine = first + 1;
        }
        case "CMD" -> {
          cmd = command(args);
          commandLine = first + 1;
        }
        default -> {}
      }
    }
    if (commandLine > 0) {
      Location at = new Location.FileLine(file, commandLine);
      facts.process(new DeployProcess(Format.DOCKERFILE, file, file, "dockerfile " + file, 1, (entrypoint + " " + cmd).strip(), List.of(), at), env, at);
    }
    return facts;
  }

  /** {@code ENV A=1 B="two words"} or {@code ENV A one value}. */
  private static List<DeploySetting> env(String file, String args, Location at) {
    List<DeploySetting> out = new ArrayList<>();
    List<String> words = ShellWords.words(args);
    if (!words.isEmpty() && ShellWords.assignment(words.get(0)) == null) {
      int sp = args.indexOf(' ');
      if (sp > 0) out.add(new DeploySetting(Format.DOCKERFILE, file, args.substring(0, sp), args.substring(sp + 1).strip(), at, file));
      return out;
    }
    for (String w : words) {
      String[] a = ShellWords.assignment(w);
      if (a != null) out.add(new DeploySetting(Format.DOCKERFILE, file, a[0], a[1], at, file));
    }
    return out;
  }

  /** Exec form {@code ["gunicorn", "-b", "0.0.0.0:8000"]} quoted back into one line; shell form as written. */
  private static String command(String args) {
    if (!args.startsWith("[")) return args;
    try {
      JsonNode n = JSON.readTree(args);
      if (!n.isArray()) return args;
      List<String> words = new ArrayList<>();
      n.forEach(w -> words.add(w.asText().matches(".*[\\s'\"].*") || w.asText().isEmpty() ? "'" + w.asText().replace("'", "'\\''") + "'" : w.asText()));
      return String.join(" ", words);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      return args; // Docker runs a malformed exec form as a shell command
    }
  }
}
