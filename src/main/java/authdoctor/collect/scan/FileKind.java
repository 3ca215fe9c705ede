package authdoctor.collect.scan;

import java.nio.file.Path;
import java.util.Locale;
import java.util.regex.Pattern;

/** What a file is to the scan, decided by its name and confirmed by its first bytes. */
public enum FileKind {
  NGINX,
  /** A dotenv file ({@code .env}, {@code .env.production}, {@code prod.env}); examples and templates are not. */
  ENV,
  REDIS,
  /** A docker compose file ({@code compose.yaml}, {@code docker-compose.*.yml}, or YAML with {@code services:} at the top). */
  COMPOSE,
  /** Kubernetes manifests (YAML with {@code apiVersion:} and {@code kind:} at the top; Helm templates are not). */
  KUBERNETES,
  DOCKERFILE,
  /** A systemd unit ({@code *.service}). */
  SYSTEMD,
  PROCFILE,
  /** {@code gunicorn.conf.py} (any {@code *gunicorn*.py}). */
  GUNICORN,
  /** A shell script ({@code *.sh}, {@code entrypoint}, {@code docker-entrypoint}). */
  SCRIPT,
  /** Python source, read for the settings of Django, Flask and FastAPI/Starlette apps. */
  PYTHON,
  /** A PM2 ecosystem file ({@code ecosystem.config.js}, {@code ecosystem.json}). */
  PM2,
  /** JavaScript that imports Express or the middleware the Express reader reads. */
  JS,
  /** Spring Boot's {@code application[-profile].properties|yml}. */
  SPRING,
  /** Java source with Spring Security or CORS configuration. */
  JAVA,
  OTHER;

  private static final Pattern NGINX_CONTENT =
      Pattern.compile("(?m)^\\s*(?:(?:server|http|upstream|location|events)\\b[^;{]*\\{|proxy_pass\\s|listen\\s+\\S+.*;|server_name\\s)");
  private static final Pattern COMPOSE_NAME = Pattern.compile("(?:docker-)?compose(?:[.-].*)?\\.ya?ml|.*\\.compose\\.ya?ml");
  private static final Pattern COMPOSE_CONTENT = Pattern.compile("(?m)^services:");
  private static final Pattern K8S_API = Pattern.compile("(?m)^apiVersion:");
  private static final Pattern K8S_KIND = Pattern.compile("(?m)^kind:");

  /** The kind its name alone gives, or null when the content decides (or it is not worth opening). */
  private static FileKind byName(String name) {
    if (env(name)) return ENV;
    if (name.contains("redis") && name.endsWith(".conf")) return REDIS;
    if (name.equals("dockerfile") || name.startsWith("dockerfile.") || name.endsWith(".dockerfile")) return DOCKERFILE;
    if (name.endsWith(".service")) return SYSTEMD;
    if (name.equals("procfile") || name.startsWith("procfile.")) return PROCFILE;
    if (name.contains("gunicorn") && name.endsWith(".py")) return GUNICORN;
    if (name.endsWith(".sh") || name.equals("entrypoint") || name.equals("docker-entrypoint")) return SCRIPT;
    if (name.endsWith(".py")) return PYTHON;
    return OTHER;
  }

  /** Whether the name alone makes the file worth opening. */
  public static boolean candidate(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    String parent = file.getParent() == null || file.getParent().getFileName() == null
        ? "" : file.getParent().getFileName().toString().toLowerCase(Locale.ROOT);
    return name.endsWith(".conf") || byName(name) != OTHER || app(name) || yaml(name) || name.startsWith("nginx") || name.endsWith(".nginx")
        || name.endsWith(".vhost") || parent.equals("sites-available") || parent.equals("sites-enabled") || parent.equals("conf.d")
        || parent.equals("nginx");
  }

  /** The kind of a candidate file from its name and text. */
  public static FileKind of(Path file, String text) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    FileKind named = byName(name);
    if (named != OTHER) return named;
    if (name.matches("ecosystem([.-][\\w-]+)?\\.(config\\.[cm]?js|json)")) return PM2;
    if (authdoctor.collect.scan.spring.SpringReader.configName(name)) return SPRING;
    if (name.matches(".*\\.[cm]?[jt]s")) return authdoctor.collect.scan.js.ExpressReader.candidate(text) ? JS : OTHER;
    if (name.endsWith(".java")) return SPRING_SECURITY.matcher(text).find() ? JAVA : OTHER;
    if (yaml(name)) {
      if (text.contains("{{")) return OTHER; // a template (Helm, Jinja): not YAML until rendered
      if (COMPOSE_NAME.matcher(name).matches() || COMPOSE_CONTENT.matcher(text).find()) return COMPOSE;
      return K8S_API.matcher(text).find() && K8S_KIND.matcher(text).find() ? KUBERNETES : OTHER;
    }
    if (name.endsWith(".py") || name.endsWith(".js") || name.endsWith(".json")) return OTHER;
    return NGINX_CONTENT.matcher(text).find() ? NGINX : OTHER;
  }

  private static final Pattern SPRING_SECURITY = Pattern.compile("HttpSecurity|CorsConfiguration|CorsRegistry");

  /** Application source and settings files: JavaScript, Java, Spring Boot's properties, a PM2 ecosystem. */
  private static boolean app(String name) {
    return name.matches(".*\\.([cm]?[jt]s|java|properties)") || name.matches("ecosystem.*\\.json");
  }

  private static boolean yaml(String name) {
    return name.endsWith(".yml") || name.endsWith(".yaml");
  }

  /** {@code .env*} or {@code *.env}, but not an example or template (placeholders are expected there). */
  private static boolean env(String name) {
    if (!(name.startsWith(".env") || name.endsWith(".env"))) return false;
    return !(name.contains("example") || name.contains("sample") || name.contains("template") || name.endsWith(".dist"));
  }
}
