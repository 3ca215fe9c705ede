package authdoctor.checks.tls;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code tls.hsts-missing} in nginx files: a TLS server sends no {@code Strict-Transport-Security}
 * ({@code add_header} at its level or inherited from {@code http}), or a proxying location of it declares
 * its own {@code add_header} and so drops the inherited one. Points at the {@code server} line, or at the
 * location's own {@code add_header}.
 */
@CheckSpec(id = "tls.hsts-missing", severity = Severity.INFO, needs = NginxServer.class)
public final class TlsHstsMissingInNginx implements Check {
  private static final String HSTS = "Strict-Transport-Security";

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxServer s : observations.of(NginxServer.class)) {
      if (!s.tls()) continue;
      if (s.addHeaders().stream().noneMatch(d -> d.names(HSTS))) {
        out.addAll(List.of(NginxEvidence.at(ctx, s.block(), NginxEvidence.host(s), "no add_header " + HSTS + " for this TLS server")));
      }
    }
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      List<NginxDirective> own = r.effective("add_header");
      if (!r.server().tls() || own.isEmpty() || own.stream().anyMatch(d -> d.names(HSTS))) continue;
      if (r.server().addHeaders().stream().noneMatch(d -> d.names(HSTS))) continue; // reported at the server
      out.addAll(List.of(NginxEvidence.at(ctx, own.get(0), NginxEvidence.subject(r),
          "this location's own add_header drops the server's " + HSTS)));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
