package authdoctor.collect.nginx;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The files of an {@code nginx -T} dump, split at its {@code # configuration file PATH:} markers so each
 * line keeps its own file's name and line number. Relative includes resolve against the directory of the
 * first file (nginx's configuration prefix) and of the including file.
 */
public final class DumpFiles implements NginxFiles {
  private static final Pattern MARKER = Pattern.compile("^# configuration file (.+):\\s*$");

  private final Map<String, String> files;

  private DumpFiles(Map<String, String> files) {
    this.files = files;
  }

  /** Whether this text is an {@code nginx -T} dump (it has at least one file marker). */
  public static boolean isDump(String text) {
    for (String line : text.split("\n", 200)) if (MARKER.matcher(line).matches()) return true;
    return false;
  }

  /**
   * Splits a dump; the text before the first marker ({@code nginx: … syntax is ok}) is dropped. Text with
   * no marker is one file named {@code unnamed}.
   */
  public static DumpFiles split(String text, String unnamed) {
    Map<String, String> files = new LinkedHashMap<>();
    String current = null;
    StringBuilder sb = new StringBuilder();
    if (!isDump(text)) {
      files.put(unnamed, text);
      return new DumpFiles(files);
    }
    for (String line : text.split("\n", -1)) {
      Matcher m = MARKER.matcher(line);
      if (m.matches()) {
        if (current != null) files.putIfAbsent(current, sb.toString());
        current = m.group(1).strip();
        sb.setLength(0);
      } else if (current != null) {
        sb.append(line).append('\n');
      }
    }
    if (current != null) files.putIfAbsent(current, sb.toString());
    return new DumpFiles(files);
  }

  /** The file names in dump order; the first is the main configuration. */
  public List<String> names() {
    return List.copyOf(files.keySet());
  }

  @Override
  public Optional<String> read(String name) {
    return Optional.ofNullable(files.get(name));
  }

  @Override
  public List<String> resolve(String include, String from) {
    List<String> candidates = new ArrayList<>();
    if (include.startsWith("/")) {
      candidates.add(include);
    } else {
      candidates.add(dir(from) + include);
      if (!files.isEmpty()) candidates.add(dir(files.keySet().iterator().next()) + include);
    }
    for (String c : candidates) {
      List<String> out = new ArrayList<>();
      if (Globs.isGlob(c)) {
        Pattern p = Globs.regex(c);
        for (String name : files.keySet()) if (p.matcher(name).matches()) out.add(name);
        out.sort(null);
      } else if (files.containsKey(c)) {
        out.add(c);
      }
      if (!out.isEmpty()) return out;
    }
    return List.of();
  }

  private static String dir(String name) {
    int slash = name.lastIndexOf('/');
    return slash >= 0 ? name.substring(0, slash + 1) : "";
  }
}
