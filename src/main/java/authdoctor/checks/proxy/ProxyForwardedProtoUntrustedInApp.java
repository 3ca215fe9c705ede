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
 * {@code proxy.forwarded-proto-untrusted} across nginx and the app's settings: nginx sends {@code
 * X-Forwarded-Proto} to the app, the app trusts no forwarded scheme (Django without {@code
 * SECURE_PROXY_SSL_HEADER}, Flask without {@code ProxyFix} or with {@code x_proto=0}), and no app server
 * in between applies it for the app (gunicorn or uvicorn trusting nginx's address). When the tree starts
 * no app server, a route from the same host is left alone: gunicorn's and uvicorn's defaults apply the
 * header from there. Evidence: the app's setting (the line to change), the {@code proxy_pass} that sends
 * the header, and the app server that does not apply it.
 */
@CheckSpec(id = "proxy.forwarded-proto-untrusted", severity = Severity.ERROR, needs = {AppSetting.class, NginxProxyRoute.class})
public final class ProxyForwardedProtoUntrustedInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppSetting s : AppLayer.settings(observations, Concept.TRUST_FORWARDED_PROTO)) {
      if (!Boolean.FALSE.equals(AppLayer.truth(AppLayer.value(s, observations)))) continue;
      for (AppLayer.Route r : AppLayer.routes(observations)) {
        if (!sendsProto(r.route()) || AppLayer.serverApplies(r) || (r.server() == null && r.sameHost())) continue;
        String by = r.server() == null ? "" : "; " + r.server().server() + " in front does not apply it for nginx's address";
        Evidence primary = AppLayer.at(ctx, s, "the app trusts no forwarded scheme: it sees http behind nginx" + by);
        out.add(primary);
        out.add(InEffect.related(NginxEvidence.route(ctx, r.route(), "sends X-Forwarded-Proto to " + r.upstream()), primary));
        if (r.server() != null) out.add(InEffect.related(AppServerEvidence.at(ctx, r.server(), "applies no forwarded scheme for nginx"), primary));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** Whether the route sends a scheme header with a value. */
  static boolean sendsProto(NginxProxyRoute r) {
    for (String h : List.of("X-Forwarded-Proto", "Forwarded")) {
      var d = r.setsHeader(h);
      if (d != null && !d.arg(1).isEmpty()) return true;
    }
    return false;
  }
}
