package authdoctor.report;

/**
 * Renders text that may hold bytes a server chose (a {@code Location}, a cookie's name or attributes, a
 * {@code WWW-Authenticate} challenge, an error page's line) for a terminal: every control or formatting
 * character becomes a visible escape, so a server can neither move the cursor, clear the screen, retitle
 * the terminal or recolour the report (ECMA-48 C0 and C1 controls, {@code ESC}, {@code DEL}), nor reorder
 * what is shown (Unicode bidirectional overrides, CVE-2021-42574), nor break a line ({@code U+2028}).
 * JSON output needs none of this: Jackson escapes control characters in strings itself.
 *
 * <p>Escapes: {@code \x1b} below {@code U+0100}, {@code \u202e} in the BMP, {@code \U0001d173} above,
 * {@code \t}, {@code \r} and {@code \n} by name.
 */
public final class ServerText {
  private ServerText() {}

  /** {@code text} with every control or formatting character escaped; the same string when it has none. */
  public static String render(String text) {
    int i = 0;
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (unsafe(cp)) break;
      i += Character.charCount(cp);
    }
    if (i == text.length()) return text;
    StringBuilder sb = new StringBuilder(text.length() + 16).append(text, 0, i);
    while (i < text.length()) {
      int cp = text.codePointAt(i);
      if (unsafe(cp)) escape(cp, sb);
      else sb.appendCodePoint(cp);
      i += Character.charCount(cp);
    }
    return sb.toString();
  }

  /** Whether {@code cp} must not reach a terminal as it is. */
  static boolean unsafe(int cp) {
    return switch (Character.getType(cp)) {
      case Character.CONTROL, Character.FORMAT, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR -> true;
      // A lone surrogate (codePointAt returns it as is) is no character: a terminal shows garbage.
      case Character.SURROGATE -> true;
      default -> false;
    };
  }

  private static void escape(int cp, StringBuilder sb) {
    switch (cp) {
      case '\t' -> sb.append("\\t");
      case '\n' -> sb.append("\\n");
      case '\r' -> sb.append("\\r");
      default -> {
        if (cp < 0x100) sb.append(String.format("\\x%02x", cp));
        else if (cp < 0x10000) sb.append(String.format("\\u%04x", cp));
        else sb.append(String.format("\\U%08x", cp));
      }
    }
  }
}
