package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.internal.Hosts;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code redirect.https-downgrade} in nginx files: on a server with TLS, {@code proxy_redirect} rewrites
 * the app's redirects to {@code http://} a public host; or a plain-http nginx behind a TLS terminator
 * keeps {@code absolute_redirect on} (the default), so its own redirect of {@code /app} to
 * {@code /app/} (ngx_http_core_module, "location": a prefix ending in a slash that proxies) is
 * {@code http://host/app/}. Loopback targets are exempt, as in the live check.
 */
@CheckSpec(id = "redirect.https-downgrade", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class RedirectHttpsDowngradeInNginx implements Check {
  private static final Pattern HTTP_HOST = Pattern.compile("^http://(\\[[^]]+]|[^/:]+)(?::\\d+)?(?:/.*)?$", Pattern.CASE_INSENSITIVE);

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxProxyRoute> routes = observations.of(NginxProxyRoute.class);
    java.util.Map<authdoctor.Location, Evidence> out = new java.util.LinkedHashMap<>();
    for (NginxProxyRoute r : routes) {
      if (r.server().tls()) {
        for (NginxDirective d : r.effective("proxy_redirect")) {
          Matcher m = HTTP_HOST.matcher(d.arg(1));
          if (d.args().size() == 2 && m.matches() && !Hosts.isLoopback(m.group(1))) {
            out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r), "the app's redirects on this https site are rewritten to http://"));
          }
        }
      } else if (behindTls(r, routes) && slashRedirects(r)) {
        NginxDirective on = r.last("absolute_redirect");
        if (on != null && on.arg(0).equals("off")) continue;
        out.putIfAbsent((on != null ? on : r.block()).location(), NginxEvidence.at(ctx, on != null ? on : r.block(), NginxEvidence.subject(r),
            "behind a TLS terminator nginx redirects " + r.path().substring(0, r.path().length() - 1) + " to http://…" + r.path() + ": set absolute_redirect off"));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(List.copyOf(out.values())));
  }

  /** A prefix location ending in a slash: nginx answers its path without the slash with a 301 of its own. */
  private static boolean slashRedirects(NginxProxyRoute r) {
    return r.block().name().equals("location") && r.block().args().size() == 1 && r.path().length() > 1 && r.path().endsWith("/");
  }

  /** Plain http that trusts a proxy in front, or that a TLS server of the configuration proxies to. */
  private static boolean behindTls(NginxProxyRoute r, List<NginxProxyRoute> routes) {
    if (!r.server().behindProxy().isEmpty()) return true;
    return routes.stream().anyMatch(f -> f.server().tls() && f.upstreams().stream().anyMatch(u -> r.server().listens().stream().anyMatch(l -> u.endsWith(":" + l.port()))));
  }
}
