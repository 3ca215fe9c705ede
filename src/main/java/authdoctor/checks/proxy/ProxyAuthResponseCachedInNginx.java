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
import java.util.Set;

/**
 * {@code proxy.auth-response-cached} in nginx files: a caching location overrides the app's own word on
 * what may be cached ({@code proxy_ignore_headers Cache-Control}, {@code Expires}, {@code Vary} or
 * {@code X-Accel-Expires}): pages the app marked private, or varying by cookie, are stored and served to
 * other users. The cache's bypass rules ({@code proxy_no_cache}, {@code proxy_cache_bypass}), which then
 * alone keep signed-in pages out, are the further evidence. Points at the {@code proxy_ignore_headers}
 * line.
 */
@CheckSpec(id = "proxy.auth-response-cached", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxyAuthResponseCachedInNginx implements Check {
  private static final Set<String> APP_SAYS = Set.of("cache-control", "expires", "vary", "x-accel-expires");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      if (NginxCache.on(r) == null) continue;
      for (NginxDirective ignore : r.effective("proxy_ignore_headers")) {
        List<String> ignored = ignore.args().stream().filter(a -> APP_SAYS.contains(a.toLowerCase(Locale.ROOT))).toList();
        if (ignored.isEmpty()) continue;
        List<Evidence> ev = new ArrayList<>();
        ev.add(NginxEvidence.at(ctx, ignore, NginxEvidence.subject(r),
            "the app's " + String.join(", ", ignored) + " no longer keep its signed-in pages out of the cache"));
        for (String rule : List.of("proxy_no_cache", "proxy_cache_bypass")) {
          for (NginxDirective d : r.effective(rule)) {
            ev.add(NginxEvidence.related(ctx, d, NginxEvidence.subject(r), "the only rule left that keeps a signed-in page out: it must match every session", ignore));
          }
        }
        out.addAll(ev);
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
