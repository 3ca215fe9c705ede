package authdoctor.collect.scan.js;

import authdoctor.collect.scan.js.JsNode.Arr;
import authdoctor.collect.scan.js.JsNode.Binary;
import authdoctor.collect.scan.js.JsNode.Call;
import authdoctor.collect.scan.js.JsNode.Cond;
import authdoctor.collect.scan.js.JsNode.Ident;
import authdoctor.collect.scan.js.JsNode.Lit;
import authdoctor.collect.scan.js.JsNode.Member;
import authdoctor.collect.scan.js.JsNode.Obj;
import authdoctor.collect.scan.js.JsNode.Prop;
import authdoctor.collect.scan.js.JsNode.Template;
import authdoctor.collect.scan.js.JsNode.Unary;
import authdoctor.observation.AppSetting.Value;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * One JavaScript file as the reader sees it: its tokens, what each name is bound to ({@code const},
 * {@code let}, assignments, {@code require} and {@code import}), assignments to members ({@code
 * sess.cookie.secure = true}), and the statements of non-production branches ({@code if (NODE_ENV !==
 * 'production') {…}}, the {@code else} of a production test), which are not in effect in production and
 * are skipped. Values are evaluated as far as literals, environment lookups with their fallbacks, random
 * generators and production tests allow; anything else is {@link Value.Computed}.
 */
public final class JsModule {
  /** A random generator whose value is new at each start. */
  private static final Pattern GENERATOR =
      Pattern.compile("(?s).*\\b(crypto\\.randomBytes|randomBytes|crypto\\.randomUUID|randomUUID|uuidv4|uuid\\.v4|nanoid|Math\\.random|crypto\\.getRandomValues)\\b.*");
  private static final int MAX_DEPTH = 24;

  /** Which branch of a production test a branch is. */
  public enum Branch { PRODUCTION, DEVELOPMENT, UNKNOWN }

  /** A value found for a property, with the line it is written on. */
  public record Found(JsNode value, int line) {}

  private final String src;
  private final List<Token> tokens;
  private final boolean[] dead;
  /** For a token inside a branch whose test the reader cannot decide: the index of that {@code if}, else -1. */
  private final int[] conditional;
  private final Map<String, JsNode> bindings = new HashMap<>();
  private final Map<String, Found> members = new HashMap<>();
  private final Map<String, String> imports = new HashMap<>();

  private JsModule(String src) {
    this.src = src;
    this.tokens = JsLexer.lex(src);
    this.dead = new boolean[tokens.size()];
    this.conditional = new int[tokens.size()];
    java.util.Arrays.fill(conditional, -1);
    read();
  }

  public static JsModule of(String src) {
    return new JsModule(src);
  }

  public List<Token> tokens() {
    return tokens;
  }

  /** Whether token {@code i} lies in a branch production does not run. */
  public boolean dead(int i) {
    return dead[i];
  }

  /** A new parser over this module's tokens. */
  public JsParser parser() {
    return new JsParser(tokens);
  }

  /** What {@code name} is bound to, or null. */
  public @Nullable JsNode binding(String name) {
    return bindings.get(name);
  }

  /** The value assigned to {@code module.exports} or {@code export default}, or null. */
  public @Nullable JsNode exported() {
    Found f = members.get("module.exports");
    return f != null ? f.value() : bindings.get("export default");
  }

  /** The source text of a node, whitespace condensed, at most 120 characters. */
  public String text(JsNode n) {
    String t = src.substring(Math.min(n.start(), src.length()), Math.min(Math.max(n.end(), n.start()), src.length()))
        .replaceAll("\\s+", " ").strip();
    return t.length() > 120 ? t.substring(0, 117) + "..." : t;
  }

  private void read() {
    JsParser p = parser();
    for (int i = 0; i < tokens.size(); i++) {
      Token t = tokens.get(i);
      if (dead[i]) continue;
      Token prev = i > 0 ? tokens.get(i - 1) : null;
      boolean statementStart = prev == null || prev.is(";") || prev.is("{") || prev.is("}") || prev.is(")") || prev.line() < t.line();
      if (t.is("if") && tokens.get(i + 1).is("(")) {
        branch(p, i);
      } else if ((t.is("const") || t.is("let") || t.is("var")) && i + 2 < tokens.size()) {
        declare(p, i + 1);
      } else if (t.is("import") && statementStart) {
        importAt(i + 1);
      } else if (t.is("export") && tokens.get(i + 1).is("default")) {
        bindings.put("export default", p.expressionAt(i + 2));
      } else if (t.kind() == Token.Kind.IDENT && statementStart && (prev == null || !prev.is("."))) {
        assignment(p, i);
      }
    }
  }

  /** {@code if (test) A else B}: marks the branch production does not take. */
  private void branch(JsParser p, int at) {
    JsNode test = p.expressionAt(at + 2);
    int close = p.position();
    if (!tokens.get(close).is(")")) return;
    Branch b = classify(test, 0);
    int thenStart = close + 1;
    int thenEnd = statementEnd(p, thenStart);
    if (b == Branch.DEVELOPMENT) mark(thenStart, thenEnd);
    boolean otherwise = thenEnd < tokens.size() && tokens.get(thenEnd).is("else");
    if (b == Branch.PRODUCTION && otherwise) mark(thenEnd + 1, statementEnd(p, thenEnd + 1));
    if (b == Branch.UNKNOWN) {
      int end = otherwise ? statementEnd(p, thenEnd + 1) : thenEnd;
      for (int i = thenStart; i < Math.min(end, conditional.length); i++) if (conditional[i] < 0) conditional[i] = at;
    }
  }

  private int statementEnd(JsParser p, int start) {
    if (start >= tokens.size()) return start;
    if (tokens.get(start).is("{")) return JsParser.skipBalanced(tokens, start);
    if (tokens.get(start).is("if") && tokens.get(start + 1).is("(")) {
      int afterTest = JsParser.skipBalanced(tokens, start + 1);
      int end = statementEnd(p, afterTest);
      return end < tokens.size() && tokens.get(end).is("else") ? statementEnd(p, end + 1) : end;
    }
    p.expressionAt(start);
    int end = p.position();
    return end < tokens.size() && tokens.get(end).is(";") ? end + 1 : end;
  }

  private void mark(int from, int to) {
    for (int i = from; i < Math.min(to, dead.length - 1); i++) dead[i] = true;
  }

  private void declare(JsParser p, int at) {
    Token name = tokens.get(at);
    if (name.kind() == Token.Kind.IDENT && tokens.get(at + 1).is("=")) {
      bindings.put(name.text(), p.expressionAt(at + 2));
    } else if (name.is("{")) {
      int end = JsParser.skipBalanced(tokens, at);
      if (end >= tokens.size() || !tokens.get(end).is("=")) return;
      JsNode source = p.expressionAt(end + 1);
      for (int i = at + 1; i < end - 1; i++) {
        Token k = tokens.get(i);
        if (k.kind() != Token.Kind.IDENT || tokens.get(i - 1).is(":")) continue;
        String local = tokens.get(i + 1).is(":") && tokens.get(i + 2).kind() == Token.Kind.IDENT ? tokens.get(i + 2).text() : k.text();
        bindings.put(local, new Member(source, k.text(), null, k.line(), k.start(), k.end()));
      }
    }
  }

  /** {@code import x from 'm'}, {@code import {a as b} from 'm'}, {@code import * as x from 'm'}. */
  private void importAt(int at) {
    int i = at;
    List<String[]> names = new ArrayList<>();
    while (i < tokens.size() && !tokens.get(i).is("from") && tokens.get(i).kind() != Token.Kind.STRING && i - at < 200) {
      Token t = tokens.get(i);
      if (t.is("*") && tokens.get(i + 1).is("as")) {
        names.add(new String[] {tokens.get(i + 2).text(), ""});
        i += 3;
      } else if (t.is("{")) {
        int end = JsParser.skipBalanced(tokens, i);
        for (int j = i + 1; j < end - 1; j++) {
          Token k = tokens.get(j);
          if (k.kind() != Token.Kind.IDENT || tokens.get(j - 1).is("as") || k.is("as") || k.is("type")) continue;
          String local = tokens.get(j + 1).is("as") ? tokens.get(j + 2).text() : k.text();
          names.add(new String[] {local, "#" + k.text()});
        }
        i = end;
      } else {
        if (t.kind() == Token.Kind.IDENT && !t.is("type")) names.add(new String[] {t.text(), ""});
        i++;
      }
    }
    if (i < tokens.size() && tokens.get(i).is("from")) i++;
    if (i >= tokens.size() || tokens.get(i).kind() != Token.Kind.STRING) return;
    String module = tokens.get(i).text();
    for (String[] n : names) imports.put(n[0], n[1].equals("#default") ? module : module + n[1]);
  }

  /** {@code name = …} and {@code a.b.c = …} at the start of a statement. */
  private void assignment(JsParser p, int at) {
    StringBuilder chain = new StringBuilder(tokens.get(at).text());
    int i = at + 1;
    while (i + 1 < tokens.size() && tokens.get(i).is(".") && tokens.get(i + 1).kind() == Token.Kind.IDENT) {
      chain.append('.').append(tokens.get(i + 1).text());
      i += 2;
    }
    if (i >= tokens.size() || !tokens.get(i).is("=")) return;
    JsNode value = p.expressionAt(i + 1);
    if (conditional[at] >= 0) {
      // assigned only when a test the reader cannot decide holds: the value is the test's to say
      Token test = tokens.get(conditional[at]);
      int close = JsParser.skipBalanced(tokens, conditional[at] + 1);
      value = new JsNode.Other(test.line(), test.start(), tokens.get(Math.max(close - 1, 0)).end());
    }
    if (chain.indexOf(".") < 0) bindings.put(chain.toString(), value);
    else members.put(chain.toString(), new Found(value, tokens.get(at).line()));
  }

  /** The module a name or call comes from: {@code express-session}, {@code express()}, {@code jsonwebtoken#sign}; null when unknown. */
  public @Nullable String module(JsNode n) {
    return module(n, 0);
  }

  private @Nullable String module(JsNode n, int depth) {
    if (depth > MAX_DEPTH) return null;
    return switch (n) {
      case Call c when c.callee() instanceof Ident id && id.name().equals("require") && !c.args().isEmpty()
          && c.args().get(0) instanceof Lit l -> l.text();
      case Call c -> {
        String m = module(c.callee(), depth + 1);
        yield m == null ? null : m + "()";
      }
      case Ident id -> imports.containsKey(id.name()) ? imports.get(id.name())
          : bindings.containsKey(id.name()) && bindings.get(id.name()) != n ? module(bindings.get(id.name()), depth + 1) : null;
      case Member m -> {
        String o = module(m.object(), depth + 1);
        yield o == null ? null : o + "#" + m.name();
      }
      default -> null;
    };
  }

  /** The property at {@code path} of an object (a literal, or a name bound to one, with later member assignments). */
  public @Nullable Found property(JsNode object, String... path) {
    return property(object, List.of(path), 0);
  }

  private @Nullable Found property(JsNode object, List<String> path, int depth) {
    if (depth > MAX_DEPTH || path.isEmpty()) return null;
    if (object instanceof Ident id) {
      Found assigned = members.get(id.name() + "." + String.join(".", path));
      if (assigned != null) return assigned;
      JsNode bound = bindings.get(id.name());
      return bound == null || bound == object ? null : property(bound, path, depth + 1);
    }
    if (!(object instanceof Obj o)) return null;
    Found found = null;
    for (Prop p : o.props()) {
      if (p.key() == null && p.value() instanceof Unary u && u.op().equals("...")) {
        Found spread = property(u.operand(), path, depth + 1);
        if (spread != null) found = spread;
      } else if (path.get(0).equals(p.key())) {
        found = path.size() == 1 ? new Found(p.value(), p.line()) : property(p.value(), path.subList(1, path.size()), depth + 1);
      }
    }
    return found;
  }

  /** Follows a name to what it is bound to (at most a few steps). */
  public JsNode resolve(JsNode n) {
    for (int i = 0; i < MAX_DEPTH && n instanceof Ident id && bindings.get(id.name()) != null && bindings.get(id.name()) != n; i++) {
      n = bindings.get(id.name());
    }
    return n;
  }

  /** The value of an expression, or null when it is {@code undefined}/{@code null} (the setting is left unset). */
  public @Nullable Value value(JsNode n) {
    return value(n, 0);
  }

  private @Nullable Value value(JsNode n, int depth) {
    if (depth > MAX_DEPTH) return new Value.Computed(text(n));
    if (GENERATOR.matcher(text(n)).matches() && !(n instanceof Binary b && (b.op().equals("||") || b.op().equals("??")))
        && !(n instanceof Cond)) {
      return new Value.Generated(text(n), null);
    }
    String env = envVariable(n, depth);
    if (env != null) return new Value.FromEnv(env, null);
    return switch (n) {
      case Lit l -> l.kind() == Lit.Kind.NULL || l.kind() == Lit.Kind.UNDEFINED ? null : new Value.Literal(l.text());
      case Template t when !t.raw().contains("${") -> new Value.Literal(t.raw());
      case Ident id when bindings.get(id.name()) != null && bindings.get(id.name()) != n -> value(bindings.get(id.name()), depth + 1);
      case Binary b when b.op().equals("||") || b.op().equals("??") -> fallback(b, depth);
      case Binary b when b.op().equals("*") || b.op().equals("+") -> arithmetic(b, depth);
      case Binary b when classify(b, depth) != Branch.UNKNOWN -> new Value.Literal(String.valueOf(classify(b, depth) == Branch.PRODUCTION));
      case Cond c -> switch (classify(c.test(), depth)) {
        case PRODUCTION -> value(c.then(), depth + 1);
        case DEVELOPMENT -> value(c.otherwise(), depth + 1);
        case UNKNOWN -> new Value.Computed(text(n));
      };
      case Arr a when !a.items().isEmpty() -> list(a, depth);
      default -> new Value.Computed(text(n));
    };
  }

  /** {@code process.env.X || 'd'}, {@code env.X ?? crypto.randomBytes(32)}. */
  private @Nullable Value fallback(Binary b, int depth) {
    Value left = value(b.left(), depth + 1);
    if (left == null) return value(b.right(), depth + 1);
    if (left instanceof Value.Literal l) return b.op().equals("??") || truthy(l.text()) ? left : value(b.right(), depth + 1);
    if (!(left instanceof Value.FromEnv(String variable, String none)) || none != null) return new Value.Computed(text(b));
    Value right = value(b.right(), depth + 1);
    return switch (right) {
      case null -> left;
      case Value.Literal(String text) -> new Value.FromEnv(variable, text);
      case Value.Generated(String expression, String ignored) -> new Value.Generated(expression, variable);
      default -> new Value.Computed(text(b));
    };
  }

  private Value arithmetic(Binary b, int depth) {
    Value l = value(b.left(), depth + 1);
    Value r = value(b.right(), depth + 1);
    if (l instanceof Value.Literal(String x) && r instanceof Value.Literal(String y)) {
      try {
        double a = Double.parseDouble(x.replace("_", ""));
        double c = Double.parseDouble(y.replace("_", ""));
        double v = b.op().equals("*") ? a * c : a + c;
        return new Value.Literal(v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v));
      } catch (NumberFormatException e) {
        if (b.op().equals("+")) return new Value.Literal(x + y);
      }
    }
    return new Value.Computed(text(b));
  }

  /** An array of literals, comma-separated. */
  private Value list(Arr a, int depth) {
    List<String> out = new ArrayList<>();
    for (JsNode item : a.items()) {
      if (!(value(item, depth + 1) instanceof Value.Literal(String text))) return new Value.Computed(text(a));
      out.add(text);
    }
    return new Value.Literal(String.join(",", out));
  }

  private static boolean truthy(String literal) {
    return !(literal.isEmpty() || literal.equals("false") || literal.equals("0"));
  }

  /** {@code process.env.X}, {@code process.env['X']}, {@code env.X} with {@code env = process.env}: X, else null. */
  private @Nullable String envVariable(JsNode n, int depth) {
    if (!(n instanceof Member m) || m.name().isEmpty() || depth > MAX_DEPTH) return null;
    JsNode o = m.object();
    boolean env = (o instanceof Member pm && pm.name().equals("env") && pm.object() instanceof Ident p && p.name().equals("process"))
        || (o instanceof Ident id && bindings.get(id.name()) instanceof Member bm && bm != o && envObject(bm));
    return env ? m.name() : null;
  }

  private static boolean envObject(Member m) {
    return m.name().equals("env") && m.object() instanceof Ident p && p.name().equals("process");
  }

  /**
   * Whether a test selects production: {@code process.env.NODE_ENV === 'production'}, {@code
   * app.get('env') !== 'development'}, {@code isProd}, {@code !isDev}.
   */
  public Branch classify(JsNode test) {
    return classify(test, 0);
  }

  private Branch classify(JsNode test, int depth) {
    if (depth > MAX_DEPTH) return Branch.UNKNOWN;
    switch (test) {
      case Unary u when u.op().equals("!") -> {
        return switch (classify(u.operand(), depth + 1)) {
          case PRODUCTION -> Branch.DEVELOPMENT;
          case DEVELOPMENT -> Branch.PRODUCTION;
          case UNKNOWN -> Branch.UNKNOWN;
        };
      }
      case Binary b when b.op().equals("===") || b.op().equals("==") || b.op().equals("!==") || b.op().equals("!=") -> {
        JsNode other = b.right() instanceof Lit ? b.left() : b.right();
        JsNode lit = b.right() instanceof Lit ? b.right() : b.left();
        if (!(lit instanceof Lit l) || !environment(other, depth)) return Branch.UNKNOWN;
        String v = l.text().toLowerCase(Locale.ROOT);
        boolean equal = b.op().startsWith("=");
        if (v.equals("production") || v.equals("prod")) return equal ? Branch.PRODUCTION : Branch.DEVELOPMENT;
        if (v.equals("development") || v.equals("dev") || v.equals("test") || v.equals("local")) return equal ? Branch.DEVELOPMENT : Branch.PRODUCTION;
        return Branch.UNKNOWN;
      }
      case Ident id when bindings.get(id.name()) != null && bindings.get(id.name()) != test -> {
        return classify(bindings.get(id.name()), depth + 1);
      }
      case Ident id -> {
        return byName(id.name());
      }
      case Member m -> {
        return byName(m.name());
      }
      default -> {
        return Branch.UNKNOWN;
      }
    }
  }

  private static Branch byName(String name) {
    String n = name.toLowerCase(Locale.ROOT).replace("_", "");
    if (n.matches("(is|in)?prod(uction)?(mode|env)?")) return Branch.PRODUCTION;
    if (n.matches("(is|in)?dev(elopment)?(mode|env)?")) return Branch.DEVELOPMENT;
    return Branch.UNKNOWN;
  }

  /** Whether an expression reads the environment's name ({@code NODE_ENV}, {@code app.get('env')}). */
  private boolean environment(JsNode n, int depth) {
    String t = text(n);
    if (t.contains("NODE_ENV") || t.matches(".*\\.get\\(\\s*['\"]env['\"]\\s*\\).*") || t.matches("(?i).*\\b(env|environment|mode)$")) return true;
    return n instanceof Ident id && bindings.get(id.name()) != null && bindings.get(id.name()) != n && depth < MAX_DEPTH
        && environment(bindings.get(id.name()), depth + 1);
  }
}
