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
import java.util.Set;

/**
 * {@code proxy.host-not-forwarded} in nginx files: a location proxies without passing the public host —
 * no {@code proxy_set_header Host} in effect (nginx then sends {@code $proxy_host}, the upstream's name)
 * or one set to {@code $proxy_host}/{@code $upstream_addr} — and no {@code X-Forwarded-Host} either.
 */
@CheckSpec(id = "proxy.host-not-forwarded", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyHostNotForwardedInNginx implements Check {
  private static final Set<String> UPSTREAM = Set.of("$proxy_host", "$upstream_addr", "");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      NginxDirective host = r.setsHeader("Host");
      NginxDirective xfh = r.setsHeader("X-Forwarded-Host");
      if (xfh != null && !xfh.arg(1).isEmpty()) continue;
      if (host != null && !UPSTREAM.contains(host.arg(1))) continue;
      List<Evidence> ev = new ArrayList<>();
      ev.add(host != null
          ? NginxEvidence.at(ctx, host, NginxEvidence.subject(r), "the app sees the upstream's host, not the public one")
          : NginxEvidence.route(ctx, r, "no Host is set here: nginx sends $proxy_host (" + String.join(", ", r.upstreams()) + ")"));
      for (NginxDirective lost : r.shadowed("proxy_set_header")) {
        if (lost.names("Host")) ev.add(NginxEvidence.related(ctx, lost, NginxEvidence.subject(r), "set at an outer level, not inherited by this location", host != null ? host : r.proxyPass()));
      }
      out.addAll(ev);
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
