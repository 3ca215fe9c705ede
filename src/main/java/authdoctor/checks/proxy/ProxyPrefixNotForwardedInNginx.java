package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code proxy.prefix-not-forwarded} in nginx files: a location strips its path prefix before proxying
 * (a {@code proxy_pass} with a shorter URI, or a {@code rewrite} dropping it) and sends no
 * {@code X-Forwarded-Prefix} (or {@code X-Script-Name}), so the app builds cookie paths and redirects
 * outside the mount. Points at the {@code proxy_pass}.
 */
@CheckSpec(id = "proxy.prefix-not-forwarded", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyPrefixNotForwardedInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      if (r.strippedPrefix() == null || tells(r)) continue;
      out.addAll(List.of(NginxEvidence.route(ctx, r,
          "nginx strips " + r.strippedPrefix() + " and does not say so: add proxy_set_header X-Forwarded-Prefix " + r.strippedPrefix() + ";")));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static boolean tells(NginxProxyRoute r) {
    for (String h : List.of("X-Forwarded-Prefix", "X-Script-Name", "SCRIPT_NAME")) {
      NginxDirective d = r.setsHeader(h);
      if (d != null && !d.arg(1).isEmpty()) return true;
    }
    return false;
  }
}
