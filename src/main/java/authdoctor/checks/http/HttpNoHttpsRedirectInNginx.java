package authdoctor.checks.http;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code http.no-https-redirect} in nginx files: a server listens on plain http and proxies to the app
 * instead of redirecting to https, while the same host name is served over TLS (by it or another server
 * of the configuration). Points at the server's {@code server} line.
 */
@CheckSpec(id = "http.no-https-redirect", severity = Severity.WARN, needs = NginxServer.class)
public final class HttpNoHttpsRedirectInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxServer> servers = observations.of(NginxServer.class);
    List<NginxProxyRoute> routes = observations.of(NginxProxyRoute.class);
    List<Evidence> out = new ArrayList<>();
    for (NginxServer s : servers) {
      if (!s.plain() || s.httpsRedirect() != null || !s.behindProxy().isEmpty()) continue;
      boolean serves = routes.stream().anyMatch(r -> r.server().equals(s));
      boolean alsoTls = servers.stream().anyMatch(t -> t.tls() && t.names().stream().anyMatch(s.names()::contains));
      boolean internal = routes.stream().anyMatch(r -> r.server().tls() && r.upstreams().stream().anyMatch(u -> s.listens().stream().anyMatch(l -> u.endsWith(":" + l.port()))));
      if (!serves || !alsoTls || internal) continue;
      out.addAll(List.of(NginxEvidence.at(ctx, s.block(), NginxEvidence.host(s),
          "plain http is served for a host that has https: return 301 https://$host$request_uri; here")));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
