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
import java.util.Locale;
import java.util.Map;

/**
 * {@code proxy.header-inheritance}: a proxying location declares its own {@code proxy_set_header} (or
 * {@code add_header}, {@code proxy_hide_header}) and so loses the outer level's, among them headers auth
 * depends on. Points at the location's first own directive of that kind (where the missing ones belong),
 * with each lost directive as evidence.
 */
@CheckSpec(id = "proxy.header-inheritance", severity = Severity.WARN, needs = NginxProxyRoute.class)
public final class ProxyHeaderInheritanceInNginx implements Check {
  /** Per directive, the header names whose loss matters for auth (prefixes end in '-'). */
  private static final Map<String, List<String>> MATTERS =
      Map.of(
          "proxy_set_header", List.of("host", "x-forwarded-", "forwarded", "x-real-ip", "authorization", "x-script-name"),
          "add_header", List.of("strict-transport-security", "access-control-", "content-security-policy", "vary"),
          "proxy_hide_header", List.of("x-powered-by", "server"));

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      for (Map.Entry<String, List<String>> e : MATTERS.entrySet()) {
        List<NginxDirective> own = r.effective(e.getKey());
        List<NginxDirective> lost = new ArrayList<>();
        for (NginxDirective d : r.shadowed(e.getKey())) {
          if (matters(d.arg(0), e.getValue()) && own.stream().noneMatch(o -> o.names(d.arg(0)))) lost.add(d);
        }
        if (lost.isEmpty() || own.isEmpty()) continue;
        String names = String.join(", ", lost.stream().map(d -> d.arg(0)).toList());
        List<Evidence> ev = new ArrayList<>();
        ev.add(NginxEvidence.at(ctx, own.get(0), NginxEvidence.subject(r),
            "this location's own " + e.getKey() + " replaces all of the outer level's: " + names + " no longer apply here"));
        for (NginxDirective d : lost) ev.add(NginxEvidence.related(ctx, d, NginxEvidence.subject(r), "not inherited by " + NginxEvidence.subject(r), own.get(0)));
        out.addAll(ev);
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static boolean matters(String header, List<String> names) {
    String h = header.toLowerCase(Locale.ROOT);
    return names.stream().anyMatch(n -> n.endsWith("-") ? h.startsWith(n) : h.equals(n));
  }
}
