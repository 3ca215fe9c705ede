package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the line-based deployment files into {@link DeploySetting}s at their lines: {@code .env} files
 * ({@code KEY=value}, optional {@code export}, quotes, {@code #} comments: the dotenv conventions that
 * docker compose's {@code env_file} follows) and {@code redis.conf} ({@code directive args}, as
 * redis.conf's own header describes it). Never throws: a line it does not understand is skipped.
 */
public final class SettingsReader {
  private static final Pattern ENV_LINE = Pattern.compile("^\\s*(?:export\\s+)?([A-Za-z_][A-Za-z0-9_.]*)\\s*=\\s*(.*?)\\s*$");
  private static final Pattern REDIS_LINE = Pattern.compile("^\\s*([A-Za-z][A-Za-z0-9-]*)(?:\\s+(.*?))?\\s*$");
  /** Lines kept per file: a generated file of a million lines is not a configuration. */
  static final int MAX_SETTINGS = 5000;

  private SettingsReader() {}

  public static List<DeploySetting> read(Format format, String file, String text) {
    List<DeploySetting> out = new ArrayList<>();
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length && out.size() < MAX_SETTINGS; i++) {
      String line = lines[i];
      if (line.isBlank() || line.strip().startsWith("#")) continue;
      Matcher m = (format == Format.ENV ? ENV_LINE : REDIS_LINE).matcher(line);
      if (!m.matches()) continue;
      String raw = m.group(2) == null ? "" : m.group(2);
      out.add(new DeploySetting(format, file, m.group(1), format == Format.ENV ? envValue(raw) : redisValue(raw),
          new Location.FileLine(file, i + 1, line.indexOf(m.group(1)) + 1)));
    }
    return out;
  }

  /** {@code "a b"} and {@code 'a b'} lose their quotes; an unquoted value ends at {@code " #"}. */
  private static String envValue(String raw) {
    if (raw.length() >= 2 && (raw.charAt(0) == '"' || raw.charAt(0) == '\'')) {
      int end = raw.indexOf(raw.charAt(0), 1);
      if (end > 0) return raw.substring(1, end);
    }
    int comment = raw.indexOf(" #");
    return (comment >= 0 ? raw.substring(0, comment) : raw).strip();
  }

  /** {@code save ""} is the empty value; other arguments stay as written. */
  private static String redisValue(String raw) {
    String v = raw.strip();
    return v.equals("\"\"") || v.equals("''") ? "" : v;
  }
}
