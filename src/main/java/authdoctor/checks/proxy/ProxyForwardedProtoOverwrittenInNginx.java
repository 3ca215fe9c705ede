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
 * {@code proxy.forwarded-proto-overwritten} in nginx files: a plain-http server sets
 * {@code X-Forwarded-Proto $scheme} although it sits behind another TLS terminator — a TLS server of the
 * scanned configuration proxies to its port, or it trusts a proxy in front ({@code set_real_ip_from}) —
 * so the app is told {@code http}. Points at that header line; the terminator's {@code proxy_pass} (or
 * the real-ip line) is the second evidence.
 */
@CheckSpec(id = "proxy.forwarded-proto-overwritten", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyForwardedProtoOverwrittenInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxProxyRoute> routes = observations.of(NginxProxyRoute.class);
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : routes) {
      NginxDirective xfp = r.setsHeader("X-Forwarded-Proto");
      if (r.server().tls() || xfp == null || !xfp.arg(1).equals("$scheme")) continue;
      List<Evidence> ev = new ArrayList<>();
      ev.add(NginxEvidence.at(ctx, xfp, NginxEvidence.subject(r),
          "this server is plain http behind a TLS terminator: $scheme is http; pass on $http_x_forwarded_proto"));
      for (NginxProxyRoute front : routes) {
        if (front.server().tls() && front.upstreams().stream().anyMatch(u -> r.server().listensOn(port(u)))) {
          ev.add(NginxEvidence.related(ctx, front.proxyPass(), NginxEvidence.subject(front), "the TLS terminator in front proxies to this server", xfp));
        }
      }
      if (ev.size() == 1 && !r.server().behindProxy().isEmpty()) {
        ev.add(NginxEvidence.related(ctx, r.server().behindProxy().get(0), NginxEvidence.host(r.server()), "this server trusts a proxy in front of it", xfp));
      }
      if (ev.size() > 1) out.addAll(ev);
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** The port of {@code host:port} ({@code [::1]:8080}), or 80. */
  private static int port(String address) {
    int colon = address.lastIndexOf(':');
    if (colon < 0 || colon < address.lastIndexOf(']')) return 80;
    try {
      return Integer.parseInt(address.substring(colon + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
