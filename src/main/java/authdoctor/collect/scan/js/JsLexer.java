package authdoctor.collect.scan.js;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Splits JavaScript source into tokens (ECMA-262 §12, simplified): comments are dropped, strings keep their
 * value, a template keeps its raw text, a {@code /} starts a regular expression where an expression may
 * begin. Never throws: an unterminated string or comment ends at the end of the source.
 */
public final class JsLexer {
  private static final String[] PUNCTS = {
    ">>>=", "...", "===", "!==", "**=", "<<=", ">>=", ">>>", "&&=", "||=", "??=", "=>", "==", "!=", "<=", ">=",
    "&&", "||", "??", "?.", "++", "--", "+=", "-=", "*=", "/=", "%=", "&=", "|=", "^=", "**", "<<", ">>", "::", "->"
  };
  private static final Set<String> BEFORE_REGEX =
      Set.of("return", "typeof", "case", "do", "else", "in", "of", "new", "delete", "void", "throw", "instanceof", "yield", "await");
  /** More tokens than this are not a settings file worth reading. */
  static final int MAX_TOKENS = 400_000;

  private JsLexer() {}

  /** The tokens of {@code src}, ending with one {@link Token.Kind#EOF}. */
  public static List<Token> lex(String src) {
    List<Token> out = new ArrayList<>();
    int i = 0;
    int line = 1;
    int n = src.length();
    if (src.startsWith("#!")) {
      while (i < n && src.charAt(i) != '\n') i++;
    }
    while (i < n && out.size() < MAX_TOKENS) {
      char c = src.charAt(i);
      if (c == '\n') {
        line++;
        i++;
      } else if (Character.isWhitespace(c)) {
        i++;
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '/') {
        while (i < n && src.charAt(i) != '\n') i++;
      } else if (c == '/' && i + 1 < n && src.charAt(i + 1) == '*') {
        int end = src.indexOf("*/", i + 2);
        end = end < 0 ? n : end + 2;
        line += count(src, i, end);
        i = end;
      } else if (c == '"' || c == '\'') {
        StringBuilder sb = new StringBuilder();
        int start = i++;
        int startLine = line;
        while (i < n && src.charAt(i) != c && src.charAt(i) != '\n') {
          if (src.charAt(i) == '\\' && i + 1 < n) {
            char e = src.charAt(++i);
            sb.append(switch (e) {
              case 'n' -> '\n';
              case 't' -> '\t';
              case '\n' -> "";
              default -> e;
            });
            if (e == '\n') line++;
          } else {
            sb.append(src.charAt(i));
          }
          i++;
        }
        if (i < n && src.charAt(i) == c) i++;
        out.add(new Token(Token.Kind.STRING, sb.toString(), startLine, start, i));
      } else if (c == '`') {
        int start = i++;
        int startLine = line;
        int depth = 0;
        while (i < n) {
          char t = src.charAt(i);
          if (t == '\\') {
            i += 2;
            continue;
          }
          if (t == '\n') line++;
          if (depth == 0 && t == '`') break;
          if (t == '$' && i + 1 < n && src.charAt(i + 1) == '{') {
            depth++;
            i++;
          } else if (depth > 0 && t == '}') {
            depth--;
          }
          i++;
        }
        int end = Math.min(n, i + 1);
        out.add(new Token(Token.Kind.TEMPLATE, src.substring(start + 1, Math.min(i, n)), startLine, start, end));
        i = end;
      } else if (Character.isDigit(c) || (c == '.' && i + 1 < n && Character.isDigit(src.charAt(i + 1)))) {
        int start = i;
        while (i < n && (Character.isLetterOrDigit(src.charAt(i)) || src.charAt(i) == '.' || src.charAt(i) == '_')) i++;
        out.add(new Token(Token.Kind.NUMBER, src.substring(start, i), line, start, i));
      } else if (Character.isJavaIdentifierStart(c) || c == '#' || c == '@') {
        int start = i++;
        while (i < n && Character.isJavaIdentifierPart(src.charAt(i))) i++;
        out.add(new Token(Token.Kind.IDENT, src.substring(start, i), line, start, i));
      } else if (c == '/' && regexAllowed(out)) {
        int start = i++;
        boolean inClass = false;
        while (i < n && src.charAt(i) != '\n') {
          char t = src.charAt(i);
          if (t == '\\') i++;
          else if (t == '[') inClass = true;
          else if (t == ']') inClass = false;
          else if (t == '/' && !inClass) break;
          i++;
        }
        i = Math.min(n, i + 1);
        while (i < n && Character.isLetter(src.charAt(i))) i++;
        out.add(new Token(Token.Kind.REGEX, src.substring(start, i), line, start, i));
      } else {
        String p = String.valueOf(c);
        for (String candidate : PUNCTS) {
          if (src.startsWith(candidate, i)) {
            p = candidate;
            break;
          }
        }
        // `a ?.5 : b` is a conditional, not optional chaining (§12.8)
        if (p.equals("?.") && i + 2 < n && Character.isDigit(src.charAt(i + 2))) p = "?";
        out.add(new Token(Token.Kind.PUNCT, p, line, i, i + p.length()));
        i += p.length();
      }
    }
    out.add(new Token(Token.Kind.EOF, "", line, n, n));
    return out;
  }

  private static boolean regexAllowed(List<Token> out) {
    if (out.isEmpty()) return true;
    Token prev = out.get(out.size() - 1);
    return switch (prev.kind()) {
      case PUNCT -> !(prev.is(")") || prev.is("]") || prev.is("}") || prev.is("++") || prev.is("--"));
      case IDENT -> BEFORE_REGEX.contains(prev.text());
      default -> false;
    };
  }

  private static int count(String s, int from, int to) {
    int lines = 0;
    for (int i = from; i < to; i++) if (s.charAt(i) == '\n') lines++;
    return lines;
  }
}
