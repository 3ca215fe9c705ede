package authdoctor.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * Reads nginx's configuration syntax as {@code ngx_conf_file.c} does: words separated by white space,
 * a directive ended by {@code ;} or opening a block with <code>{</code>, {@code #} comments from the
 * start of a word to the end of the line, single and double quotes with backslash escapes, and
 * <code>${name}</code> variables inside words. Includes are not followed here (see
 * {@code authdoctor.collect.nginx.NginxReader}). Never throws: a problem ends the directive (or the
 * file) it is in and is reported with its line.
 */
public final class NginxParser {
  /** Nesting deeper than this is refused (nginx has no limit, but no real configuration comes close). */
  public static final int MAX_DEPTH = 64;
  /** Problems kept per file; the rest are counted in the last one. */
  public static final int MAX_PROBLEMS = 20;

  private final String file;
  private final String text;
  private final String[] lines;
  private final List<NginxProblem> problems = new ArrayList<>();
  private int pos;
  private int line = 1;
  private int lineStart;
  private int dropped;

  private NginxParser(String file, String text) {
    this.file = file;
    this.text = text;
    this.lines = text.split("\n", -1);
  }

  /** Parses one file's text; {@code file} is the name problems and nodes carry. */
  public static ParsedConfig parse(String file, String text) {
    NginxParser p = new NginxParser(file, text);
    List<NginxNode> nodes = p.block(0);
    List<NginxProblem> problems = new ArrayList<>(p.problems);
    if (p.dropped > 0) problems.add(new NginxProblem(file, p.line, p.dropped + " more problem(s) in this file"));
    return new ParsedConfig(nodes, problems);
  }

  /** Word, with where it started; {@code quoted} words are never punctuation. */
  private record Token(String value, boolean quoted, int line, int column) {
    boolean is(String punct) {
      return !quoted && value.equals(punct);
    }
  }

  /** Directives until the matching close brace (depth > 0) or the end of the text (depth 0). */
  private List<NginxNode> block(int depth) {
    List<NginxNode> nodes = new ArrayList<>();
    List<Token> words = new ArrayList<>();
    while (true) {
      Token t = next();
      if (t == null) {
        if (!words.isEmpty()) problem(words.get(0).line(), "unexpected end of file, expecting \";\" or \"}\"");
        if (depth > 0) problem(line, "unexpected end of file, expecting \"}\"");
        return nodes;
      }
      if (t.is(";")) {
        if (words.isEmpty()) problem(t.line(), "unexpected \";\"");
        else nodes.add(node(words, List.of(), false));
        words.clear();
      } else if (t.is("{")) {
        if (words.isEmpty()) {
          problem(t.line(), "unexpected \"{\"");
          skipBlock();
          continue;
        }
        List<Token> head = List.copyOf(words);
        words.clear();
        if (depth + 1 > MAX_DEPTH) {
          problem(t.line(), "blocks nested deeper than " + MAX_DEPTH);
          skipBlock();
          continue;
        }
        nodes.add(node(head, block(depth + 1), true));
      } else if (t.is("}")) {
        if (!words.isEmpty()) problem(words.get(0).line(), "unexpected \"}\", expecting \";\"");
        if (depth > 0) return nodes;
        problem(t.line(), "unexpected \"}\"");
        words.clear();
      } else {
        words.add(t);
      }
    }
  }

  private NginxNode node(List<Token> words, List<NginxNode> children, boolean hasBlock) {
    Token head = words.get(0);
    List<String> args = new ArrayList<>(words.size() - 1);
    for (int i = 1; i < words.size(); i++) args.add(words.get(i).value());
    String source = head.line() - 1 < lines.length ? lines[head.line() - 1].strip() : head.value();
    return new NginxNode(head.value(), args, children, hasBlock, file, head.line(), head.column(), source);
  }

  /** Skips to the brace that closes the one just read, counting nested braces outside quotes. */
  private void skipBlock() {
    int open = 1;
    Token t;
    while (open > 0 && (t = next()) != null) {
      if (t.is("{")) open++;
      else if (t.is("}")) open--;
    }
  }

  /** The next word or punctuation, or null at the end of the text. */
  private Token next() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\n') {
        newline();
      } else if (Character.isWhitespace(c)) {
        pos++;
      } else if (c == '#') {
        while (pos < text.length() && text.charAt(pos) != '\n') pos++;
      } else {
        break;
      }
    }
    if (pos >= text.length()) return null;
    int startLine = line;
    int column = pos - lineStart + 1;
    char c = text.charAt(pos);
    if (c == ';' || c == '{' || c == '}') {
      pos++;
      return new Token(String.valueOf(c), false, startLine, column);
    }
    if (c == '"' || c == '\'') return quoted(c, startLine, column);
    return word(startLine, column);
  }

  private Token quoted(char quote, int startLine, int column) {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == quote) {
        pos++;
        if (pos < text.length() && !isDelimiter(text.charAt(pos))) {
          problem(line, "unexpected \"" + text.charAt(pos) + "\" after a quoted string");
        }
        return new Token(sb.toString(), true, startLine, column);
      }
      if (c == '\\' && pos + 1 < text.length()) {
        char e = text.charAt(pos + 1);
        unescape(sb, e);
        if (e == '\n') newlineAt(pos + 1);
        pos += 2;
        continue;
      }
      if (c == '\n') newlineAt(pos);
      sb.append(c);
      pos++;
    }
    problem(startLine, "unterminated quoted string");
    return new Token(sb.toString(), true, startLine, column);
  }

  private Token word(int startLine, int column) {
    StringBuilder sb = new StringBuilder();
    boolean variable = false;
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '\\' && pos + 1 < text.length() && text.charAt(pos + 1) != '\n') {
        unescape(sb, text.charAt(pos + 1));
        pos += 2;
        continue;
      }
      // ${name}: the braces belong to the variable, not to a block
      if (c == '{' && variable) {
        int close = text.indexOf('}', pos);
        int eol = text.indexOf('\n', pos);
        if (close > 0 && (eol < 0 || close < eol)) {
          sb.append(text, pos, close + 1);
          pos = close + 1;
          variable = false;
          continue;
        }
      }
      if (Character.isWhitespace(c) || c == ';' || c == '{' || c == '}') break;
      variable = c == '$';
      sb.append(c);
      pos++;
    }
    return new Token(sb.toString(), false, startLine, column);
  }

  /**
   * ngx_conf_read_token copies {@code \"}, {@code \'}, {@code \\}, {@code \t}, {@code \r}, {@code \n} as
   * the character they stand for; any other escape stays as written ({@code \.} in a regex).
   */
  private static void unescape(StringBuilder sb, char e) {
    switch (e) {
      case '"', '\'', '\\' -> sb.append(e);
      case 't' -> sb.append('\t');
      case 'r' -> sb.append('\r');
      case 'n' -> sb.append('\n');
      default -> sb.append('\\').append(e);
    }
  }

  private static boolean isDelimiter(char c) {
    return Character.isWhitespace(c) || c == ';' || c == '{' || c == '}' || c == ')';
  }

  private void newline() {
    newlineAt(pos);
    pos++;
  }

  private void newlineAt(int at) {
    line++;
    lineStart = at + 1;
  }

  private void problem(int at, String message) {
    if (problems.size() < MAX_PROBLEMS) problems.add(new NginxProblem(file, at, message));
    else dropped++;
  }
}
