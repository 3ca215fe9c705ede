package authdoctor.collect.scan.python;

import java.util.ArrayList;
import java.util.List;

/**
 * One logical line of Python source (a statement, its continuation lines joined), as the language
 * reference's lexical analysis defines it (§2.1: brackets and a trailing backslash join physical lines;
 * comments end at the line's end): the text without its comment, where it starts and how deep it is
 * indented. A string literal spanning lines (a docstring) stays inside its logical line.
 *
 * @param line the first physical line, 1-based
 * @param indent the columns of leading whitespace (a tab counts as 8, as CPython's tokenizer does)
 * @param text the statement's text, comments removed and continuation lines joined by a space
 */
record PyLine(int line, int indent, String text) {
  /** Source files this large are not settings: their lines are not read. */
  static final int MAX_CHARS = 1 << 20;

  /** Splits a source file into logical lines; never throws (an unterminated string ends the file). */
  static List<PyLine> split(String source) {
    List<PyLine> out = new ArrayList<>();
    String s = source.length() > MAX_CHARS ? source.substring(0, MAX_CHARS) : source;
    int i = 0;
    int line = 1;
    int n = s.length();
    while (i < n) {
      // leading whitespace of a physical line
      int indent = 0;
      while (i < n && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\f')) {
        indent = s.charAt(i) == '\t' ? (indent / 8 + 1) * 8 : indent + 1;
        i++;
      }
      int start = line;
      StringBuilder text = new StringBuilder();
      int depth = 0;
      boolean done = false;
      while (i < n && !done) {
        char c = s.charAt(i);
        if (c == '#') {
          while (i < n && s.charAt(i) != '\n') i++;
        } else if (c == '\'' || c == '"') {
          int end = stringEnd(s, i);
          for (int k = i; k < end; k++) if (s.charAt(k) == '\n') line++;
          text.append(s, i, end);
          i = end;
        } else if (c == '\\' && i + 1 < n && (s.charAt(i + 1) == '\n' || s.charAt(i + 1) == '\r')) {
          i += s.charAt(i + 1) == '\r' && i + 2 < n && s.charAt(i + 2) == '\n' ? 3 : 2;
          line++;
          text.append(' ');
        } else if (c == '\n') {
          i++;
          line++;
          if (depth > 0) text.append(' ');
          else done = true;
        } else if (c == '\r') {
          i++;
        } else {
          if (c == '(' || c == '[' || c == '{') depth++;
          if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
          text.append(c);
          i++;
        }
      }
      String t = text.toString().strip();
      if (!t.isEmpty()) {
        // "a = 1; b = 2": simple statements separated by semicolons at the top level
        for (String part : topLevelSplit(t, ';')) if (!part.isBlank()) out.add(new PyLine(start, indent, part.strip()));
      }
    }
    return out;
  }

  /** The index after the string literal starting at {@code i} (a quote), triple-quoted or not. */
  static int stringEnd(String s, int i) {
    char q = s.charAt(i);
    int n = s.length();
    boolean triple = i + 2 < n && s.charAt(i + 1) == q && s.charAt(i + 2) == q;
    int k = i + (triple ? 3 : 1);
    while (k < n) {
      char c = s.charAt(k);
      if (c == '\\') {
        k += 2;
        continue;
      }
      if (!triple && c == '\n') return k;
      if (c == q && (!triple || (k + 2 < n && s.charAt(k + 1) == q && s.charAt(k + 2) == q))) return k + (triple ? 3 : 1);
      k++;
    }
    return n;
  }

  /** Splits on {@code sep} outside brackets and strings. */
  static List<String> topLevelSplit(String t, char sep) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\'' || c == '"') {
        i = stringEnd(t, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == sep && depth == 0) {
        parts.add(t.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(t.substring(from));
    return parts;
  }
}
