package authdoctor.collect.nginx;

import java.util.regex.Pattern;

/** glob(3) patterns as nginx's {@code include} uses them: {@code *} and {@code ?} within one path segment, {@code [...]} classes. */
final class Globs {
  private Globs() {}

  static boolean isGlob(String s) {
    return s.indexOf('*') >= 0 || s.indexOf('?') >= 0 || s.indexOf('[') >= 0;
  }

  static Pattern regex(String glob) {
    StringBuilder re = new StringBuilder();
    for (int i = 0; i < glob.length(); i++) {
      char c = glob.charAt(i);
      switch (c) {
        case '*' -> re.append("[^/]*");
        case '?' -> re.append("[^/]");
        case '[' -> {
          int close = glob.indexOf(']', i + 1);
          if (close < 0) {
            re.append("\\[");
          } else {
            String cls = glob.substring(i + 1, close).replace("\\", "\\\\");
            if (cls.startsWith("!")) cls = "^" + cls.substring(1);
            re.append('[').append(cls).append(']');
            i = close;
          }
        }
        default -> re.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(re.toString());
  }
}
