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
 * {@code proxy.forwarded-proto-missing} in nginx files: a location of a TLS server proxies without
 * {@code proxy_set_header X-Forwarded-Proto} (or {@code Forwarded}) in effect, so the app sees plain
 * http. Points at the location's {@code proxy_pass}; a server-level header the location does not inherit
 * is the second evidence.
 */
@CheckSpec(id = "proxy.forwarded-proto-missing", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyForwardedProtoMissingInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      if (!r.server().tls() || sends(r)) continue;
      List<Evidence> ev = new ArrayList<>();
      ev.add(NginxEvidence.route(ctx, r, "no X-Forwarded-Proto is sent from this location: the app sees http"));
      for (NginxDirective lost : r.shadowed("proxy_set_header")) {
        if (lost.names("X-Forwarded-Proto")) ev.add(NginxEvidence.related(ctx, lost, NginxEvidence.subject(r), "set at an outer level, not inherited by this location", r.proxyPass()));
      }
      out.addAll(ev);
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static boolean sends(NginxProxyRoute r) {
    for (String h : List.of("X-Forwarded-Proto", "Forwarded", "X-Forwarded-Ssl", "X-Forwarded-Scheme")) {
      NginxDirective d = r.setsHeader(h);
      if (d != null && !d.arg(1).isEmpty()) return true;
    }
    return false;
  }
}
