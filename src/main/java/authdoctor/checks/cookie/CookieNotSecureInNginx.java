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
 * {@code cookie.not-secure} in nginx files: on a server with TLS, {@code proxy_cookie_flags … nosecure}
 * removes the {@code Secure} attribute the app set (ngx_http_proxy_module, "proxy_cookie_flags", 1.19.3).
 */
@CheckSpec(id = "cookie.not-secure", severity = Severity.WARN, needs = NginxProxyRoute.class)
public final class CookieNotSecureInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<Location, Evidence> out = new LinkedHashMap<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      if (!r.server().tls()) continue;
      for (NginxDirective d : r.effective("proxy_cookie_flags")) {
        if (d.args().stream().skip(1).anyMatch(f -> f.equalsIgnoreCase("nosecure"))) {
          String which = d.arg(0).startsWith("~") ? "the cookies matching " + d.arg(0) : "cookie " + d.arg(0);
          out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r),
              which + " loses Secure on an https site: it would also be sent over plain http"));
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(List.copyOf(out.values())));
  }
}
