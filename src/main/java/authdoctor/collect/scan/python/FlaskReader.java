package authdoctor.collect.scan.python;

import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Flask app's configuration in effect, in the order the code applies it (Flask's configuration
 * handling chapter): {@code app.config["K"] = v}, {@code app.config.update(...)}/{@code from_mapping},
 * {@code from_object} with a config class (its bases first) chosen per environment, {@code
 * from_prefixed_env()} (each {@code FLASK_*} variable), {@code from_pyfile}, {@code app.secret_key},
 * Werkzeug's {@code ProxyFix(app.wsgi_app, x_for=…, x_proto=…)} and Flask-Session's {@code
 * SESSION_TYPE}, inside an app factory too. A development-only branch is left out.
 */
final class FlaskReader {
  static final String FRAMEWORK = "flask";
  private static final Pattern CONFIG_ITEM = Pattern.compile("^(\\w+)\\.config\\[\\s*[rbu]?['\"](\\w+)['\"]\\s*]$");
  private static final Pattern FALLBACK = Pattern.compile("^not\\s+(\\w+)\\.(?:config\\.get\\(\\s*['\"](\\w+)['\"]\\s*\\)|secret_key)$");

  /** Flask setting → concept. */
  private static final Map<String, Concept> KEYS = new LinkedHashMap<>();

  static {
    KEYS.put("SECRET_KEY", Concept.SESSION_SECRET);
    KEYS.put("SESSION_COOKIE_SECURE", Concept.SESSION_COOKIE_SECURE);
    KEYS.put("SESSION_COOKIE_HTTPONLY", Concept.SESSION_COOKIE_HTTPONLY);
    KEYS.put("SESSION_COOKIE_SAMESITE", Concept.SESSION_COOKIE_SAMESITE);
    KEYS.put("SESSION_COOKIE_DOMAIN", Concept.SESSION_COOKIE_DOMAIN);
    KEYS.put("SESSION_COOKIE_PATH", Concept.SESSION_COOKIE_PATH);
    KEYS.put("SESSION_COOKIE_NAME", Concept.SESSION_COOKIE_NAME);
    KEYS.put("PERMANENT_SESSION_LIFETIME", Concept.SESSION_LIFETIME);
    KEYS.put("SESSION_TYPE", Concept.SESSION_STORE);
    KEYS.put("WTF_CSRF_ENABLED", Concept.CSRF_ENABLED);
    KEYS.put("APPLICATION_ROOT", Concept.PATH_PREFIX);
    KEYS.put("SERVER_NAME", Concept.SERVER_NAME);
    KEYS.put("DEBUG", Concept.DEBUG);
  }

  /** A configuration value as applied: where, and its value. */
  private record Applied(Value value, String file, int line, @Nullable String assumption) {}

  private final PyProject project;
  private final Map<String, Applied> config = new LinkedHashMap<>();
  private final List<String> apps = new ArrayList<>();
  private @Nullable Applied proxyFix;
  private final Map<String, Applied> proxyCounts = new LinkedHashMap<>();

  private FlaskReader(PyProject project) {
    this.project = project;
  }

  static void read(PyProject project, Found out) {
    for (PyModule m : project.modules) {
      if (!m.text().contains("Flask(")) continue;
      FlaskReader r = new FlaskReader(project);
      Namespace ns = Namespace.of(m, project);
      r.walk(m, m.statements(), ns);
      if (r.apps.isEmpty()) continue;
      r.emit(m, out);
    }
  }

  private void walk(PyModule m, List<PyStmt> statements, Namespace ns) {
    PyValues values = new PyValues(ns);
    Boolean previous = null;
    for (PyStmt s : statements) {
      switch (s) {
        case PyStmt.Assign a -> assign(m, a, values, ns);
        case PyStmt.Expr(PyExpr.Call c, int line) -> call(m, c, line, values, ns);
        case PyStmt.Expr e -> {}
        case PyStmt.Import i -> {}
        case PyStmt.Block b -> {
          String k = b.keyword();
          if (k.equals("class")) continue;
          Boolean taken = null;
          if (k.equals("if") || k.equals("elif")) {
            Boolean dev = Namespace.devOnly(b.header());
            taken = dev != null ? Boolean.valueOf(!dev) : taken(b.header(), values);
            previous = taken;
            if (Boolean.FALSE.equals(taken)) continue;
            if (k.equals("if") && taken == null && fallback(m, b, values)) continue;
          } else if (k.equals("else")) {
            taken = previous == null ? null : !previous;
            if (Boolean.FALSE.equals(taken)) continue;
          } else if (k.equals("for") || k.equals("while") || k.equals("except")) {
            taken = null;
          } else {
            taken = true;
          }
          String before = condition;
          if (taken == null) condition = condition == null ? k + " " + b.header() : condition + " and " + k + " " + b.header();
          Namespace inner = ns;
          if (k.endsWith("def")) {
            // an app factory: its local names over the module's
            inner = new Namespace();
            inner.names.putAll(ns.names);
            inner.read(m, b.body(), project, null, new java.util.HashSet<>());
          }
          walk(m, b.body(), inner);
          condition = before;
        }
      }
    }
  }

  /** The condition under which the statements being walked run, null when unconditionally (as far as is known). */
  private @Nullable String condition;

  /**
   * Whether {@code if os.environ.get("X"):} (or {@code not …}) is taken, when the deployment files give
   * {@code X} one value; null when that is not known.
   */
  private @Nullable Boolean taken(String header, PyValues values) {
    PyExpr e = PyExpr.parse(header);
    boolean negated = false;
    if (e instanceof PyExpr.Not n) {
      negated = true;
      e = n.operand();
    }
    PyValues.Lookup l = values.lookup(e);
    if (l == null || l.fallback() != null) return null;
    String given = project.envValue(l.variable());
    if (given == null) return null;
    return given.isEmpty() == negated;
  }

  private void assign(PyModule m, PyStmt.Assign a, PyValues values, Namespace ns) {
    for (String t : a.targets()) {
      if (a.value() instanceof PyExpr.Call c && c.funcName().endsWith("Flask") && t.matches("\\w+")) {
        apps.add(t);
        continue;
      }
      Matcher item = CONFIG_ITEM.matcher(t);
      if (item.matches() && apps.contains(item.group(1))) {
        put(item.group(2), values.of(a.value()), m.file(), a.line(), null);
      } else if (t.matches("\\w+\\.secret_key") && apps.contains(t.substring(0, t.indexOf('.')))) {
        put("SECRET_KEY", values.of(a.value()), m.file(), a.line(), null);
      } else if (t.matches("\\w+\\.wsgi_app") && a.value() instanceof PyExpr.Call c && c.funcName().endsWith("ProxyFix")) {
        proxyFix(m, c, a.line(), values);
      }
    }
  }

  /** {@code if not app.config.get("SECRET_KEY"): app.secret_key = os.urandom(32)}: a generated fallback. */
  private boolean fallback(PyModule m, PyStmt.Block b, PyValues values) {
    Matcher f = FALLBACK.matcher(b.header().strip());
    if (!f.matches() || b.body().size() != 1 || !(b.body().get(0) instanceof PyStmt.Assign a)) return false;
    String key = f.group(2) == null ? "SECRET_KEY" : f.group(2);
    Applied before = config.get(key);
    Value next = values.of(a.value());
    String variable = before != null && before.value() instanceof Value.FromEnv(String v, String fb) && fb == null ? v : null;
    if (before != null && variable == null) return false;
    put(key, next instanceof Value.Generated(String g, String v) ? new Value.Generated(g, variable) : next, m.file(), a.line(), null);
    return true;
  }

  private void call(PyModule m, PyExpr.Call c, int line, PyValues values, Namespace ns) {
    String f = c.funcName();
    int dot = f.indexOf('.');
    if (dot < 0 || !apps.contains(f.substring(0, dot))) return;
    switch (f.substring(dot + 1)) {
      case "config.update", "config.from_mapping" -> {
        for (Map.Entry<String, PyExpr> kw : c.kwargs().entrySet()) put(kw.getKey(), values.of(kw.getValue()), m.file(), line, null);
        if (!c.args().isEmpty() && c.args().get(0) instanceof PyExpr.Dict d) {
          for (int i = 0; i < d.keys().size(); i++) {
            if (d.keys().get(i) instanceof PyExpr.Str k) put(k.value(), values.of(d.values().get(i)), m.file(), line, null);
          }
        }
      }
      case "config.setdefault" -> {
        if (c.args().size() == 2 && c.args().get(0) instanceof PyExpr.Str k && !config.containsKey(k.value())) {
          put(k.value(), values.of(c.args().get(1)), m.file(), line, null);
        }
      }
      case "config.from_prefixed_env" -> {
        PyExpr p = c.arg(0, "prefix");
        String prefix = p == null ? "FLASK" : values.literal(p);
        if (prefix == null) return;
        for (String var : project.env.keySet()) {
          if (var.startsWith(prefix + "_")) put(var.substring(prefix.length() + 1), new Value.FromEnv(var, null), m.file(), line, null);
        }
        if (!config.containsKey("SECRET_KEY")) put("SECRET_KEY", new Value.FromEnv(prefix + "_SECRET_KEY", null), m.file(), line, null);
      }
      case "config.from_pyfile" -> {
        if (c.args().isEmpty() || !(c.args().get(0) instanceof PyExpr.Str file)) return;
        PyModule cfg = pyfile(m, file.value());
        if (cfg != null) upper(cfg, Namespace.of(cfg, project), null);
      }
      case "config.from_object" -> fromObject(m, c, line, values, ns);
      default -> {}
    }
  }

  /** The configuration file {@code from_pyfile} names, relative to the app's folder or its instance folder. */
  private @Nullable PyModule pyfile(PyModule app, String name) {
    String dir = app.file().contains("/") ? app.file().substring(0, app.file().lastIndexOf('/') + 1) : "";
    for (PyModule m : project.modules) {
      if (m.file().equals(dir + name) || m.file().equals(dir + "instance/" + name) || m.file().equals("instance/" + name)) return m;
    }
    return null;
  }

  /** {@code from_object}: a config class or module, named, imported, or picked from a dict by an environment variable. */
  private void fromObject(PyModule m, PyExpr.Call c, int line, PyValues values, Namespace ns) {
    if (c.args().isEmpty()) return;
    PyExpr arg = c.args().get(0);
    String assumption = null;
    String target = null;
    if (arg instanceof PyExpr.Index(PyExpr obj, PyExpr key, String text) && obj instanceof PyExpr.Name dict
        && dict(dict.dotted(), ns) instanceof PyExpr.Dict d) {
      String[] why = {null};
      String k = select(values.of(key), d, why);
      assumption = why[0];
      if (k != null) {
        for (int i = 0; i < d.keys().size(); i++) {
          if (d.keys().get(i) instanceof PyExpr.Str s && s.value().equals(k)) target = d.values().get(i).text();
        }
      }
    } else if (arg instanceof PyExpr.Name n) {
      target = n.dotted();
    } else {
      Value v = values.of(arg);
      if (v instanceof Value.Literal(String t)) target = t;
      else if (v instanceof Value.FromEnv(String var, String fb)) {
        target = project.envValue(var);
        if (target == null) {
          target = fb;
          assumption = fb == null ? null : fb + " assumed: " + var + " not set in the deployment files";
        }
      }
    }
    if (target == null) {
      put("from_object", new Value.Computed(arg.text()), m.file(), line, null);
      return;
    }
    String simple = target.contains(".") ? target.substring(target.lastIndexOf('.') + 1) : target;
    for (PyModule cm : project.modules) {
      for (PyStmt s : cm.statements()) {
        if (s instanceof PyStmt.Block b && b.keyword().equals("class") && className(b).equals(simple)) {
          Namespace cls = classNamespace(cm, b, 0);
          upper(cm, cls, assumption);
          return;
        }
      }
    }
    PyModule module = project.module(target);
    if (module != null) upper(module, Namespace.of(module, project), assumption);
  }

  /** The dict a name binds here, or in the module it is imported from (any module of the tree binding it). */
  private PyExpr.@Nullable Dict dict(String name, Namespace ns) {
    Namespace.Bound b = ns.get(name);
    if (b != null) return b.expr() instanceof PyExpr.Dict d ? d : null;
    for (PyModule m : project.modules) {
      for (PyStmt s : m.statements()) {
        if (s instanceof PyStmt.Assign a && a.targets().contains(name) && a.value() instanceof PyExpr.Dict d) return d;
      }
    }
    return null;
  }

  /** The key of a {@code {"production": ProdConfig, …}} dict the environment selects; {@code why[0]} says what was assumed. */
  private @Nullable String select(Value key, PyExpr.Dict d, String[] why) {
    List<String> keys = new ArrayList<>();
    for (PyExpr k : d.keys()) if (k instanceof PyExpr.Str s) keys.add(s.value());
    String chosen = null;
    String var = null;
    if (key instanceof Value.Literal(String t)) chosen = t;
    if (key instanceof Value.FromEnv(String v, String fb)) {
      var = v;
      chosen = project.envValue(v);
      if (chosen == null && project.env.containsKey(v)) {
        why[0] = "the deployment files give " + v + " several values";
      } else if (chosen == null) {
        chosen = fb;
        if (chosen != null) why[0] = "'" + fb + "' assumed: " + v + " not set in the deployment files";
      }
    }
    if (chosen != null && keys.contains(chosen)) return chosen;
    for (String k : keys) {
      if (k.toLowerCase(Locale.ROOT).startsWith("prod")) {
        why[0] = "'" + k + "' assumed: " + (var == null ? "the environment is computed" : var + " does not select an entry");
        return k;
      }
    }
    return null;
  }

  private static String className(PyStmt.Block b) {
    String h = b.header();
    int paren = h.indexOf('(');
    return (paren < 0 ? h : h.substring(0, paren)).strip();
  }

  /** A config class's attributes: its bases' first (within the project), then its own. */
  private Namespace classNamespace(PyModule m, PyStmt.Block b, int depth) {
    Namespace ns = new Namespace();
    String h = b.header();
    int paren = h.indexOf('(');
    if (paren >= 0 && depth < 10) {
      for (String base : h.substring(paren + 1, h.lastIndexOf(')') < 0 ? h.length() : h.lastIndexOf(')')).split(",")) {
        String simple = base.strip().substring(base.strip().lastIndexOf('.') + 1);
        for (PyModule bm : project.modules) {
          for (PyStmt s : bm.statements()) {
            if (s instanceof PyStmt.Block bb && bb.keyword().equals("class") && className(bb).equals(simple) && bb != b) {
              ns.names.putAll(classNamespace(bm, bb, depth + 1).names);
            }
          }
        }
      }
    }
    ns.names.putAll(Namespace.ofBody(m, b.body()).names);
    return ns;
  }

  /** The upper-case names of a config module or class, as {@code from_object} takes them. */
  private void upper(PyModule m, Namespace ns, @Nullable String assumption) {
    Namespace scope = Namespace.of(m, project);
    scope.names.putAll(ns.names);
    PyValues values = new PyValues(scope);
    for (Map.Entry<String, Namespace.Bound> e : ns.names.entrySet()) {
      if (!e.getKey().equals(e.getKey().toUpperCase(Locale.ROOT))) continue;
      Namespace.Bound b = e.getValue();
      Value v = b.condition() != null ? new Value.Computed(e.getKey() + " set under: " + b.condition()) : values.of(b.expr());
      put(e.getKey(), v, b.module().file(), b.line(), assumption);
    }
  }

  /** Werkzeug's {@code ProxyFix(app, x_for=1, x_proto=1, x_host=0, x_port=0, x_prefix=0)}: the hops trusted per header. */
  private void proxyFix(PyModule m, PyExpr.Call c, int line, PyValues values) {
    proxyFix = new Applied(new Value.Literal("1"), m.file(), line, null);
    String[][] params = {{"x_proto", "2", "1"}, {"x_host", "3", "0"}, {"x_prefix", "5", "0"}};
    for (String[] p : params) {
      PyExpr given = c.arg(Integer.parseInt(p[1]), p[0]);
      Value v = given == null ? new Value.Literal(p[2]) : values.of(given);
      if (c.args().stream().anyMatch(a -> a.text().startsWith("*"))) v = new Value.Computed(c.text());
      if (condition != null) v = new Value.Computed("ProxyFix set under: " + condition);
      proxyCounts.put(p[0], new Applied(v, m.file(), line, null));
    }
  }

  private void put(String key, Value value, String file, int line, @Nullable String assumption) {
    Value v = condition == null ? value : new Value.Computed(key + " set under: " + condition);
    config.put(key, new Applied(v, file, line, assumption));
  }

  private void emit(PyModule app, Found out) {
    for (Map.Entry<String, Applied> e : config.entrySet()) {
      Concept concept = KEYS.get(e.getKey());
      Applied a = e.getValue();
      if (e.getKey().equals("from_object")) {
        out.problems.add(new authdoctor.observation.Problem(a.file() + ":" + a.line(),
            "could not determine which configuration from_object loads without running the code"));
        continue;
      }
      if (concept == null) continue;
      Value v = a.value();
      if (concept == Concept.SESSION_STORE) v = sessionType(v);
      out.add(FRAMEWORK, concept, e.getKey(), v, a.file(), a.line(), a.assumption());
    }
    if (!config.containsKey("SESSION_TYPE")) {
      int line = appLine(app);
      out.add(FRAMEWORK, Concept.SESSION_STORE, "session", new Value.Literal("cookie"), app.file(), line,
          "no SESSION_TYPE: Flask's signed cookie session");
    }
    if (proxyFix == null) {
      out.add(FRAMEWORK, Concept.TRUST_FORWARDED_PROTO, "ProxyFix", new Value.Literal("false"), app.file(), appLine(app),
          "no ProxyFix around app.wsgi_app: Flask trusts no forwarded header");
    } else {
      Concept[] concepts = {Concept.TRUST_FORWARDED_PROTO, Concept.TRUST_FORWARDED_HOST, Concept.TRUST_FORWARDED_PREFIX};
      int i = 0;
      for (Map.Entry<String, Applied> e : proxyCounts.entrySet()) {
        Applied a = e.getValue();
        out.add(FRAMEWORK, concepts[i++], "ProxyFix(" + e.getKey() + ")", a.value(), a.file(), a.line(), null);
      }
    }
  }

  /** Flask-Session's {@code SESSION_TYPE} in the store convention. */
  private static Value sessionType(Value v) {
    if (!(v instanceof Value.Literal(String t))) return v;
    return new Value.Literal(switch (t.toLowerCase(Locale.ROOT)) {
      case "filesystem", "cachelib" -> "file";
      case "redis" -> "redis";
      case "memcached" -> "cache:memcached";
      case "sqlalchemy", "mongodb", "dynamodb" -> "database";
      case "null", "" -> "cookie";
      default -> "cache:" + t;
    });
  }

  /** The line of {@code app = Flask(...)}. */
  private static int appLine(PyModule m) {
    return firstLine(m.statements());
  }

  private static int firstLine(List<PyStmt> statements) {
    for (PyStmt s : statements) {
      if (s instanceof PyStmt.Assign a && a.value() instanceof PyExpr.Call c && c.funcName().endsWith("Flask")) return a.line();
      if (s instanceof PyStmt.Block b) {
        int l = firstLine(b.body());
        if (l > 0) return l;
      }
    }
    return 1;
  }
}
