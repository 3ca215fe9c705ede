package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code proxy.trusted-hops-too-many} across the app's settings and nginx: the app trusts more hops of a
 * forwarded header ({@code ProxyFix(x_proto=2)}, {@code x_host}, {@code x_prefix}) than there are proxies
 * in front of it (nginx, and one more when nginx itself trusts one with {@code set_real_ip_from}): the
 * extra value comes from the client, who then chooses the scheme, host or prefix the app believes.
 */
@CheckSpec(id = "proxy.trusted-hops-too-many", severity = Severity.WARN, needs = {AppSetting.class, NginxProxyRoute.class})
public final class ProxyTrustedHopsTooManyInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<AppLayer.Route> routes = AppLayer.routes(observations);
    if (routes.isEmpty()) return List.of();
    int proxies = routes.stream().mapToInt(AppLayer.Route::proxies).max().orElse(1);
    List<Evidence> out = new ArrayList<>();
    for (Concept c : List.of(Concept.TRUST_FORWARDED_PROTO, Concept.TRUST_FORWARDED_HOST, Concept.TRUST_FORWARDED_PREFIX)) {
      for (AppSetting s : AppLayer.settings(observations, c)) {
        int hops = AppLayer.count(AppLayer.value(s, observations));
        if (hops <= proxies) continue;
        AppLayer.Route r = routes.get(0);
        Evidence primary = AppLayer.at(ctx, s, "trusts " + hops + " hops; " + proxies + (proxies == 1 ? " proxy is" : " proxies are")
            + " in front: the client's own value is believed");
        out.add(primary);
        out.add(InEffect.related(NginxEvidence.route(ctx, r.route(), "the proxy in front of the app"), primary));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
