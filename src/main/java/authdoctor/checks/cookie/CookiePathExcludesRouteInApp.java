package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.AppSetting;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cookie.path-excludes-route} across the application and the proxy: the session cookie's {@code
 * Path} in effect does not path-match the public routes (RFC 6265bis §5.1.4): nginx proxies a location
 * above it ({@code location /} while {@code Path=/api}), so pages outside the path never receive the
 * cookie; or nginx mounts the app under a prefix it strips ({@code location /app/} → {@code
 * proxy_pass …/}) while the cookie's path is written without it. A location that rewrites cookie paths
 * ({@code proxy_cookie_path}) is not judged; sibling locations (other apps) are not either.
 */
@CheckSpec(id = "cookie.path-excludes-route", severity = Severity.ERROR, needs = AppSetting.class)
public final class CookiePathExcludesRouteInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxProxyRoute> routes = observations.of(NginxProxyRoute.class).stream()
        .filter(r -> r.path().startsWith("/") && r.effective("proxy_cookie_path").isEmpty()).toList();
    if (routes.isEmpty()) return List.of();
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.SESSION_COOKIE_PATH)) {
      String path = r.value().strip();
      if (path.isEmpty() || path.equals("/") || !path.startsWith("/")) continue;
      for (NginxProxyRoute route : routes) {
        String note = excluded(path, route);
        if (note == null) continue;
        List<Evidence> e = InEffect.withSource(ctx, r, note);
        out.addAll(e);
        out.add(InEffect.related(NginxEvidence.route(ctx, route, "the public route"), e.get(0)));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** Why the cookie misses this location's pages, or null when it does not. */
  private static String excluded(String path, NginxProxyRoute route) {
    String location = route.path();
    if (route.strippedPrefix() != null && !location.equals("/")) {
      String prefix = location.endsWith("/") ? location.substring(0, location.length() - 1) : location;
      if (!pathMatches(prefix + "/", path) && !pathMatches(path, prefix)) {
        return "Path=" + path + " is written without the prefix " + prefix + " nginx strips: the browser never sends the cookie to "
            + prefix + "/…";
      }
      return null;
    }
    if (pathMatches(path, location) && !pathMatches(location, path)) {
      return "Path=" + path + " is narrower than the location " + location + " nginx proxies: pages outside " + path + " never receive the cookie";
    }
    return null;
  }

  /** §5.1.4: whether request path {@code request} path-matches cookie path {@code cookie}. */
  private static boolean pathMatches(String request, String cookie) {
    if (request.equals(cookie)) return true;
    if (!request.startsWith(cookie)) return false;
    return cookie.endsWith("/") || request.charAt(cookie.length()) == '/';
  }
}
