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
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code proxy.forwarded-proto-missing} across the app's settings and nginx: the app trusts a scheme
 * header ({@code SECURE_PROXY_SSL_HEADER}, {@code ProxyFix(x_proto=1)}) that the nginx server
 * terminating TLS in front of it never sends, so the app still sees http. Evidence: the app's setting,
 * and the {@code proxy_pass} of the route that sends no such header (the line to change there).
 */
@CheckSpec(id = "proxy.forwarded-proto-missing", severity = Severity.ERROR, needs = {AppSetting.class, NginxProxyRoute.class})
public final class ProxyForwardedProtoMissingInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppSetting s : AppLayer.settings(observations, Concept.TRUST_FORWARDED_PROTO)) {
      String header = header(AppLayer.value(s, observations));
      if (header == null) continue;
      for (AppLayer.Route r : AppLayer.routes(observations)) {
        if (!r.route().server().tls() || sends(r.route(), header)) continue;
        Evidence primary = AppLayer.at(ctx, s, "the app reads its scheme from " + header + ", which nginx does not send");
        out.add(primary);
        out.add(InEffect.related(NginxEvidence.route(ctx, r.route(), "terminates TLS and sends no " + header + " to " + r.upstream()), primary));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** The header a trust value reads: a header name as given, X-Forwarded-Proto for a hop count or {@code true}; null when none. */
  private static @org.jspecify.annotations.Nullable String header(@org.jspecify.annotations.Nullable String value) {
    if (value == null) return null;
    if (value.contains("-")) return value;
    Boolean t = AppLayer.truth(value);
    if (Boolean.TRUE.equals(t) || AppLayer.count(value) > 0) return "X-Forwarded-Proto";
    return null;
  }

  private static boolean sends(NginxProxyRoute r, String header) {
    NginxDirective d = r.setsHeader(header);
    // unset, nginx passes the client's header through: behind a TLS terminator nobody in front sets it
    return d != null && !d.arg(1).isEmpty();
  }
}
