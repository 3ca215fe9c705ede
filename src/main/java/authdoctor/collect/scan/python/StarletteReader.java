package authdoctor.collect.scan.python;

import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Reads a FastAPI or Starlette app's middleware arguments (Starlette's middleware documentation gives
 * each parameter and its default): {@code SessionMiddleware} ({@code secret_key}, {@code
 * session_cookie}, {@code max_age}, {@code path}, {@code same_site}, {@code https_only}, {@code domain}),
 * {@code CORSMiddleware}, {@code TrustedHostMiddleware} and uvicorn's {@code ProxyHeadersMiddleware},
 * added with {@code app.add_middleware(...)}, listed as {@code Middleware(...)} in the app's {@code
 * middleware=[...]}, or wrapped around the app; and {@code root_path}. uvicorn's own forwarded-header
 * trust comes from its command line (an {@link authdoctor.observation.AppServer}).
 */
final class StarletteReader {
  static final String FRAMEWORK = "fastapi";

  private StarletteReader() {}

  static void read(PyProject project, Found out) {
    for (PyModule m : project.modules) {
      String t = m.text();
      if (!(t.contains("FastAPI(") || t.contains("Starlette(") || t.contains("add_middleware"))) continue;
      Namespace ns = Namespace.of(m, project);
      walk(m, m.statements(), new PyValues(ns), out);
    }
  }

  private static void walk(PyModule m, List<PyStmt> statements, PyValues values, Found out) {
    for (PyStmt s : statements) {
      switch (s) {
        case PyStmt.Assign a -> expression(m, a.value(), a.line(), values, out);
        case PyStmt.Expr e -> expression(m, e.expr(), e.line(), values, out);
        case PyStmt.Block b -> {
          if ((b.keyword().equals("if") || b.keyword().equals("elif")) && Boolean.TRUE.equals(Namespace.devOnly(b.header()))) continue;
          walk(m, b.body(), values, out);
        }
        case PyStmt.Import i -> {}
      }
    }
  }

  /** A call that adds middleware, or an app constructor with {@code middleware=[...]} and {@code root_path}. */
  private static void expression(PyModule m, PyExpr e, int line, PyValues values, Found out) {
    if (e instanceof PyExpr.Seq seq) {
      // middleware = [Middleware(SessionMiddleware, ...)], passed to the app later
      for (PyExpr item : seq.items()) {
        if (item instanceof PyExpr.Call mc && mc.funcName().endsWith("Middleware") && !mc.args().isEmpty()) {
          middleware(m, name(mc.args().get(0)), mc, 1, line, values, out);
        }
      }
      return;
    }
    if (!(e instanceof PyExpr.Call c)) return;
    String f = c.funcName();
    if (f.endsWith("add_middleware") && !c.args().isEmpty()) {
      middleware(m, name(c.args().get(0)), c, 1, line, values, out);
    } else if (f.endsWith("FastAPI") || f.endsWith("Starlette")) {
      PyExpr list = c.kwargs().get("middleware");
      if (list instanceof PyExpr.Seq) expression(m, list, line, values, out);
      PyExpr root = c.kwargs().get("root_path");
      if (root != null) out.add(FRAMEWORK, Concept.PATH_PREFIX, "root_path", values.of(root), m.file(), line, null);
    } else if (f.endsWith("Middleware")) {
      // app = SessionMiddleware(app, secret_key=...): the middleware wrapped around the app
      middleware(m, f.substring(f.lastIndexOf('.') + 1), c, 1, line, values, out);
    }
  }

  private static String name(PyExpr e) {
    String n = e instanceof PyExpr.Name name ? name.dotted() : e.text();
    return n.substring(n.lastIndexOf('.') + 1);
  }

  /** One middleware's arguments ({@code first} is the index of its first own positional parameter). */
  private static void middleware(PyModule m, String cls, PyExpr.Call c, int first, int line, PyValues values, Found out) {
    String file = m.file();
    switch (cls) {
      case "SessionMiddleware" -> {
        arg(c, first, "secret_key", Concept.SESSION_SECRET, null, file, line, values, out);
        arg(c, first + 1, "session_cookie", Concept.SESSION_COOKIE_NAME, "session", file, line, values, out);
        arg(c, first + 2, "max_age", Concept.SESSION_LIFETIME, "1209600", file, line, values, out);
        arg(c, first + 3, "path", Concept.SESSION_COOKIE_PATH, "/", file, line, values, out);
        arg(c, first + 4, "same_site", Concept.SESSION_COOKIE_SAMESITE, "lax", file, line, values, out);
        arg(c, first + 5, "https_only", Concept.SESSION_COOKIE_SECURE, "false", file, line, values, out);
        arg(c, first + 6, "domain", Concept.SESSION_COOKIE_DOMAIN, null, file, line, values, out);
        out.add(FRAMEWORK, Concept.SESSION_STORE, "SessionMiddleware", new Value.Literal("cookie"), file, line, null);
      }
      case "CORSMiddleware" -> {
        arg(c, first, "allow_origins", Concept.CORS_ORIGINS, "", file, line, values, out);
        arg(c, first + 4, "allow_credentials", Concept.CORS_CREDENTIALS, "false", file, line, values, out);
      }
      case "TrustedHostMiddleware" -> arg(c, first, "allowed_hosts", Concept.ALLOWED_HOSTS, "*", file, line, values, out);
      case "ProxyHeadersMiddleware" -> {
        PyExpr trusted = c.arg(first, "trusted_hosts");
        String t = trusted == null ? "127.0.0.1" : values.literal(trusted);
        Value v = t == null ? values.of(trusted) : new Value.Literal(List.of(t.split("[,\\s]+")).contains("*") ? "true" : "X-Forwarded-Proto");
        out.add(FRAMEWORK, Concept.TRUST_FORWARDED_PROTO, "ProxyHeadersMiddleware(trusted_hosts)", v, file, line,
            trusted == null ? "trusted_hosts not given: uvicorn's default 127.0.0.1" : null);
      }
      default -> {}
    }
  }

  private static void arg(PyExpr.Call c, int index, String name, Concept concept, @Nullable String fallback, String file, int line,
      PyValues values, Found out) {
    PyExpr given = c.arg(index, name);
    String key = c.args().isEmpty() ? name : name(c.args().get(0)) + "(" + name + ")";
    if (c.funcName().endsWith("Middleware") && !c.funcName().endsWith("add_middleware") && !c.funcName().equals("Middleware")) {
      key = c.funcName().substring(c.funcName().lastIndexOf('.') + 1) + "(" + name + ")";
    }
    if (given != null) out.add(FRAMEWORK, concept, key, values.of(given), file, line, null);
    else if (fallback != null) out.add(FRAMEWORK, concept, key, new Value.Literal(fallback), file, line, name + " not given: Starlette's default");
  }
}
