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
 * {@code redirect.wrong-host} in nginx files: a proxying location's {@code proxy_redirect} rewrites the
 * app's redirects to an address no browser can reach ({@code proxy_redirect / http://web:8000/;}), or
 * turns the rewriting off while the app is given the upstream's host ({@code proxy_redirect off} with no
 * {@code proxy_set_header Host $host}: the app builds {@code Location: http://127.0.0.1:8000/…} and
 * nginx passes it on unchanged). ngx_http_proxy_module, "proxy_redirect".
 */
@CheckSpec(id = "redirect.wrong-host", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class RedirectWrongHostInNginx implements Check {
  private static final Pattern URL_HOST = Pattern.compile("^https?://(\\[[^]]+]|[^/:$]+)(?::\\d+)?(?:/.*)?$", Pattern.CASE_INSENSITIVE);

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    java.util.Map<authdoctor.Location, Evidence> out = new java.util.LinkedHashMap<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      for (NginxDirective d : r.effective("proxy_redirect")) {
        if (d.args().size() == 2) {
          String host = internalHost(d.arg(1));
          if (host != null) {
            out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r), "the app's redirects are rewritten to " + host + ", which no browser can reach"));
          }
        } else if (d.args().equals(List.of("off")) && upstreamHostSent(r)) {
          out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r),
              "the app is given the upstream's Host and its redirects are passed on unchanged: send Host $host, or keep proxy_redirect default"));
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(List.copyOf(out.values())));
  }

  /** The host of a literal replacement URL when it is internal; null for a path, a variable or a public host. */
  static @org.jspecify.annotations.Nullable String internalHost(String replacement) {
    Matcher m = URL_HOST.matcher(replacement);
    return m.matches() && Hosts.isInternal(m.group(1)) ? m.group(1) : null;
  }

  /** nginx sends {@code Host: $proxy_host} (the proxy_pass host) unless told otherwise. */
  private static boolean upstreamHostSent(NginxProxyRoute r) {
    NginxDirective host = r.setsHeader("Host");
    return host == null || host.arg(1).contains("$proxy_host");
  }
}
