package authdoctor.collect.scan.python;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A Python expression as far as settings need one (the language reference's §6 grammar, tolerantly):
 * literals, names and dotted names, calls with positional and keyword arguments, subscripts, tuples,
 * lists, dicts, {@code or}, comparisons and conditional expressions. Anything else is {@link Other},
 * which keeps its text: the reader says "could not determine" instead of guessing.
 */
sealed interface PyExpr {
  /** The expression as written. */
  String text();

  /** A string literal (adjacent literals joined); an f-string with a replacement field is {@link Other}. */
  record Str(String value, String text) implements PyExpr {}

  record Num(String text) implements PyExpr {}

  /** {@code True}, {@code False} or {@code None}. */
  record Const(String name, String text) implements PyExpr {}

  /** A name or a chain of attributes on a name: {@code os.environ.get}. */
  record Name(String dotted, String text) implements PyExpr {}

  record Call(PyExpr func, List<PyExpr> args, Map<String, PyExpr> kwargs, String text) implements PyExpr {
    /** The positional argument {@code i} or the keyword {@code name}, whichever is given; null when neither. */
    @Nullable PyExpr arg(int i, String name) {
      if (kwargs.containsKey(name)) return kwargs.get(name);
      return i >= 0 && i < args.size() ? args.get(i) : null;
    }

    String funcName() {
      return func instanceof Name n ? n.dotted() : "";
    }
  }

  /** {@code obj[key]}. */
  record Index(PyExpr obj, PyExpr key, String text) implements PyExpr {}

  /** An attribute of something that is not a plain name: {@code os.urandom(24).hex}. */
  record Attr(PyExpr obj, String name, String text) implements PyExpr {}

  /** A tuple, list or set display: {@code kind} is {@code (}, {@code [} or {@code {}. */
  record Seq(char kind, List<PyExpr> items, String text) implements PyExpr {}

  record Dict(List<PyExpr> keys, List<PyExpr> values, String text) implements PyExpr {}

  /** {@code a or b or c}. */
  record Or(List<PyExpr> items, String text) implements PyExpr {}

  /** {@code left op right} for a comparison ({@code ==}, {@code !=}, {@code in}, {@code not in}). */
  record Compare(PyExpr left, String op, PyExpr right, String text) implements PyExpr {}

  /** {@code body if test else orelse}. */
  record IfElse(PyExpr body, PyExpr test, PyExpr orelse, String text) implements PyExpr {}

  /** {@code not x}. */
  record Not(PyExpr operand, String text) implements PyExpr {}

  /** An expression the reader does not model ({@code a + b}, a lambda, a comprehension). */
  record Other(String text) implements PyExpr {}

  /** Parses {@code text}; never throws (what it cannot parse is {@link Other}). */
  static PyExpr parse(String text) {
    try {
      Parser p = new Parser(text);
      PyExpr e = p.tuple();
      return p.atEnd() ? e : new Other(text.strip());
    } catch (RuntimeException e) {
      return new Other(text.strip());
    }
  }

  /** A recursive-descent parser over the text (tokens are read on the fly). */
  final class Parser {
    private final String s;
    private int pos;

    Parser(String s) {
      this.s = s;
    }

    boolean atEnd() {
      skip();
      return pos >= s.length();
    }

    private void skip() {
      while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) pos++;
    }

    private boolean peek(String tok) {
      skip();
      if (!s.startsWith(tok, pos)) return false;
      if (Character.isLetter(tok.charAt(0))) {
        int end = pos + tok.length();
        return end >= s.length() || !(Character.isLetterOrDigit(s.charAt(end)) || s.charAt(end) == '_');
      }
      return true;
    }

    private boolean eat(String tok) {
      if (!peek(tok)) return false;
      pos += tok.length();
      return true;
    }

    private void expect(String tok) {
      if (!eat(tok)) throw new IllegalStateException("expected " + tok + " at " + pos);
    }

    private String since(int start) {
      return s.substring(start, pos).strip();
    }

    /** An expression list: {@code a, b} is a tuple without brackets. */
    PyExpr tuple() {
      skip();
      int start = pos;
      PyExpr first = expr();
      if (!peek(",")) return first;
      List<PyExpr> items = new ArrayList<>(List.of(first));
      while (eat(",")) {
        skip();
        if (pos >= s.length() || peek(")") || peek("=")) break;
        items.add(expr());
      }
      return new Seq('(', items, since(start));
    }

    PyExpr expr() {
      skip();
      int start = pos;
      if (peek("lambda")) {
        pos = s.length();
        return new Other(since(start));
      }
      PyExpr body = or();
      if (peek("if") ) {
        int save = pos;
        eat("if");
        PyExpr test = or();
        if (eat("else")) return new IfElse(body, test, expr(), since(start));
        pos = save;
      }
      return body;
    }

    private PyExpr or() {
      int start = pos;
      PyExpr first = and();
      if (!peek("or")) return first;
      List<PyExpr> items = new ArrayList<>(List.of(first));
      while (eat("or")) items.add(and());
      return new Or(items, since(start));
    }

    private PyExpr and() {
      int start = pos;
      PyExpr first = not();
      if (!peek("and")) return first;
      while (eat("and")) not();
      return new Other(since(start));
    }

    private PyExpr not() {
      skip();
      int start = pos;
      if (eat("not")) return new Not(not(), since(start));
      return comparison();
    }

    private static final String[] COMPARE = {"==", "!=", "<=", ">=", "<", ">", "not in", "in", "is not", "is"};

    private PyExpr comparison() {
      skip();
      int start = pos;
      PyExpr left = arith();
      for (String op : COMPARE) {
        if (op.equals("<") && peek("<<")) continue;
        if (op.equals(">") && peek(">>")) continue;
        if (eat(op)) {
          PyExpr right = arith();
          return new Compare(left, op, right, since(start));
        }
      }
      return left;
    }

    private PyExpr arith() {
      skip();
      int start = pos;
      PyExpr left = unary();
      boolean other = false;
      while (true) {
        skip();
        if (pos >= s.length()) break;
        char c = s.charAt(pos);
        if ("+-*/%|&^@".indexOf(c) >= 0 || peek("<<") || peek(">>")) {
          if (peek("**") || peek("//") || peek("<<") || peek(">>")) pos += 2;
          else pos++;
          unary();
          other = true;
        } else {
          break;
        }
      }
      return other ? new Other(since(start)) : left;
    }

    private PyExpr unary() {
      skip();
      int start = pos;
      if (eat("-") || eat("+") || eat("~")) {
        PyExpr e = unary();
        return e instanceof Num ? new Num(since(start)) : new Other(since(start));
      }
      if (eat("await")) return new Other(since(start) + unary().text());
      return postfix();
    }

    private PyExpr postfix() {
      skip();
      int start = pos;
      PyExpr e = atom();
      while (true) {
        if (eat(".")) {
          skip();
          String name = identifier();
          e = e instanceof Name n ? new Name(n.dotted() + "." + name, since(start)) : new Attr(e, name, since(start));
        } else if (peek("(")) {
          eat("(");
          List<PyExpr> args = new ArrayList<>();
          Map<String, PyExpr> kwargs = new LinkedHashMap<>();
          while (!eat(")")) {
            skip();
            if (eat("**") || eat("*")) {
              args.add(new Other("*" + expr().text()));
            } else {
              int save = pos;
              String kw = identifierOrNull();
              if (kw != null && peek("=") && !peek("==")) {
                eat("=");
                kwargs.put(kw, expr());
              } else {
                pos = save;
                PyExpr a = expr();
                if (peek("for")) {
                  comprehensionRest();
                  a = new Other(a.text() + " for …");
                }
                args.add(a);
              }
            }
            if (!eat(",")) {
              expect(")");
              break;
            }
          }
          e = new Call(e, args, kwargs, since(start));
        } else if (peek("[")) {
          eat("[");
          PyExpr key = peek(":") ? new Other(":") : tuple();
          if (peek(":")) {
            while (!peek("]") && pos < s.length()) pos++;
            key = new Other("slice");
          }
          expect("]");
          e = new Index(e, key, since(start));
        } else {
          return e;
        }
      }
    }

    /** Skips the rest of a comprehension up to its closing bracket. */
    private void comprehensionRest() {
      int depth = 0;
      while (pos < s.length()) {
        char c = s.charAt(pos);
        if (c == '\'' || c == '"') {
          pos = PyLine.stringEnd(s, pos);
          continue;
        }
        if (c == '(' || c == '[' || c == '{') depth++;
        if (c == ')' || c == ']' || c == '}') {
          if (depth == 0) return;
          depth--;
        }
        pos++;
      }
    }

    private PyExpr atom() {
      skip();
      int start = pos;
      if (pos >= s.length()) throw new IllegalStateException("end");
      char c = s.charAt(pos);
      if (c == '(' || c == '[' || c == '{') return display(c);
      if (Character.isDigit(c) || (c == '.' && pos + 1 < s.length() && Character.isDigit(s.charAt(pos + 1)))) {
        while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '.' || s.charAt(pos) == '_')) pos++;
        return new Num(since(start));
      }
      // string literals, with prefixes, adjacent ones joined
      StringBuilder value = new StringBuilder();
      boolean string = false;
      boolean formatted = false;
      while (true) {
        skip();
        int p = pos;
        while (p < s.length() && p - pos < 2 && "rRbBuUfF".indexOf(s.charAt(p)) >= 0) p++;
        if (p < s.length() && (s.charAt(p) == '\'' || s.charAt(p) == '"')) {
          String prefix = s.substring(pos, p).toLowerCase(java.util.Locale.ROOT);
          int end = PyLine.stringEnd(s, p);
          boolean triple = end - p >= 6 && s.startsWith(String.valueOf(s.charAt(p)).repeat(3), p);
          int q = triple ? 3 : 1;
          String body = s.substring(p + q, Math.max(p + q, end - q));
          if (prefix.contains("f") && body.contains("{")) formatted = true;
          value.append(prefix.contains("r") ? body : unescape(body));
          pos = end;
          string = true;
        } else {
          break;
        }
      }
      if (string) return formatted ? new Other(since(start)) : new Str(value.toString(), since(start));
      String id = identifier();
      return switch (id) {
        case "True", "False", "None" -> new Const(id, id);
        default -> new Name(id, id);
      };
    }

    private PyExpr display(char open) {
      int start = pos;
      pos++;
      char close = open == '(' ? ')' : open == '[' ? ']' : '}';
      List<PyExpr> items = new ArrayList<>();
      List<PyExpr> values = new ArrayList<>();
      boolean dict = false;
      boolean comma = false;
      while (!eat(String.valueOf(close))) {
        skip();
        if (eat("**")) {
          values.add(new Other("**" + expr().text()));
          items.add(new Other("**"));
          dict = true;
        } else {
          PyExpr item = expr();
          if (open == '{' && eat(":")) {
            dict = true;
            values.add(expr());
          }
          if (peek("for")) {
            comprehensionRest();
            expect(String.valueOf(close));
            return new Other(since(start));
          }
          items.add(item);
        }
        if (eat(",")) {
          comma = true;
        } else {
          expect(String.valueOf(close));
          break;
        }
      }
      if (dict) return new Dict(items, values, since(start));
      if (open == '(' && items.size() == 1 && !comma) return items.get(0);
      return new Seq(open, items, since(start));
    }

    private String identifier() {
      String id = identifierOrNull();
      if (id == null) throw new IllegalStateException("identifier expected at " + pos);
      return id;
    }

    private @Nullable String identifierOrNull() {
      skip();
      int start = pos;
      while (pos < s.length() && (Character.isLetterOrDigit(s.charAt(pos)) || s.charAt(pos) == '_')) pos++;
      if (pos == start || Character.isDigit(s.charAt(start))) {
        pos = start;
        return null;
      }
      return s.substring(start, pos);
    }

    /** The common escapes of a string literal (§2.4.1); others stay as written. */
    private static String unescape(String body) {
      if (body.indexOf('\\') < 0) return body;
      StringBuilder sb = new StringBuilder();
      for (int i = 0; i < body.length(); i++) {
        char c = body.charAt(i);
        if (c != '\\' || i + 1 >= body.length()) {
          sb.append(c);
          continue;
        }
        char n = body.charAt(++i);
        switch (n) {
          case 'n' -> sb.append('\n');
          case 't' -> sb.append('\t');
          case '\\', '\'', '"' -> sb.append(n);
          case '\n' -> {}
          default -> sb.append('\\').append(n);
        }
      }
      return sb.toString();
    }
  }
}
