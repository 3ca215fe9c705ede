package authdoctor.check;

import authdoctor.cookie.SetCookieParser;
import authdoctor.framework.AuthServer;
import authdoctor.framework.AuthServers;
import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Guesses the deployment's stack from what was observed: the cookie names that identify a framework
 * ({@link Frameworks}: {@code sessionid} → Django, {@code connect.sid} → Express, {@code JSESSIONID}/{@code
 * SESSION} → Spring, {@code session} → Flask or Starlette, {@code _*_session} → Rails), {@code Server} and
 * {@code X-Powered-By} headers, and
 * Express's own redirect body ({@code Found. Redirecting to /}), and the login software in the flow
 * ({@link AuthServers}: Keycloak by its cookies and endpoints, Apache httpd by its {@code Server} header and
 * mod_auth_openidc's cookies).
 * A guess only picks which fix is shown first; every fix stays in the report.
 */
public final class StackDetector {
  private static final java.util.regex.Pattern EXPRESS_REDIRECT = java.util.regex.Pattern.compile(
      "^(<p>)?(Found|See Other|Moved Permanently|Temporary Redirect|Permanent Redirect)\\. Redirecting to ");

  private StackDetector() {}

  public static Stack detect(Observations o) {
    String framework = null;
    String proxy = null;
    String server = null;
    java.util.Set<AuthServer> login = new java.util.HashSet<>();
    for (CookieSetEvent e : o.of(CookieSetEvent.class)) {
      if (framework == null) framework = frameworkOfCookie(e.result().name());
      for (AuthServer a : AuthServers.ALL) if (a.setsCookie(e.result().name())) login.add(a);
    }
    for (HttpExchange x : o.of(HttpExchange.class)) {
      for (String line : x.responseHeaders("Set-Cookie")) {
        String name = SetCookieParser.parse(line).name();
        if (framework == null && !name.isEmpty()) framework = frameworkOfCookie(name);
        for (AuthServer a : AuthServers.ALL) if (!name.isEmpty() && a.setsCookie(name)) login.add(a);
      }
      for (AuthServer a : AuthServers.ALL) {
        if (a.answersAs(x.responseHeader("Server").orElse("")) || a.serves(x.url().getRawPath())) login.add(a);
      }
      String s = x.responseHeader("Server").orElse("").toLowerCase(Locale.ROOT);
      if (proxy == null && s.startsWith("nginx")) proxy = "nginx";
      if (server == null && s.startsWith("gunicorn")) server = "gunicorn";
      if (server == null && s.startsWith("uvicorn")) server = "uvicorn";
      if (framework == null && s.startsWith("werkzeug")) framework = "flask";
      if (framework == null && x.responseHeader("X-Powered-By").orElse("").equalsIgnoreCase("Express")) framework = "express";
      // Express's res.redirect() body, which stays when X-Powered-By is disabled.
      if (framework == null && x.isRedirect() && EXPRESS_REDIRECT.matcher(x.body()).find()) framework = "express";
    }
    if (proxy == null && o.has(authdoctor.observation.NginxServer.class)) proxy = "nginx";
    if ("uvicorn".equals(server) && (framework == null || framework.equals("flask"))) framework = "fastapi";
    return new Stack(proxy, framework, server, AuthServers.ALL.stream().filter(login::contains).map(AuthServer::key).toList());
  }

  /** The framework this cookie name identifies ({@link Frameworks#identifiedBy}), or null. */
  public static @Nullable String frameworkOfCookie(String name) {
    return Frameworks.identifiedBy(name).map(Framework::key).orElse(null);
  }
}
