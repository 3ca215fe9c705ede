package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cookie.path-excludes-route} in nginx files: {@code proxy_cookie_path} rewrites the app's
 * {@code Path} to one the location's own URLs do not path-match (RFC 6265bis §5.1.4): {@code
 * proxy_cookie_path / /api/;} in {@code location /app/} stores the session for {@code /api/}, so it is
 * never sent back to {@code /app/}. Regex locations are not judged.
 */
@CheckSpec(id = "cookie.path-excludes-route", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class CookiePathExcludesRouteInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<Location, Evidence> out = new LinkedHashMap<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      List<String> args = r.block().args();
      if (!r.block().name().equals("location") || args.isEmpty() || args.get(0).startsWith("~")) continue;
      String route = args.get(args.size() - 1);
      for (NginxDirective d : r.effective("proxy_cookie_path")) {
        if (d.args().size() != 2 || d.arg(1).contains("$")) continue;
        // "proxy_cookie_path / "/; secure"" adds attributes after the path: the path is what precedes ';'.
        String path = d.arg(1).split(";", 2)[0].strip();
        if (!path.startsWith("/") || pathMatches(route, path)) continue;
        out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r),
            "Path=" + path + " does not cover " + route + ": the cookie is stored but never sent there"));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(List.copyOf(out.values())));
  }

  /** §5.1.4: the request path equals the cookie path, or continues it after a '/'. */
  static boolean pathMatches(String requestPath, String cookiePath) {
    if (requestPath.equals(cookiePath)) return true;
    if (!requestPath.startsWith(cookiePath)) return false;
    return cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/';
  }
}
