package authdoctor.collect.scan.python;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Python statement as the settings readers need it (the language reference's §7 and §8): an
 * assignment, an import, an expression statement (a call), or a compound statement's header with its
 * indented body. Blocks are nested by indentation as the tokenizer's INDENT/DEDENT would nest them.
 */
sealed interface PyStmt {
  int line();

  /**
   * {@code a = b = value}, {@code x: int = value}, {@code app.config["K"] = value}, or {@code K += value}.
   *
   * @param targets the targets as written, outermost first
   * @param augmented an augmented assignment ({@code +=}): the value is not the whole new value
   */
  record Assign(List<String> targets, PyExpr value, boolean augmented, int line) implements PyStmt {}

  /** {@code from module import a, b} or {@code import module}; {@code names} is {@code [*]} for a star import. */
  record Import(String module, List<String> names, int line) implements PyStmt {}

  record Expr(PyExpr expr, int line) implements PyStmt {}

  /**
   * A compound statement's clause: {@code if cond:}, {@code else:}, {@code class Name(Base):}, {@code def
   * f(...):}, {@code try:}, {@code with …:} and the statements of its body.
   *
   * @param keyword {@code if}, {@code elif}, {@code else}, {@code class}, {@code def}, {@code try}, …
   * @param header what follows the keyword, up to the colon
   */
  record Block(String keyword, String header, List<PyStmt> body, int line) implements PyStmt {}

  Pattern HEADER = Pattern.compile("^(if|elif|else|try|except|finally|with|async\\s+with|for|async\\s+for|while|def|async\\s+def|class|match|case)\\b(.*)$");
  Pattern FROM_IMPORT = Pattern.compile("^from\\s+([.\\w]+)\\s+import\\s+\\(?\\s*(.*?)\\s*\\)?$");
  Pattern IMPORT = Pattern.compile("^import\\s+(.+)$");

  /** The statements of a source file; never throws. */
  static List<PyStmt> parse(String source) {
    List<PyLine> lines = PyLine.split(source);
    int[] at = {0};
    return block(lines, at, -1);
  }

  private static List<PyStmt> block(List<PyLine> lines, int[] at, int parentIndent) {
    List<PyStmt> out = new ArrayList<>();
    int indent = -1;
    while (at[0] < lines.size()) {
      PyLine l = lines.get(at[0]);
      if (l.indent() <= parentIndent) break;
      if (indent < 0) indent = l.indent();
      if (l.indent() < indent) break;
      at[0]++;
      if (l.indent() > indent) continue; // an unexpected indent: skipped, as a tolerant reader must
      out.add(statement(l, lines, at));
    }
    return out;
  }

  private static PyStmt statement(PyLine l, List<PyLine> lines, int[] at) {
    String t = l.text();
    if (t.startsWith("@")) return new Expr(new PyExpr.Other(t), l.line());
    Matcher h = HEADER.matcher(t);
    if (h.matches()) {
      String keyword = h.group(1).replaceAll("\\s+", " ");
      String rest = h.group(2);
      int colon = headerColon(rest);
      if (colon >= 0) {
        String header = rest.substring(0, colon).strip();
        String inline = rest.substring(colon + 1).strip();
        List<PyStmt> body = new ArrayList<>();
        if (!inline.isEmpty()) {
          body.add(statement(new PyLine(l.line(), l.indent() + 1, inline), List.of(), new int[] {0}));
        } else {
          body.addAll(block(lines, at, l.indent()));
        }
        return new Block(keyword, header, body, l.line());
      }
    }
    Matcher f = FROM_IMPORT.matcher(t);
    if (f.matches()) {
      List<String> names = new ArrayList<>();
      for (String n : f.group(2).split(",")) if (!n.isBlank()) names.add(n.strip().split("\\s+as\\s+")[0].strip());
      return new Import(f.group(1), names, l.line());
    }
    Matcher i = IMPORT.matcher(t);
    if (i.matches()) return new Import(i.group(1).split(",")[0].strip().split("\\s+")[0], List.of(), l.line());
    List<String> parts = assignmentParts(t);
    if (parts.size() > 1) {
      String last = parts.get(parts.size() - 1);
      List<String> targets = new ArrayList<>();
      boolean augmented = false;
      for (String p : parts.subList(0, parts.size() - 1)) {
        String target = p.strip();
        if (target.length() > 1 && "+-*/|&%".indexOf(target.charAt(target.length() - 1)) >= 0) {
          augmented = true;
          target = target.substring(0, target.length() - 1).strip();
        }
        int annotation = PyLine.topLevelSplit(target, ':').get(0).length();
        targets.add(target.substring(0, annotation).strip());
      }
      return new Assign(targets, PyExpr.parse(last), augmented, l.line());
    }
    return new Expr(PyExpr.parse(t), l.line());
  }

  /** The colon that ends a compound statement's header (outside brackets, strings and lambdas), or -1. */
  private static int headerColon(String rest) {
    int depth = 0;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '\'' || c == '"') i = PyLine.stringEnd(rest, i) - 1;
      else if (c == '(' || c == '[' || c == '{') depth++;
      else if ((c == ')' || c == ']' || c == '}') && depth > 0) depth--;
      else if (c == ':' && depth == 0 && !(i + 1 < rest.length() && rest.charAt(i + 1) == '=')) return i;
    }
    return -1;
  }

  /** The parts of {@code a = b = value} split on the top-level {@code =} signs that assign. */
  private static List<String> assignmentParts(String t) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < t.length(); i++) {
      char c = t.charAt(i);
      if (c == '\'' || c == '"') {
        i = PyLine.stringEnd(t, i) - 1;
      } else if (c == '(' || c == '[' || c == '{') {
        depth++;
      } else if ((c == ')' || c == ']' || c == '}') && depth > 0) {
        depth--;
      } else if (c == '=' && depth == 0) {
        char prev = i > 0 ? t.charAt(i - 1) : ' ';
        char next = i + 1 < t.length() ? t.charAt(i + 1) : ' ';
        if (next == '=' || prev == '=' || prev == '!' || prev == '<' || prev == '>' || prev == ':') {
          if (next == '=') i++;
          continue;
        }
        if (t.startsWith("lambda")) break;
        parts.add(t.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(t.substring(from));
    return parts;
  }
}
