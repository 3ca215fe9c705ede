package authdoctor.collect.scan.python;

import authdoctor.observation.AppSetting.Value;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * What an expression of a settings file is worth without running it: a literal, an environment lookup
 * with its default ({@code os.environ.get("X", "d")}, {@code os.getenv}, {@code os.environ["X"]},
 * django-environ's {@code env("X", default=…)}/{@code env.bool(…)}, python-decouple's {@code config(…)}),
 * a value generated anew at each start ({@code os.urandom}, {@code secrets.token_hex}, {@code
 * get_random_secret_key()}), or {@link Value.Computed}: the reader does not guess.
 */
final class PyValues {
  /** Random generators: each start (each process) makes a new value. */
  static final Pattern GENERATOR = Pattern.compile(
      "(os\\.urandom\\s*\\([^)]*\\)(?:\\.hex\\(\\))?|(?:secrets\\.)?token_(?:hex|urlsafe|bytes)\\s*\\([^)]*\\)"
          + "|get_random_secret_key\\s*\\(\\)|uuid\\.uuid4\\s*\\(\\)(?:\\.hex)?|Fernet\\.generate_key\\s*\\(\\))");
  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private final Namespace names;
  private int depth;

  PyValues(Namespace names) {
    this.names = names;
  }

  /** The value of {@code e}. */
  Value of(PyExpr e) {
    if (++depth > 20) {
      depth--;
      return new Value.Computed(e.text());
    }
    try {
      return value(e);
    } finally {
      depth--;
    }
  }

  private Value value(PyExpr e) {
    String literal = literal(e);
    if (literal != null) return new Value.Literal(literal);
    Lookup env = lookup(e);
    if (env != null) {
      if (env.fallback == null) return new Value.FromEnv(env.variable, null);
      Value fb = of(env.fallback);
      return switch (fb) {
        case Value.Literal(String t) -> new Value.FromEnv(env.variable, t);
        case Value.Generated(String g, String v) -> new Value.Generated(g, env.variable);
        default -> new Value.Computed(e.text());
      };
    }
    switch (e) {
      case PyExpr.Name n when names.get(n.dotted()) != null -> {
        Namespace.Bound b = names.get(n.dotted());
        return b.condition() != null ? new Value.Computed(e.text() + " (set under: " + b.condition() + ")") : of(b.expr());
      }
      case PyExpr.Or o -> {
        // os.environ.get("X") or secrets.token_hex(): unset (or empty) takes the next
        Value first = of(o.items().get(0));
        if (first instanceof Value.FromEnv(String var, String fb) && o.items().size() == 2 && (fb == null || fb.isEmpty())) {
          Value next = of(o.items().get(1));
          return switch (next) {
            case Value.Literal(String t) -> new Value.FromEnv(var, t);
            case Value.Generated(String g, String v) -> new Value.Generated(g, var);
            default -> new Value.Computed(e.text());
          };
        }
        return new Value.Computed(e.text());
      }
      case PyExpr.Compare c -> {
        // os.environ.get("SECURE", "true").lower() == "true": the variable, its default compared
        Lookup l = lookup(c.left());
        List<String> against = strings(c.right());
        if (l == null || against == null) return new Value.Computed(e.text());
        boolean positive = c.op().equals("==") || c.op().equals("in");
        if (!positive && !(c.op().equals("!=") || c.op().equals("not in"))) return new Value.Computed(e.text());
        String fb = l.fallback == null ? null : literal(l.fallback);
        if (l.fallback != null && fb == null) return new Value.Computed(e.text());
        // unset: the default compared (None, without one, equals no string)
        boolean match = fb != null && (against.contains(fb) || against.contains(fb.toLowerCase(Locale.ROOT)));
        String truth = String.valueOf(match == positive);
        return new Value.FromEnv(l.variable, truth);
      }
      default -> {}
    }
    Matcher g = GENERATOR.matcher(e.text());
    if (g.find()) return new Value.Generated(g.group(1).replaceAll("\\s+", ""), null);
    return new Value.Computed(e.text());
  }

  /** A literal's text in the AppSetting convention: booleans as {@code true}/{@code false}, None as empty, sequences joined by commas. */
  @Nullable String literal(PyExpr e) {
    return switch (e) {
      case PyExpr.Str s -> s.value();
      case PyExpr.Num n -> n.text();
      case PyExpr.Const c -> c.name().equals("None") ? "" : c.name().toLowerCase(Locale.ROOT);
      case PyExpr.Seq s -> {
        List<String> parts = new ArrayList<>();
        for (PyExpr i : s.items()) {
          String t = literal(i);
          if (t == null) yield null;
          parts.add(t);
        }
        yield String.join(",", parts);
      }
      case PyExpr.Name n when names.get(n.dotted()) != null && names.get(n.dotted()).condition() == null && depth < 20 -> {
        depth++;
        try {
          yield literal(names.get(n.dotted()).expr());
        } finally {
          depth--;
        }
      }
      default -> null;
    };
  }

  private @Nullable List<String> strings(PyExpr e) {
    if (e instanceof PyExpr.Str s) return List.of(s.value());
    if (e instanceof PyExpr.Seq s) {
      List<String> out = new ArrayList<>();
      for (PyExpr i : s.items()) {
        if (!(i instanceof PyExpr.Str str)) return null;
        out.add(str.value());
      }
      return out;
    }
    return null;
  }

  /** An environment lookup: the variable and the default expression (null when none). */
  record Lookup(String variable, @Nullable PyExpr fallback) {}

  /** {@code e} as an environment lookup, through casts and string methods; null when it is not one. */
  @Nullable Lookup lookup(PyExpr e) {
    if (e instanceof PyExpr.Index(PyExpr obj, PyExpr key, String t) && environ(obj) && key instanceof PyExpr.Str s) {
      return ENV_NAME.matcher(s.value()).matches() ? new Lookup(s.value(), null) : null;
    }
    if (!(e instanceof PyExpr.Call c)) return null;
    if (c.func() instanceof PyExpr.Attr(PyExpr obj, String method, String t)
        && List.of("lower", "strip", "upper", "split", "casefold").contains(method)) {
      Lookup inner = lookup(obj);
      return inner;
    }
    String f = resolve(c.funcName());
    if (List.of("int", "str", "bool", "float").contains(f) && c.args().size() == 1) return lookup(c.args().get(0));
    if (c.args().isEmpty() || !(c.args().get(0) instanceof PyExpr.Str s) || !ENV_NAME.matcher(s.value()).matches()) return null;
    boolean isEnv = f.equals("os.getenv") || f.equals("getenv") || f.equals("os.environ.get") || f.equals("os.environ.setdefault")
        || f.equals("environ.get") || f.equals("env") || f.startsWith("env.") || f.equals("config") || f.equals("decouple.config")
        || f.equals("environ.Env") || (f.endsWith(".get") && environ(new PyExpr.Name(f.substring(0, f.length() - 4), "")));
    if (!isEnv) return null;
    return new Lookup(s.value(), c.arg(1, "default"));
  }

  /** Whether {@code e} names {@code os.environ} (directly, as {@code environ}, or through an alias). */
  private boolean environ(PyExpr e) {
    if (!(e instanceof PyExpr.Name n)) return false;
    String r = resolve(n.dotted());
    return r.equals("os.environ") || r.equals("environ");
  }

  /** A dotted name with its first part replaced by what an alias binds it to ({@code env = os.environ}). */
  String resolve(String dotted) {
    String head = dotted.contains(".") ? dotted.substring(0, dotted.indexOf('.')) : dotted;
    Namespace.Bound b = names.get(head);
    if (b != null && b.expr() instanceof PyExpr.Name alias && !alias.dotted().equals(head)) {
      return alias.dotted() + dotted.substring(head.length());
    }
    if (b != null && b.expr() instanceof PyExpr.Call call && (call.funcName().endsWith("Env") || call.funcName().endsWith("AutoConfig"))) {
      // env = environ.Env(...); config = AutoConfig(...): the lookups of django-environ and python-decouple
      return (call.funcName().endsWith("Env") ? "env" : "config") + dotted.substring(head.length());
    }
    return dotted;
  }
}
