package authdoctor.collect.scan;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a file is to the scan, decided by its name and confirmed by its first bytes. */
public enum FileKind {
  NGINX,
  OTHER;

  private static final Pattern NGINX_CONTENT =
      Pattern.compile("(?m)^\\s*(?:(?:server|http|upstream|location|events)\\b[^;{]*\\{|proxy_pass\\s|listen\\s+\\S+.*;|server_name\\s)");

  /** Whether the name alone makes the file worth opening. */
  public static boolean candidate(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String parent = file.getParent() == null || file.getParent().getFileName() == null
        ? "" : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".conf") || name.startsWith("nginx") || name.endsWith(".nginx") || name.endsWith(".vhost")
        || parent.equals("sites-available") || parent.equals("sites-enabled") || parent.equals("conf.d")
        || parent.equals("nginx");
  }

  /** The kind of a candidate file from its name and text. */
  public static FileKind of(Path file, String text) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".py") || name.endsWith(".js") || name.endsWith(".json") || name.endsWith(".yml") || name.endsWith(".yaml")) {
      return OTHER;
    }
    return NGINX_CONTENT.matcher(text).find() ? NGINX : OTHER;
  }
}
