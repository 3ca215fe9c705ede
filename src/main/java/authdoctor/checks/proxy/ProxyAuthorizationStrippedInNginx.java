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
 * {@code proxy.authorization-stripped} in nginx files: a proxying location clears the client's
 * {@code Authorization} ({@code proxy_set_header Authorization ""}; nginx does not send a header set to
 * an empty value) or stops passing request headers at all ({@code proxy_pass_request_headers off}).
 */
@CheckSpec(id = "proxy.authorization-stripped", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyAuthorizationStrippedInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      NginxDirective auth = r.setsHeader("Authorization");
      NginxDirective pass = r.last("proxy_pass_request_headers");
      if (auth != null && auth.arg(1).isEmpty()) {
        out.addAll(List.of(NginxEvidence.at(ctx, auth, NginxEvidence.subject(r), "the client's Authorization header never reaches the app")));
      } else if (pass != null && pass.arg(0).equals("off") && auth == null) {
        out.addAll(List.of(NginxEvidence.at(ctx, pass, NginxEvidence.subject(r), "no request header, Authorization included, reaches the app")));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
