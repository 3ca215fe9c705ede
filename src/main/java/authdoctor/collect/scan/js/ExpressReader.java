package authdoctor.collect.scan.js;

import authdoctor.collect.scan.js.JsModule.Found;
import authdoctor.collect.scan.js.JsNode.Arr;
import authdoctor.collect.scan.js.JsNode.Call;
import authdoctor.collect.scan.js.JsNode.Func;
import authdoctor.collect.scan.js.JsNode.Lit;
import authdoctor.collect.scan.js.JsNode.Member;
import authdoctor.collect.scan.js.JsNode.Obj;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads an Express application's source for the settings production runs with: {@code app.set('trust
 * proxy', …)}, {@code express-session} and {@code cookie-session} options, {@code cors({...})}, CSRF
 * middleware ({@code csurf}, {@code csrf-csrf}, {@code lusca}), {@code jsonwebtoken}/{@code express-jwt}
 * issuer and audience, and Passport strategies' callback URLs. Statements in non-production branches are
 * skipped (see {@link JsModule}).
 */
public final class ExpressReader {
  /** Text that makes a file worth reading as an Express application. */
  private static final Pattern EXPRESS = Pattern.compile(
      "['\"](express|express-session|cookie-session|cors|csurf|csrf-csrf|helmet|jsonwebtoken|express-jwt|passport-[\\w-]+|@node-saml/passport-saml)['\"]");

  private ExpressReader() {}

  /** Whether the text imports Express or one of the middleware this reader reads. */
  public static boolean candidate(String text) {
    return EXPRESS.matcher(text).find();
  }

  public static AppRead read(String file, String text) {
    JsModule m = JsModule.of(text);
    AppRead out = new AppRead("express", file, null);
    List<Token> tokens = m.tokens();
    JsParser parser = m.parser();
    boolean trustSet = false;
    int appLine = -1;
    for (int i = 1; i < tokens.size(); i++) {
      if (!tokens.get(i).is("(") || m.dead(i) || tokens.get(i - 1).kind() != Token.Kind.IDENT) continue;
      int start = i - 1;
      while (start >= 2 && tokens.get(start - 1).is(".") && tokens.get(start - 2).kind() == Token.Kind.IDENT) start -= 2;
      Call call = callEndingAt(parser.expressionAt(start), tokens.get(i - 1).end());
      if (call == null) continue;
      String method = tokens.get(i - 1).text();
      if ((method.equals("set") || method.equals("enable") || method.equals("disable")) && !call.args().isEmpty()
          && call.args().get(0) instanceof Lit l && l.text().equals("trust proxy")) {
        Value v = method.equals("set") ? (call.args().size() > 1 ? m.value(call.args().get(1)) : null)
            : new Value.Literal(String.valueOf(method.equals("enable")));
        trust(out, v, call.line());
        trustSet = true;
        continue;
      }
      String module = m.module(call.callee());
      if (module == null) continue;
      JsNode options = call.args().isEmpty() ? null : call.args().get(0);
      switch (module) {
        case "express" -> appLine = appLine < 0 ? call.line() : appLine;
        case "express-session" -> session(m, out, call, options);
        case "cookie-session" -> cookieSession(m, out, call, options);
        case "cors" -> cors(m, out, call, options);
        case "csurf", "csrf-csrf#doubleCsrf", "lusca#csrf", "tiny-csrf", "csrf-sync#csrfSync" ->
            out.add(Concept.CSRF_ENABLED, module.replace('#', '.') + "()", new Value.Literal("true"), call.line());
        case "jsonwebtoken#sign" -> jwt(m, out, call.args().size() > 2 ? call.args().get(2) : null, true);
        case "jsonwebtoken#verify" -> jwt(m, out, call.args().size() > 2 ? call.args().get(2) : null, false);
        case "express-jwt", "express-jwt#expressjwt", "express-jwt#expressJwt" -> jwt(m, out, options, false);
        case "helmet" -> frameAncestors(m, out, options, "contentSecurityPolicy", "directives");
        case "helmet#contentSecurityPolicy" -> frameAncestors(m, out, options, "directives");
        default -> {
          if (module.startsWith("passport-") || module.contains("passport-saml")) callback(m, out, module, options);
        }
      }
    }
    if (appLine > 0 && !trustSet) {
      // Express's default: X-Forwarded-* are not trusted (req.protocol is the socket's)
      out.add(Concept.TRUST_FORWARDED_PROTO, "trust proxy (not set)", new Value.Literal("false"), appLine);
    }
    return out;
  }

  /** The call whose callee ends at {@code calleeEnd}, inside {@code n}. */
  private static @Nullable Call callEndingAt(JsNode n, int calleeEnd) {
    for (int guard = 0; guard < 64; guard++) {
      switch (n) {
        case Call c when c.callee().end() == calleeEnd -> {
          return c;
        }
        case Call c -> n = c.callee();
        case Member mm -> n = mm.object();
        default -> {
          return null;
        }
      }
    }
    return null;
  }

  /** {@code app.set('trust proxy', v)}: trusts X-Forwarded-Proto and X-Forwarded-Host alike (Express 4 req.protocol, req.hostname). */
  private static void trust(AppRead out, @Nullable Value v, int line) {
    if (v == null) v = new Value.Literal("false");
    out.add(Concept.TRUST_FORWARDED_PROTO, "trust proxy", v, line);
    out.add(Concept.TRUST_FORWARDED_HOST, "trust proxy", v, line);
  }

  private static void session(JsModule m, AppRead out, Call call, @Nullable JsNode options) {
    Found store = options == null ? null : m.property(options, "store");
    if (store == null) {
      out.add(Concept.SESSION_STORE, "session({store}) (not set: MemoryStore)", new Value.Literal("memory"), call.line());
    } else {
      out.add(Concept.SESSION_STORE, "session({store})", store(m, store.value()), store.line());
    }
    if (options == null) return;
    setting(m, out, options, Concept.SESSION_SECRET, "session({secret})", "secret");
    setting(m, out, options, Concept.SESSION_COOKIE_NAME, "session({name})", "name");
    setting(m, out, options, Concept.TRUST_FORWARDED_PROTO, "session({proxy})", "proxy");
    cookie(m, out, options, "session({cookie.%s})", "cookie");
  }

  private static void cookieSession(JsModule m, AppRead out, Call call, @Nullable JsNode options) {
    out.add(Concept.SESSION_STORE, "cookieSession()", new Value.Literal("cookie"), call.line());
    if (options == null) return;
    setting(m, out, options, Concept.SESSION_SECRET, "cookieSession({keys})", "keys");
    setting(m, out, options, Concept.SESSION_SECRET, "cookieSession({secret})", "secret");
    setting(m, out, options, Concept.SESSION_COOKIE_NAME, "cookieSession({name})", "name");
    cookie(m, out, options, "cookieSession({%s})");
  }

  /** The cookie options of express-session ({@code cookie: {...}}) or cookie-session (top level). */
  private static void cookie(JsModule m, AppRead out, JsNode options, String key, String... prefix) {
    String[][] names = {{"secure"}, {"httpOnly"}, {"sameSite"}, {"domain"}, {"path"}, {"maxAge"}};
    Concept[] concepts = {Concept.SESSION_COOKIE_SECURE, Concept.SESSION_COOKIE_HTTPONLY, Concept.SESSION_COOKIE_SAMESITE,
        Concept.SESSION_COOKIE_DOMAIN, Concept.SESSION_COOKIE_PATH, Concept.SESSION_LIFETIME};
    for (int k = 0; k < names.length; k++) {
      String[] path = new String[prefix.length + 1];
      System.arraycopy(prefix, 0, path, 0, prefix.length);
      path[prefix.length] = names[k][0];
      Found f = m.property(options, path);
      if (f == null) continue;
      Value v = m.value(f.value());
      if (concepts[k] == Concept.SESSION_COOKIE_SAMESITE) v = sameSite(v);
      if (concepts[k] == Concept.SESSION_LIFETIME) v = seconds(v);
      out.add(concepts[k], String.format(key, names[k][0]), v, f.line());
    }
  }

  /** {@code sameSite: true} is Strict; a string in the convention's capitalisation. */
  private static @Nullable Value sameSite(@Nullable Value v) {
    if (!(v instanceof Value.Literal(String text))) return v;
    String t = text.toLowerCase(Locale.ROOT);
    return new Value.Literal(switch (t) {
      case "true", "strict" -> "Strict";
      case "lax" -> "Lax";
      case "none" -> "None";
      case "false" -> "";
      default -> text;
    });
  }

  /** {@code maxAge} in milliseconds → seconds. */
  private static @Nullable Value seconds(@Nullable Value v) {
    if (!(v instanceof Value.Literal(String text))) return v;
    try {
      return new Value.Literal(String.valueOf(Long.parseLong(text.replace("_", "")) / 1000));
    } catch (NumberFormatException e) {
      return v;
    }
  }

  private static void setting(JsModule m, AppRead out, JsNode options, Concept concept, String key, String... path) {
    Found f = m.property(options, path);
    if (f == null) return;
    JsNode value = m.resolve(f.value());
    // a list of secrets signs with the first (express-session, cookie-session's keys)
    if (concept == Concept.SESSION_SECRET && value instanceof Arr a && !a.items().isEmpty()) value = a.items().get(0);
    out.add(concept, key, m.value(value), f.line());
  }

  /** What a {@code store:} option keeps sessions in. */
  private static Value store(JsModule m, JsNode store) {
    JsNode s = m.resolve(store);
    if (s instanceof JsNode.Cond c && m.classify(c.test()) != JsModule.Branch.UNKNOWN) {
      s = m.resolve(m.classify(c.test()) == JsModule.Branch.PRODUCTION ? c.then() : c.otherwise());
      if (s instanceof Lit l && (l.kind() == Lit.Kind.UNDEFINED || l.kind() == Lit.Kind.NULL)) return new Value.Literal("memory");
    }
    String module = s instanceof Call c ? m.module(c.callee()) : null;
    if (module == null && s instanceof Call c && c.callee() instanceof Member mm) module = m.module(mm.object());
    if (module == null) return new Value.Computed(m.text(s));
    String name = module.toLowerCase(Locale.ROOT);
    if (name.contains("memorystore") || name.endsWith("#memorystore") || name.contains("#memorystore")) return new Value.Literal("memory");
    if (name.contains("redis") || name.contains("valkey")) return new Value.Literal("redis");
    if (name.contains("mongo") || name.contains("pg") || name.contains("sequelize") || name.contains("mysql") || name.contains("knex")
        || name.contains("sqlite") || name.contains("prisma") || name.contains("typeorm") || name.contains("dynamodb")) {
      return new Value.Literal("database");
    }
    if (name.contains("file-store")) return new Value.Literal("file");
    if (name.contains("memcache")) return new Value.Literal("cache:memcached");
    return new Value.Computed(m.text(store));
  }

  private static void cors(JsModule m, AppRead out, Call call, @Nullable JsNode options) {
    if (options == null) {
      out.add(Concept.CORS_ORIGINS, "cors()", new Value.Literal("*"), call.line());
      return;
    }
    Found origin = m.property(options, "origin");
    if (origin == null) {
      out.add(Concept.CORS_ORIGINS, "cors({origin}) (not set)", new Value.Literal("*"), call.line());
    } else {
      JsNode o = m.resolve(origin.value());
      Value v = o instanceof Func ? new Value.Computed("origin function " + m.text(o)) : m.value(o);
      if (v instanceof Value.Literal(String text) && text.equals("true")) v = new Value.Literal("reflect");
      if (!(v instanceof Value.Literal(String text) && text.equals("false"))) out.add(Concept.CORS_ORIGINS, "cors({origin})", v, origin.line());
    }
    setting(m, out, options, Concept.CORS_CREDENTIALS, "cors({credentials})", "credentials");
  }

  /** Issuer and audience a token is signed with ({@code sign}) or must carry ({@code verify}, express-jwt). */
  private static void jwt(JsModule m, AppRead out, @Nullable JsNode options, boolean signs) {
    if (options == null) return;
    JsNode o = options;
    setting(m, out, o, signs ? Concept.TOKEN_ISSUER : Concept.JWT_ISSUER, signs ? "jwt.sign({issuer})" : "jwt.verify({issuer})", "issuer");
    setting(m, out, o, signs ? Concept.TOKEN_AUDIENCE : Concept.JWT_AUDIENCE, signs ? "jwt.sign({audience})" : "jwt.verify({audience})", "audience");
    Found secret = m.property(o, "secret");
    if (secret != null && m.resolve(secret.value()) instanceof Call c && c.args().size() == 1) {
      Found uri = m.property(c.args().get(0), "jwksUri");
      if (uri != null) out.add(Concept.JWKS_URI, "jwksUri", m.value(uri.value()), uri.line());
    }
  }

  /** helmet's CSP {@code frame-ancestors}: who may embed the app (cookies in a cross-site frame follow SameSite). */
  private static void frameAncestors(JsModule m, AppRead out, @Nullable JsNode options, String... path) {
    if (options == null) return;
    for (String name : List.of("frameAncestors", "frame-ancestors")) {
      String[] full = java.util.Arrays.copyOf(path, path.length + 1);
      full[path.length] = name;
      Found f = m.property(options, full);
      if (f != null) out.add(Concept.FRAME_ANCESTORS, "helmet({contentSecurityPolicy.directives." + name + "})", m.value(f.value()), f.line());
    }
  }

  /** A Passport strategy's callback: SAML posts the assertion; OAuth/OIDC redirects unless it asks for {@code form_post}. */
  private static void callback(JsModule m, AppRead out, String module, @Nullable JsNode options) {
    if (options == null) return;
    for (String name : List.of("callbackURL", "callbackUrl", "redirectUrl", "redirect_uri", "redirectURI")) {
      Found f = m.property(options, name);
      if (f == null) continue;
      Value v = m.value(f.value());
      Found mode = m.property(options, "responseMode");
      boolean post = module.contains("saml") || (mode != null && m.value(mode.value()) instanceof Value.Literal(String t) && t.equals("form_post"));
      if (v instanceof Value.Literal(String text)) v = new Value.Literal((post ? "POST " : "GET ") + text);
      out.add(Concept.LOGIN_CALLBACK, module + " " + name, v, f.line());
      return;
    }
  }
}
