package authdoctor.collect.http;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;

/** Parser for curl's {@code -H "Name: value"} syntax (header names per RFC 9110 §5.1, values per §5.5). */
public final class HeaderArgument {
  private HeaderArgument() {}

  /**
   * Parses {@code Name: value}; whitespace around the value is dropped and the value may be empty. The error
   * message never repeats the value, which may be a secret.
   *
   * @throws IllegalArgumentException with a one-line message when the text is not a header line
   */
  public static HeaderField parse(String text) {
    requireNonNull(text);
    int colon = text.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("-H: expected \"Name: value\", found no ':'");
    }
    String name = text.substring(0, colon);
    String value = text.substring(colon + 1).strip();
    checkName(name);
    checkValue(name, value);
    return new HeaderField(name, value);
  }

  /** Throws when {@code name} is not an RFC 9110 token (e.g. it is empty or holds a space). */
  static void checkName(String name) {
    if (name.isEmpty()) throw new IllegalArgumentException("-H: empty header name");
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean tchar =
          (c >= 'a' && c <= 'z')
              || (c >= 'A' && c <= 'Z')
              || (c >= '0' && c <= '9')
              || "!#$%&'*+-.^_`|~".indexOf(c) >= 0;
      if (!tchar) {
        throw new IllegalArgumentException(
            "-H: header name '" + printable(name) + "' holds an invalid character at position " + (i + 1));
      }
    }
  }

  /** Throws when {@code value} holds a control character (CR and LF would split the header). */
  static void checkValue(String name, String value) {
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      if ((c < 0x20 && c != '\t') || c == 0x7f) {
        throw new IllegalArgumentException(
            "header " + printable(name) + ": value holds a control character at position " + (i + 1));
      }
    }
  }

  private static String printable(String s) {
    StringBuilder sb = new StringBuilder();
    s.codePoints().limit(64).forEach(c -> {
      if (c < 0x20 || c == 0x7f) sb.append(String.format("\\x%02x", c));
      else sb.appendCodePoint(c);
    });
    return sb.toString();
  }
}
