package authdoctor.checks.proxy;

import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import org.jspecify.annotations.Nullable;

/** Whether nginx caches a location's responses (ngx_http_proxy_module {@code proxy_cache}). */
final class NginxCache {
  private NginxCache() {}

  /** The {@code proxy_cache} in effect when it is not {@code off}, else null. */
  static @Nullable NginxDirective on(NginxProxyRoute r) {
    NginxDirective cache = r.last("proxy_cache");
    return cache == null || cache.arg(0).equals("off") ? null : cache;
  }
}
