package authdoctor.collect.scan;

import authdoctor.Location;
import authdoctor.observation.AppServer;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads {@code gunicorn.conf.py}: its top-level assignments ({@code bind = "0.0.0.0:8000"}, {@code
 * forwarded_allow_ips = "*"}, {@code proxy_allow_ips}) as settings, with a string or a list of strings
 * as their value and any other expression as written; and the app server they configure. Python is not
 * run: a value computed at start-up stays the expression.
 */
final class GunicornConfReader {
  private static final Pattern ASSIGNMENT = Pattern.compile("^([a-z_][a-z0-9_]*)\\s*=\\s*(.+?)\\s*(?:#.*)?$");
  private static final Pattern STRING = Pattern.compile("^[rbuf]?(['\"])(.*)\\1$");

  private GunicornConfReader() {}

  static DeployFacts read(String file, String text) {
    DeployFacts facts = new DeployFacts();
    String bind = null;
    String trusted = null;
    Location trustedAt = null;
    Location at = new Location.FileLine(file, 1);
    String[] lines = text.split("\r?\n", -1);
    for (int i = 0; i < lines.length; i++) {
      Matcher m = ASSIGNMENT.matcher(lines[i]);
      if (!m.matches()) continue;
      Location here = new Location.FileLine(file, i + 1);
      String value = value(m.group(2).strip());
      facts.setting(new DeploySetting(Format.GUNICORN, file, m.group(1), value, here, null));
      switch (m.group(1)) {
        case "raw_env" -> rawEnv(file, m.group(2).strip(), here, facts);
        case "bind" -> {
          bind = value.split(",")[0];
          at = here;
        }
        case "forwarded_allow_ips" -> {
          trusted = value;
          trustedAt = here;
        }
        default -> {}
      }
    }
    facts.observations.add(new AppServer("gunicorn", file, null, bind, trusted, trustedAt, true, List.of(), at));
    return facts;
  }

  /**
   * {@code raw_env = ["KEY=value", "SECRET_KEY=" + secrets.token_hex(32)]}: the variables gunicorn sets in
   * its workers' environment, each as a setting whose value is the literal or the expression as written
   * (evaluated each time gunicorn starts).
   */
  private static void rawEnv(String file, String expr, Location at, DeployFacts facts) {
    if (!(expr.startsWith("[") && expr.endsWith("]"))) return;
    for (String item : expr.substring(1, expr.length() - 1).split(",")) {
      Matcher m = RAW_ENV_ITEM.matcher(item.strip());
      if (!m.matches()) continue;
      String value = m.group(3) != null ? m.group(3) : m.group(4).strip();
      facts.setting(new DeploySetting(Format.GUNICORN, file, m.group(2), value, at, file));
    }
  }

  /** {@code "KEY=value"} or {@code "KEY=" + expression}. */
  private static final Pattern RAW_ENV_ITEM = Pattern.compile("^[rbu]?(['\"])([A-Za-z_][A-Za-z0-9_]*)=(?:([^'\"]*)\\1|\\1\\s*\\+\\s*(.+))$");

  /** {@code "a"} → a; {@code ["a", 'b']} → a,b; anything else as written. */
  private static String value(String expr) {
    Matcher s = STRING.matcher(expr);
    if (s.matches()) return s.group(2);
    if ((expr.startsWith("[") && expr.endsWith("]")) || (expr.startsWith("(") && expr.endsWith(")"))) {
      List<String> out = new ArrayList<>();
      for (String part : expr.substring(1, expr.length() - 1).split(",")) {
        Matcher p = STRING.matcher(part.strip());
        if (p.matches()) out.add(p.group(2));
        else if (!part.isBlank()) return expr;
      }
      return String.join(",", out);
    }
    return expr;
  }
}
