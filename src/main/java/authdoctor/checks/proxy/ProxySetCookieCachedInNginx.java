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
 * {@code proxy.set-cookie-cached} in nginx files: a caching location ({@code proxy_cache} other than
 * {@code off}) ignores {@code Set-Cookie} ({@code proxy_ignore_headers … Set-Cookie}). nginx does not
 * cache a response carrying {@code Set-Cookie} unless told to ignore it; then one user's session cookie
 * is served to everyone. Points at the {@code proxy_ignore_headers} line.
 */
@CheckSpec(id = "proxy.set-cookie-cached", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class ProxySetCookieCachedInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      NginxDirective cache = NginxCache.on(r);
      if (cache == null) continue;
      for (NginxDirective ignore : r.effective("proxy_ignore_headers")) {
        if (ignore.args().stream().anyMatch(a -> a.equalsIgnoreCase("Set-Cookie"))) {
          out.addAll(List.of(
              NginxEvidence.at(ctx, ignore, NginxEvidence.subject(r), "responses that set a cookie are cached and served to other users"),
              NginxEvidence.related(ctx, cache, NginxEvidence.subject(r), "the cache in effect here", ignore)));
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
