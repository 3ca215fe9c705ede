package authdoctor.report;

import java.util.ArrayList;
import java.util.List;

/**
 * Renders the small Markdown subset of catalog prose for a terminal: paragraphs re-wrapped to 80
 * columns, fenced code kept verbatim (indented, optionally coloured), fences dropped. Words longer than
 * a line stay whole, and so does a redaction marker ({@code ‹redacted 22 chars fp:…›}).
 */
public final class MarkdownText {
  public static final int WIDTH = 80;

  private MarkdownText() {}

  /**
   * Appends {@code text}: the first paragraph starts with {@code label}; every line is indented by
   * {@code indent}; code lines by four more spaces, wrapped in {@code codeStart}/{@code codeEnd}.
   */
  public static void render(String text, String label, String indent, String codeStart, String codeEnd, StringBuilder sb) {
    boolean code = false;
    String pending = label;
    StringBuilder para = new StringBuilder();
    for (String line : (text + "\n").split("\n", -1)) {
      if (line.startsWith("```") || (!code && line.isBlank())) {
        if (!para.isEmpty()) {
          wrap(pending + para.toString().strip(), indent, indent, sb);
          pending = "";
          para.setLength(0);
        }
        if (line.startsWith("```")) code = !code;
        continue;
      }
      if (code) {
        sb.append(indent).append("    ").append(codeStart).append(line).append(codeEnd).append('\n');
      } else {
        para.append(' ').append(line.strip());
      }
    }
  }

  /**
   * Word-wraps {@code text}: the first line starts with {@code first}, the others with {@code rest}. Line
   * breaks in {@code text} become spaces, and any other control character a visible escape ({@link
   * ServerText}): whatever a server sent reaches the terminal as data.
   */
  public static void wrap(String text, String first, String rest, StringBuilder sb) {
    List<String> words = new ArrayList<>();
    StringBuilder marker = null;
    for (String w : ServerText.render(text.replace('\n', ' ')).split(" ")) {
      if (marker != null) {
        marker.append(' ').append(w);
        if (w.contains("›")) {
          words.add(marker.toString());
          marker = null;
        }
      } else if (w.contains("‹") && !w.contains("›")) {
        marker = new StringBuilder(w);
      } else {
        words.add(w);
      }
    }
    if (marker != null) words.add(marker.toString());
    StringBuilder line = new StringBuilder(first);
    boolean empty = true;
    for (String w : words) {
      if (w.isEmpty()) continue;
      if (!empty && visible(line) + 1 + visible(w) > WIDTH) {
        sb.append(line).append('\n');
        line = new StringBuilder(rest);
        empty = true;
      }
      if (!empty) line.append(' ');
      line.append(w);
      empty = false;
    }
    sb.append(line).append('\n');
  }

  /** Length without ANSI colour sequences. */
  static int visible(CharSequence s) {
    int n = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\u001b') {
        while (i < s.length() && s.charAt(i) != 'm') i++;
      } else {
        n++;
      }
    }
    return n;
  }
}
