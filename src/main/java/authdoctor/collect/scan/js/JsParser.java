package authdoctor.collect.scan.js;

import authdoctor.collect.scan.js.JsNode.Arr;
import authdoctor.collect.scan.js.JsNode.Binary;
import authdoctor.collect.scan.js.JsNode.Call;
import authdoctor.collect.scan.js.JsNode.Cond;
import authdoctor.collect.scan.js.JsNode.Func;
import authdoctor.collect.scan.js.JsNode.Ident;
import authdoctor.collect.scan.js.JsNode.Lit;
import authdoctor.collect.scan.js.JsNode.Member;
import authdoctor.collect.scan.js.JsNode.Obj;
import authdoctor.collect.scan.js.JsNode.Other;
import authdoctor.collect.scan.js.JsNode.Prop;
import authdoctor.collect.scan.js.JsNode.Template;
import authdoctor.collect.scan.js.JsNode.Unary;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tolerant expression parser over {@link JsLexer}'s tokens (precedence as ECMA-262 §13): literals,
 * identifiers, member access, calls, {@code new}, object and array literals, unary, binary, logical and
 * conditional operators; a function's body is skipped as a whole. What it does not understand becomes an
 * {@link Other} that ends at the next {@code ,} or closing bracket of its level, so the surrounding object
 * still reads.
 */
public final class JsParser {
  private static final Map<String, Integer> BINARY = Map.ofEntries(
      Map.entry("??", 1), Map.entry("||", 2), Map.entry("&&", 3), Map.entry("|", 4), Map.entry("^", 5), Map.entry("&", 6),
      Map.entry("==", 7), Map.entry("!=", 7), Map.entry("===", 7), Map.entry("!==", 7),
      Map.entry("<", 8), Map.entry(">", 8), Map.entry("<=", 8), Map.entry(">=", 8), Map.entry("instanceof", 8), Map.entry("in", 8),
      Map.entry("<<", 9), Map.entry(">>", 9), Map.entry(">>>", 9), Map.entry("+", 10), Map.entry("-", 10),
      Map.entry("*", 11), Map.entry("/", 11), Map.entry("%", 11), Map.entry("**", 12));
  private static final int MAX_DEPTH = 200;

  private final List<Token> tokens;
  private int pos;
  private int depth;

  public JsParser(List<Token> tokens) {
    this.tokens = tokens;
  }

  public int position() {
    return pos;
  }

  public Token peek(int ahead) {
    return tokens.get(Math.min(pos + ahead, tokens.size() - 1));
  }

  /** Parses one assignment expression starting at token {@code at}; {@link #position} is after it. */
  public JsNode expressionAt(int at) {
    pos = at;
    depth = 0;
    return assignment();
  }

  /** The index of the token after the bracket that closes the one at {@code open}. */
  public static int skipBalanced(List<Token> tokens, int open) {
    int d = 0;
    for (int i = open; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (t.kind() == Token.Kind.EOF) return i;
      if (t.kind() != Token.Kind.PUNCT) continue;
      if (t.is("(") || t.is("[") || t.is("{")) d++;
      else if (t.is(")") || t.is("]") || t.is("}")) {
        d--;
        if (d <= 0) return i + 1;
      }
    }
    return tokens.size() - 1;
  }

  private Token next() {
    Token t = peek(0);
    if (t.kind() != Token.Kind.EOF) pos++;
    return t;
  }

  private int lastEnd() {
    return tokens.get(Math.max(0, pos - 1)).end();
  }

  private JsNode assignment() {
    if (++depth > MAX_DEPTH) return skipOther();
    try {
      JsNode arrow = arrow();
      if (arrow != null) return arrow;
      JsNode left = conditional();
      Token t = peek(0);
      if (t.kind() == Token.Kind.PUNCT && t.text().endsWith("=") && !t.is("==") && !t.is("===") && !t.is("!=") && !t.is("!==")
          && !t.is("<=") && !t.is(">=")) {
        next();
        JsNode right = assignment();
        return new Binary(t.text(), left, right, left.line(), left.start(), right.end());
      }
      return left;
    } finally {
      depth--;
    }
  }

  /** {@code x => …}, {@code (a, b) => …}, {@code async (…) => …}, {@code function …}: skipped whole. */
  private JsNode arrow() {
    Token t = peek(0);
    int save = pos;
    if (t.is("async") && (peek(1).is("(") || peek(1).kind() == Token.Kind.IDENT || peek(1).is("function"))) {
      next();
      t = peek(0);
    }
    if (t.is("function")) {
      next();
      if (peek(0).is("*")) next();
      if (peek(0).kind() == Token.Kind.IDENT) next();
      if (peek(0).is("(")) pos = skipBalanced(tokens, pos);
      if (peek(0).is("{")) pos = skipBalanced(tokens, pos);
      return new Func(t.line(), t.start(), lastEnd());
    }
    boolean params = (t.kind() == Token.Kind.IDENT && peek(1).is("=>"));
    if (!params && t.is("(")) {
      int after = skipBalanced(tokens, pos);
      params = tokens.get(Math.min(after, tokens.size() - 1)).is("=>");
      if (params) pos = after - 1;
    }
    if (!params) {
      pos = save;
      return null;
    }
    next();
    next(); // =>
    if (peek(0).is("{")) pos = skipBalanced(tokens, pos);
    else assignment();
    return new Func(t.line(), t.start(), lastEnd());
  }

  private JsNode conditional() {
    JsNode test = binary(0);
    if (!peek(0).is("?")) return test;
    next();
    JsNode then = assignment();
    if (!peek(0).is(":")) return new Other(test.line(), test.start(), lastEnd());
    next();
    JsNode otherwise = assignment();
    return new Cond(test, then, otherwise, test.line(), test.start(), otherwise.end());
  }

  private JsNode binary(int min) {
    JsNode left = unary();
    while (true) {
      Token t = peek(0);
      Integer prec = (t.kind() == Token.Kind.PUNCT || t.is("instanceof") || t.is("in")) ? BINARY.get(t.text()) : null;
      if (prec == null || prec <= min) return left;
      next();
      JsNode right = binary(t.text().equals("**") ? prec - 1 : prec);
      left = new Binary(t.text(), left, right, left.line(), left.start(), right.end());
    }
  }

  private JsNode unary() {
    Token t = peek(0);
    if (t.is("!") || t.is("-") || t.is("+") || t.is("~") || t.is("typeof") || t.is("void") || t.is("await") || t.is("delete")
        || t.is("...") || t.is("++") || t.is("--")) {
      next();
      JsNode operand = unary();
      return new Unary(t.text(), operand, t.line(), t.start(), operand.end());
    }
    return postfix();
  }

  private JsNode postfix() {
    JsNode e;
    Token t = peek(0);
    if (t.is("new")) {
      next();
      JsNode callee = primary();
      while (peek(0).is(".") && peek(1).kind() == Token.Kind.IDENT) {
        next();
        Token name = next();
        callee = new Member(callee, name.text(), null, callee.line(), callee.start(), name.end());
      }
      List<JsNode> args = peek(0).is("(") ? arguments() : List.of();
      e = new Call(callee, args, true, t.line(), t.start(), lastEnd());
    } else {
      e = primary();
    }
    while (true) {
      Token p = peek(0);
      if ((p.is(".") || p.is("?.")) && peek(1).kind() == Token.Kind.IDENT) {
        next();
        Token name = next();
        e = new Member(e, name.text(), null, e.line(), e.start(), name.end());
      } else if (p.is("?.") && peek(1).is("(")) {
        next();
      } else if (p.is("[")) {
        next();
        JsNode key = assignment();
        if (peek(0).is("]")) next();
        String name = key instanceof Lit l ? l.text() : "";
        e = new Member(e, name, key, e.line(), e.start(), lastEnd());
      } else if (p.is("(")) {
        List<JsNode> args = arguments();
        e = new Call(e, args, false, e.line(), e.start(), lastEnd());
      } else if (p.kind() == Token.Kind.TEMPLATE) {
        next(); // a tagged template
        e = new Other(e.line(), e.start(), p.end());
      } else if ((p.is("++") || p.is("--") || p.is("!")) && p.line() == tokens.get(pos - 1).line()) {
        next();
      } else {
        return e;
      }
    }
  }

  private List<JsNode> arguments() {
    List<JsNode> args = new ArrayList<>();
    next(); // (
    while (!peek(0).is(")") && peek(0).kind() != Token.Kind.EOF) {
      int before = pos;
      args.add(assignment());
      if (peek(0).is(",")) next();
      else if (!peek(0).is(")")) recover();
      if (pos == before) next();
    }
    if (peek(0).is(")")) next();
    return args;
  }

  private JsNode primary() {
    Token t = next();
    switch (t.kind()) {
      case STRING:
        return new Lit(Lit.Kind.STRING, t.text(), t.line(), t.start(), t.end());
      case NUMBER:
        return new Lit(Lit.Kind.NUMBER, t.text(), t.line(), t.start(), t.end());
      case TEMPLATE:
        return new Template(t.text(), t.line(), t.start(), t.end());
      case IDENT:
        return switch (t.text()) {
          case "true", "false" -> new Lit(Lit.Kind.BOOL, t.text(), t.line(), t.start(), t.end());
          case "null" -> new Lit(Lit.Kind.NULL, "null", t.line(), t.start(), t.end());
          case "undefined" -> new Lit(Lit.Kind.UNDEFINED, "undefined", t.line(), t.start(), t.end());
          case "class" -> {
            while (!peek(0).is("{") && peek(0).kind() != Token.Kind.EOF) next();
            pos = skipBalanced(tokens, pos);
            yield new Other(t.line(), t.start(), lastEnd());
          }
          default -> new Ident(t.text(), t.line(), t.start(), t.end());
        };
      case PUNCT:
        if (t.is("(")) {
          JsNode inner = assignment();
          while (peek(0).is(",")) {
            next();
            inner = assignment();
          }
          if (peek(0).is(")")) next();
          return inner;
        }
        if (t.is("{")) return object(t);
        if (t.is("[")) return array(t);
        pos--;
        return skipOther();
      default:
        return new Other(t.line(), t.start(), t.end());
    }
  }

  private JsNode object(Token open) {
    List<Prop> props = new ArrayList<>();
    while (!peek(0).is("}") && peek(0).kind() != Token.Kind.EOF) {
      int before = pos;
      Token k = peek(0);
      if (k.is("...")) {
        next();
        props.add(new Prop(null, assignment(), k.line()));
      } else if ((k.is("get") || k.is("set") || k.is("async")) && peek(1).kind() == Token.Kind.IDENT && peek(2).is("(")) {
        next();
        next();
        pos = skipBalanced(tokens, pos);
        if (peek(0).is("{")) pos = skipBalanced(tokens, pos);
      } else {
        String key = null;
        if (k.is("[")) {
          pos = skipBalanced(tokens, pos);
        } else {
          next();
          key = k.text();
        }
        if (peek(0).is(":")) {
          next();
          props.add(new Prop(key, assignment(), k.line()));
        } else if (peek(0).is("(")) {
          pos = skipBalanced(tokens, pos);
          if (peek(0).is("{")) pos = skipBalanced(tokens, pos);
          props.add(new Prop(key, new Func(k.line(), k.start(), lastEnd()), k.line()));
        } else if (key != null && k.kind() == Token.Kind.IDENT) {
          JsNode value = new Ident(key, k.line(), k.start(), k.end());
          if (peek(0).is("=")) {
            next();
            value = assignment();
          }
          props.add(new Prop(key, value, k.line()));
        }
      }
      if (peek(0).is(",")) next();
      else if (!peek(0).is("}")) recover();
      if (pos == before) next();
    }
    if (peek(0).is("}")) next();
    return new Obj(props, open.line(), open.start(), lastEnd());
  }

  private JsNode array(Token open) {
    List<JsNode> items = new ArrayList<>();
    while (!peek(0).is("]") && peek(0).kind() != Token.Kind.EOF) {
      int before = pos;
      if (peek(0).is(",")) {
        next();
        continue;
      }
      items.add(assignment());
      if (peek(0).is(",")) next();
      else if (!peek(0).is("]")) recover();
      if (pos == before) next();
    }
    if (peek(0).is("]")) next();
    return new Arr(items, open.line(), open.start(), lastEnd());
  }

  /** Skips to the next {@code ,} or closing bracket of this level. */
  private void recover() {
    while (peek(0).kind() != Token.Kind.EOF) {
      Token t = peek(0);
      if (t.is(",") || t.is(")") || t.is("]") || t.is("}") || t.is(";")) return;
      if (t.is("(") || t.is("[") || t.is("{")) pos = skipBalanced(tokens, pos);
      else next();
    }
  }

  private JsNode skipOther() {
    Token t = peek(0);
    recover();
    return new Other(t.line(), t.start(), Math.max(t.start(), lastEnd()));
  }
}
