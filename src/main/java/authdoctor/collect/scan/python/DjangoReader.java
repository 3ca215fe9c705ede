package authdoctor.collect.scan.python;

import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.DeploySetting;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Reads a Django project's settings in effect: the settings module {@code DJANGO_SETTINGS_MODULE} selects
 * (from the deployment files, else the default {@code wsgi.py}/{@code asgi.py}/{@code manage.py} set
 * with {@code os.environ.setdefault}, else the one module that looks like production), with its {@code
 * from .base import *} chain, as {@link authdoctor.observation.AppSetting}s (Django's settings reference
 * names each setting read here and its default).
 */
final class DjangoReader {
  static final String FRAMEWORK = "django";
  private static final String VAR = "DJANGO_SETTINGS_MODULE";

  /** Django setting → concept, for the settings read as they are written. */
  private static final Map<String, Concept> PLAIN = new LinkedHashMap<>();

  static {
    PLAIN.put("SECRET_KEY", Concept.SESSION_SECRET);
    PLAIN.put("SESSION_COOKIE_SECURE", Concept.SESSION_COOKIE_SECURE);
    PLAIN.put("SESSION_COOKIE_HTTPONLY", Concept.SESSION_COOKIE_HTTPONLY);
    PLAIN.put("SESSION_COOKIE_SAMESITE", Concept.SESSION_COOKIE_SAMESITE);
    PLAIN.put("SESSION_COOKIE_DOMAIN", Concept.SESSION_COOKIE_DOMAIN);
    PLAIN.put("SESSION_COOKIE_PATH", Concept.SESSION_COOKIE_PATH);
    PLAIN.put("SESSION_COOKIE_NAME", Concept.SESSION_COOKIE_NAME);
    PLAIN.put("SESSION_COOKIE_AGE", Concept.SESSION_LIFETIME);
    PLAIN.put("CSRF_COOKIE_SECURE", Concept.CSRF_COOKIE_SECURE);
    PLAIN.put("CSRF_TRUSTED_ORIGINS", Concept.CSRF_TRUSTED_ORIGINS);
    PLAIN.put("USE_X_FORWARDED_HOST", Concept.TRUST_FORWARDED_HOST);
    PLAIN.put("ALLOWED_HOSTS", Concept.ALLOWED_HOSTS);
    PLAIN.put("FORCE_SCRIPT_NAME", Concept.PATH_PREFIX);
    PLAIN.put("DEBUG", Concept.DEBUG);
  }

  private DjangoReader() {}

  static void read(PyProject project, Found out) {
    Map<PyModule, Namespace> candidates = new LinkedHashMap<>();
    for (PyModule m : project.modules) {
      String t = m.text();
      if (!(t.contains("INSTALLED_APPS") || t.contains("MIDDLEWARE") || t.contains("ROOT_URLCONF") || t.contains("import *"))) continue;
      Namespace ns = Namespace.of(m, project);
      if (ns.get("INSTALLED_APPS") != null || ns.get("MIDDLEWARE") != null || ns.get("ROOT_URLCONF") != null) candidates.put(m, ns);
    }
    if (candidates.isEmpty()) return;
    String[] why = {null};
    PyModule chosen = choose(project, candidates, why);
    if (chosen == null) return;
    emit(chosen, candidates.get(chosen), why[0], out);
  }

  /** The settings module production runs with; {@code why[0]} says what was assumed, if anything. */
  private static @Nullable PyModule choose(PyProject project, Map<PyModule, Namespace> candidates, String[] why) {
    List<String> named = new ArrayList<>();
    for (DeploySetting s : project.env.getOrDefault(VAR, List.of())) if (!named.contains(s.value())) named.add(s.value());
    List<PyModule> selected = new ArrayList<>();
    for (String n : named) {
      PyModule m = project.module(n);
      if (m != null && candidates.containsKey(m) && !selected.contains(m)) selected.add(m);
    }
    if (selected.size() == 1) return selected.get(0);
    if (selected.size() > 1) {
      PyModule prod = production(selected);
      why[0] = prod.file() + " assumed: the deployment files name several settings modules (" + String.join(", ", named) + ")";
      return prod;
    }
    // the default the entry points set: wsgi.py/asgi.py are what app servers import, manage.py runs commands
    for (String entry : List.of("wsgi", "asgi", "manage")) {
      for (PyModule m : project.modules) {
        if (!(m.name().equals(entry) || m.name().endsWith("." + entry))) continue;
        String d = setdefault(m.statements());
        PyModule target = d == null ? null : project.module(d);
        if (target != null && candidates.containsKey(target)) {
          why[0] = target.file() + " assumed: " + m.file() + "'s default (no " + VAR + " in the deployment files)";
          return target;
        }
      }
    }
    List<PyModule> leaves = leaves(project, candidates);
    PyModule prod = production(leaves.isEmpty() ? List.copyOf(candidates.keySet()) : leaves);
    if (candidates.size() > 1) why[0] = prod.file() + " assumed: no " + VAR + " in the deployment files or entry points";
    return prod;
  }

  /** The modules no other settings module star-imports. */
  private static List<PyModule> leaves(PyProject project, Map<PyModule, Namespace> candidates) {
    List<PyModule> imported = new ArrayList<>();
    for (PyModule m : candidates.keySet()) {
      for (PyStmt s : m.statements()) {
        if (s instanceof PyStmt.Import i && i.names().equals(List.of("*"))) {
          PyModule o = project.module(m.absolute(i.module()));
          if (o != null) imported.add(o);
        }
      }
    }
    return candidates.keySet().stream().filter(m -> !imported.contains(m)).toList();
  }

  /** The module whose name says production ({@code production}, {@code prod}), else the first not named for development. */
  static PyModule production(List<PyModule> modules) {
    for (PyModule m : modules) if (m.name().toLowerCase(Locale.ROOT).matches(".*\\b(production|prod)\\b.*|.*[._](production|prod)$")) return m;
    for (PyModule m : modules) if (!m.name().toLowerCase(Locale.ROOT).matches(".*(dev|local|test|ci).*")) return m;
    return modules.get(0);
  }

  /** {@code os.environ.setdefault("DJANGO_SETTINGS_MODULE", "x")} anywhere in the statements. */
  private static @Nullable String setdefault(List<PyStmt> statements) {
    for (PyStmt s : statements) {
      if (s instanceof PyStmt.Expr(PyExpr.Call c, int line) && c.funcName().endsWith("environ.setdefault") && c.args().size() == 2
          && c.args().get(0) instanceof PyExpr.Str k && k.value().equals(VAR) && c.args().get(1) instanceof PyExpr.Str v) {
        return v.value();
      }
      if (s instanceof PyStmt.Block b) {
        String inner = setdefault(b.body());
        if (inner != null) return inner;
      }
    }
    return null;
  }

  private static void emit(PyModule chosen, Namespace ns, @Nullable String why, Found out) {
    PyValues values = new PyValues(ns);
    for (Map.Entry<String, Concept> e : PLAIN.entrySet()) {
      Namespace.Bound b = ns.get(e.getKey());
      if (b == null) continue;
      out.add(FRAMEWORK, e.getValue(), e.getKey(), value(values, e.getKey(), b), b.module().file(), b.line(), why);
    }
    Namespace.Bound proxy = ns.get("SECURE_PROXY_SSL_HEADER");
    if (proxy == null) {
      out.add(FRAMEWORK, Concept.TRUST_FORWARDED_PROTO, "SECURE_PROXY_SSL_HEADER", new Value.Literal("false"), chosen.file(), chosen.firstLine(),
          Found.both(why, "SECURE_PROXY_SSL_HEADER not set: Django's default (None) trusts no header"));
    } else {
      out.add(FRAMEWORK, Concept.TRUST_FORWARDED_PROTO, "SECURE_PROXY_SSL_HEADER", proxyHeader(values, proxy), proxy.module().file(), proxy.line(), why);
    }
    store(chosen, ns, values, why, out);
  }

  private static Value value(PyValues values, String key, Namespace.Bound b) {
    if (b.condition() != null) return new Value.Computed(key + " set under: " + b.condition());
    return values.of(b.expr());
  }

  /** {@code ("HTTP_X_FORWARDED_PROTO", "https")} → {@code X-Forwarded-Proto}; None → false. */
  private static Value proxyHeader(PyValues values, Namespace.Bound b) {
    if (b.condition() != null) return new Value.Computed("SECURE_PROXY_SSL_HEADER set under: " + b.condition());
    if (b.expr() instanceof PyExpr.Const c && c.name().equals("None")) return new Value.Literal("false");
    if (b.expr() instanceof PyExpr.Seq s && s.items().size() == 2 && values.literal(s.items().get(0)) != null) {
      String meta = values.literal(s.items().get(0));
      return new Value.Literal(header(meta));
    }
    return values.of(b.expr());
  }

  /** A WSGI environ key as the header it carries: {@code HTTP_X_FORWARDED_PROTO} → {@code X-Forwarded-Proto}. */
  static String header(String meta) {
    String h = meta.startsWith("HTTP_") ? meta.substring(5) : meta;
    StringBuilder sb = new StringBuilder();
    for (String part : h.split("_")) {
      if (part.isEmpty()) continue;
      if (sb.length() > 0) sb.append('-');
      sb.append(part.charAt(0)).append(part.substring(1).toLowerCase(Locale.ROOT));
    }
    return sb.toString();
  }

  /** {@code SESSION_ENGINE} (default: the database) and, for the cache engines, the cache they use. */
  private static void store(PyModule chosen, Namespace ns, PyValues values, @Nullable String why, Found out) {
    Namespace.Bound engine = ns.get("SESSION_ENGINE");
    String name = engine == null ? "django.contrib.sessions.backends.db" : values.literal(engine.expr());
    String file = engine == null ? chosen.file() : engine.module().file();
    int line = engine == null ? chosen.firstLine() : engine.line();
    String note = engine == null ? "SESSION_ENGINE not set: Django's default (the database)" : null;
    if (name == null || (engine != null && engine.condition() != null)) {
      out.add(FRAMEWORK, Concept.SESSION_STORE, "SESSION_ENGINE", value(values, "SESSION_ENGINE", engine), file, line, why);
      return;
    }
    String store;
    String key = "SESSION_ENGINE";
    if (name.endsWith(".cache") || name.endsWith(".cached_db")) {
      Namespace.Bound aliasAt = ns.get("SESSION_CACHE_ALIAS");
      String alias = aliasAt == null ? "default" : values.literal(aliasAt.expr());
      Namespace.Bound caches = ns.get("CACHES");
      String backend = caches == null ? "django.core.cache.backends.locmem.LocMemCache" : backend(caches, alias);
      if (caches != null) {
        file = caches.module().file();
        line = caches.line();
        key = "CACHES['" + alias + "'] BACKEND";
      } else {
        note = "CACHES not set: Django's default cache is per process (LocMemCache)";
      }
      if (backend == null || caches != null && caches.condition() != null) {
        out.add(FRAMEWORK, Concept.SESSION_STORE, key, new Value.Computed("CACHES" + (caches != null && caches.condition() != null
            ? " set under: " + caches.condition() : "")), file, line, why);
        return;
      }
      store = name.endsWith(".cached_db") ? "database" : cacheStore(backend);
    } else {
      store = engineStore(name);
    }
    out.add(FRAMEWORK, Concept.SESSION_STORE, key, new Value.Literal(store), file, line, Found.both(why, note));
  }

  private static @Nullable String backend(Namespace.Bound caches, @Nullable String alias) {
    if (!(caches.expr() instanceof PyExpr.Dict d) || alias == null) return null;
    for (int i = 0; i < d.keys().size(); i++) {
      if (d.keys().get(i) instanceof PyExpr.Str k && k.value().equals(alias) && d.values().get(i) instanceof PyExpr.Dict inner) {
        for (int j = 0; j < inner.keys().size(); j++) {
          if (inner.keys().get(j) instanceof PyExpr.Str bk && bk.value().equals("BACKEND") && inner.values().get(j) instanceof PyExpr.Str v) {
            return v.value();
          }
        }
      }
    }
    return null;
  }

  private static String cacheStore(String backend) {
    String b = backend.toLowerCase(Locale.ROOT);
    if (b.contains("locmem") || b.contains("dummy")) return "memory";
    if (b.contains("filebased")) return "file";
    if (b.contains("redis")) return "redis";
    if (b.contains("db.databasecache")) return "database";
    if (b.contains("memcache")) return "cache:memcached";
    return "cache:" + backend;
  }

  private static String engineStore(String engine) {
    String e = engine.toLowerCase(Locale.ROOT);
    if (e.endsWith(".signed_cookies")) return "cookie";
    if (e.endsWith(".file")) return "file";
    if (e.endsWith(".db")) return "database";
    if (e.contains("redis")) return "redis";
    return "cache:" + engine;
  }
}
