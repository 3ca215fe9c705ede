package authdoctor.collect.scan.spring;

import authdoctor.collect.scan.js.AppRead;
import authdoctor.collect.scan.js.JsLexer;
import authdoctor.collect.scan.js.Token;
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
 * Reads a Spring Boot application's {@code application.properties}/{@code .yml} and its profile files
 * ({@code application-prod.yml}, YAML documents with {@code spring.config.activate.on-profile}) into the
 * settings in effect for the active profiles (Spring Boot's externalized configuration: a profile's file
 * overrides the default one), with {@code ${VAR:default}} placeholders as environment lookups; and the
 * plain Java security configuration ({@code csrf(c -> c.disable())}, {@code CookieCsrfTokenRepository},
 * CORS origins and credentials).
 */
public final class SpringReader {
  /** One property as written: its value and where. */
  public record Property(String key, String value, String file, int line) {}

  /** The properties of one file, for a profile ({@code ""} for the default document). */
  public record Source(String file, String profile, List<Property> properties) {}

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}:]+)(?::([^}]*))?}");
  private static final Map<String, Concept> CONCEPTS = Map.ofEntries(
      Map.entry("server.servlet.session.cookie.secure", Concept.SESSION_COOKIE_SECURE),
      Map.entry("server.servlet.session.cookie.http-only", Concept.SESSION_COOKIE_HTTPONLY),
      Map.entry("server.servlet.session.cookie.same-site", Concept.SESSION_COOKIE_SAMESITE),
      Map.entry("server.servlet.session.cookie.domain", Concept.SESSION_COOKIE_DOMAIN),
      Map.entry("server.servlet.session.cookie.path", Concept.SESSION_COOKIE_PATH),
      Map.entry("server.servlet.session.cookie.name", Concept.SESSION_COOKIE_NAME),
      Map.entry("server.servlet.session.timeout", Concept.SESSION_LIFETIME),
      Map.entry("server.servlet.context-path", Concept.PATH_PREFIX),
      Map.entry("spring.session.store-type", Concept.SESSION_STORE),
      Map.entry("spring.security.oauth2.resourceserver.jwt.issuer-uri", Concept.JWT_ISSUER),
      Map.entry("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", Concept.JWKS_URI),
      Map.entry("spring.security.oauth2.resourceserver.jwt.audiences", Concept.JWT_AUDIENCE),
      Map.entry("spring.security.oauth2.authorizationserver.issuer", Concept.TOKEN_ISSUER));

  private SpringReader() {}

  /** Whether a file name is one of Spring Boot's configuration files ({@code application[-profile].properties|yml|yaml}). */
  public static boolean configName(String name) {
    return name.matches("application(-[\\w.-]+)?\\.(properties|ya?ml)");
  }

  /** The profile a file name gives ({@code application-prod.yml} → {@code prod}), {@code ""} for none. */
  public static String profileOf(String name) {
    Matcher m = Pattern.compile("application-([\\w.-]+)\\.(properties|ya?ml)").matcher(name);
    return m.matches() ? m.group(1) : "";
  }

  /** A {@code .properties} file (java.util.Properties syntax: {@code key=value}, {@code key: value}, {@code #} comments, {@code \} continuation). */
  public static List<Property> properties(String file, String text) {
    List<Property> out = new ArrayList<>();
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      String l = lines[i].strip();
      int start = i;
      while (l.endsWith("\\") && i + 1 < lines.length) l = l.substring(0, l.length() - 1) + lines[++i].strip();
      if (l.isEmpty() || l.startsWith("#") || l.startsWith("!")) continue;
      int sep = -1;
      for (int k = 0; k < l.length(); k++) {
        char c = l.charAt(k);
        if (c == '\\') k++;
        else if (c == '=' || c == ':' || Character.isWhitespace(c)) {
          sep = k;
          break;
        }
      }
      String key = sep < 0 ? l : l.substring(0, sep).strip();
      String value = sep < 0 ? "" : l.substring(sep + 1).strip();
      if (value.startsWith("=") || value.startsWith(":")) value = value.substring(1).strip();
      out.add(new Property(key, value, file, start + 1));
    }
    return out;
  }

  /** Reads the application: the sources of all its files, the active profiles (null: not said by the deployment). */
  public static AppRead read(String file, List<Source> sources, @Nullable String deployedProfiles, @Nullable String deployedAt,
      List<JavaSource> java) {
    List<String> active = new ArrayList<>();
    String assumption = null;
    if (deployedProfiles != null) {
      for (String p : deployedProfiles.split(",")) if (!p.isBlank()) active.add(p.strip());
    } else {
      String fromDefault = null;
      for (Source s : sources) {
        if (!s.profile().isEmpty()) continue;
        for (Property p : s.properties()) if (norm(p.key()).equals(norm("spring.profiles.active"))) fromDefault = p.value();
      }
      if (fromDefault != null) {
        for (String p : fromDefault.split(",")) if (!p.isBlank()) active.add(p.strip());
      } else {
        List<String> known = sources.stream().map(Source::profile).filter(p -> !p.isEmpty()).distinct().toList();
        String prod = known.stream().filter(p -> p.matches("(?i)prod(uction)?")).findFirst().orElse(null);
        if (prod != null) {
          active.add(prod);
          assumption = "profile " + prod + " assumed: no SPRING_PROFILES_ACTIVE or spring.profiles.active in the deployment files";
        } else if (!known.isEmpty()) {
          assumption = "the default profile assumed: no SPRING_PROFILES_ACTIVE or spring.profiles.active in the deployment files";
        }
      }
    }
    Map<String, Property> effective = new LinkedHashMap<>();
    for (Source s : sources) if (s.profile().isEmpty()) s.properties().forEach(p -> effective.put(norm(p.key()), p));
    for (String profile : active) {
      for (Source s : sources) if (s.profile().equals(profile)) s.properties().forEach(p -> effective.put(norm(p.key()), p));
    }
    AppRead out = new AppRead("spring", file, assumption);
    boolean store = false;
    for (Map.Entry<String, Concept> e : CONCEPTS.entrySet()) {
      Property p = effective.get(norm(e.getKey()));
      if (p == null) continue;
      Value v = value(p.value(), effective);
      if (e.getValue() == Concept.SESSION_STORE) {
        store = true;
        if (v instanceof Value.Literal(String t)) v = new Value.Literal(switch (t.toLowerCase(Locale.ROOT)) {
          case "jdbc", "mongodb" -> "database";
          case "none" -> "memory";
          case "hazelcast" -> "cache:hazelcast";
          default -> t.toLowerCase(Locale.ROOT);
        });
      }
      if (e.getValue() == Concept.SESSION_COOKIE_SAMESITE && v instanceof Value.Literal(String t) && !t.isEmpty()) {
        v = new Value.Literal(t.substring(0, 1).toUpperCase(Locale.ROOT) + t.substring(1).toLowerCase(Locale.ROOT));
      }
      out.add(e.getValue(), p.key(), v, p.file(), p.line());
    }
    Property strategy = effective.get(norm("server.forward-headers-strategy"));
    if (strategy != null) {
      Value v = value(strategy.value(), effective);
      if (v instanceof Value.Literal(String t)) {
        // native: Tomcat's RemoteIpValve, trusting internal proxies; framework: ForwardedHeaderFilter, trusting any
        v = new Value.Literal(switch (t.toLowerCase(Locale.ROOT)) {
          case "native" -> "X-Forwarded-Proto";
          case "framework" -> "true";
          default -> "false";
        });
      }
      out.add(Concept.TRUST_FORWARDED_PROTO, strategy.key(), v, strategy.file(), strategy.line());
      out.add(Concept.TRUST_FORWARDED_HOST, strategy.key(), v, strategy.file(), strategy.line());
    }
    if (!store) {
      for (Property p : effective.values()) {
        String k = norm(p.key());
        if (k.startsWith(norm("spring.session.redis.")) || k.startsWith(norm("spring.session.jdbc."))) {
          out.add(Concept.SESSION_STORE, p.key(), new Value.Literal(k.contains("redis") ? "redis" : "database"), p.file(), p.line());
          break;
        }
      }
    }
    for (Property p : effective.values()) {
      Matcher m = Pattern.compile("spring\\.security\\.(oauth2\\.client|saml2\\.relyingparty)\\.registration\\.([^.]+)\\..*").matcher(p.key());
      if (m.matches()) {
        boolean saml = m.group(1).startsWith("saml2");
        out.add(Concept.LOGIN_CALLBACK, p.key(), new Value.Literal(saml ? "POST /login/saml2/sso/" + m.group(2) : "GET /login/oauth2/code/" + m.group(2)),
            p.file(), p.line());
        break;
      }
    }
    for (JavaSource j : java) security(j, out);
    return out;
  }

  /** A Java source file of the application. */
  public record JavaSource(String file, String text) {}

  /** Plain security configuration: CSRF switched off or kept in a cookie, CORS origins and credentials. */
  static void security(JavaSource j, AppRead out) {
    List<Token> t = JsLexer.lex(j.text());
    for (int i = 0; i + 2 < t.size(); i++) {
      Token k = t.get(i);
      if (k.is("csrf") && t.get(i + 1).is("(")) {
        int end = authdoctor.collect.scan.js.JsParser.skipBalanced(t, i + 1);
        boolean off = false;
        for (int x = i + 2; x < end; x++) off |= t.get(x).is("disable");
        if (!off && end + 2 < t.size() && t.get(end).is(".") && t.get(end + 1).is("disable")) off = true;
        if (off) out.add(Concept.CSRF_ENABLED, "csrf().disable()", new Value.Literal("false"), j.file(), k.line());
      } else if (k.is("CookieCsrfTokenRepository")) {
        out.add(Concept.CSRF_ENABLED, "CookieCsrfTokenRepository", new Value.Literal("true"), j.file(), k.line());
        i = i + 3;
      } else if ((k.is("setAllowedOrigins") || k.is("allowedOrigins") || k.is("addAllowedOrigin") || k.is("setAllowedOriginPatterns")
          || k.is("allowedOriginPatterns") || k.is("addAllowedOriginPattern")) && t.get(i + 1).is("(")) {
        int end = authdoctor.collect.scan.js.JsParser.skipBalanced(t, i + 1);
        List<String> origins = new ArrayList<>();
        boolean computed = false;
        for (int x = i + 2; x < end - 1; x++) {
          if (t.get(x).kind() == Token.Kind.STRING) origins.add(t.get(x).text());
          else if (t.get(x).kind() == Token.Kind.IDENT && !t.get(x).text().matches("List|of|Arrays|asList|Set")) computed = true;
        }
        Value v = computed || origins.isEmpty() ? new Value.Computed(k.text() + "(…)") : new Value.Literal(String.join(",", origins));
        out.add(Concept.CORS_ORIGINS, k.text(), v, j.file(), k.line());
      } else if (k.is("contentSecurityPolicy") && t.get(i + 1).is("(") && t.get(i + 2).kind() == Token.Kind.STRING) {
        Matcher fa = Pattern.compile("frame-ancestors\\s+([^;]+)").matcher(t.get(i + 2).text());
        if (fa.find()) {
          out.add(Concept.FRAME_ANCESTORS, "contentSecurityPolicy(frame-ancestors)",
              new Value.Literal(String.join(",", fa.group(1).strip().split("\\s+"))), j.file(), k.line());
        }
      } else if ((k.is("setAllowCredentials") || k.is("allowCredentials")) && t.get(i + 1).is("(") && t.get(i + 3).is(")")) {
        Token a = t.get(i + 2);
        if (a.is("true") || a.is("false")) out.add(Concept.CORS_CREDENTIALS, k.text(), new Value.Literal(a.text()), j.file(), k.line());
      }
    }
  }

  /** A property value: a literal, a {@code ${VAR:default}} placeholder (another property's, or the environment's). */
  static Value value(String raw, Map<String, Property> properties) {
    Matcher m = PLACEHOLDER.matcher(raw);
    if (!m.find()) return new Value.Literal(raw);
    if (m.start() == 0 && m.end() == raw.length()) {
      Property other = properties.get(norm(m.group(1)));
      if (other != null && !other.value().contains("${")) return new Value.Literal(other.value());
      return new Value.FromEnv(envName(m.group(1)), m.group(2));
    }
    return new Value.Computed(raw);
  }

  /** {@code LAB_JWT_ISSUER} stays; a property name read from the environment ({@code app.issuer}) by its relaxed form {@code APP_ISSUER}. */
  private static String envName(String name) {
    return name.contains(".") || name.contains("-") ? name.toUpperCase(Locale.ROOT).replace('.', '_').replace("-", "") : name;
  }

  /** Relaxed binding: {@code server.servlet.session.cookie.sameSite} is {@code …same-site}. */
  static String norm(String key) {
    return key.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }
}
