package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.observation.AppServer;
import authdoctor.observation.AppSetting;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code proxy.forwarded-proto-untrusted} in deployment files: nginx sends {@code X-Forwarded-Proto} (or
 * {@code Forwarded}) to a gunicorn or uvicorn that believes it only from its own host (the default
 * {@code 127.0.0.1}, or loopback addresses only), while nginx reaches it from another address (a compose
 * service name, another host: the upstream is not {@code 127.0.0.1}/{@code localhost}/a unix socket), or
 * to a uvicorn started with {@code --no-proxy-headers}; unless the app reads the header itself (an
 * {@link AppSetting} that trusts it: Django's {@code SECURE_PROXY_SSL_HEADER}, Flask's {@code ProxyFix}). The app server is matched to the {@code
 * proxy_pass} by its service name or its port. Evidence: the server's trust setting or command line, and
 * the {@code proxy_pass} as the other side.
 */
@CheckSpec(id = "proxy.forwarded-proto-untrusted", severity = Severity.ERROR, needs = {AppServer.class, NginxProxyRoute.class})
public final class ProxyForwardedProtoUntrustedInDeploy implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    boolean confTrust = observations.of(DeploySetting.class).stream()
        .anyMatch(s -> s.format() == DeploySetting.Format.GUNICORN && s.key().equals("forwarded_allow_ips"));
    // the app reads the scheme header itself (SECURE_PROXY_SSL_HEADER, ProxyFix): its server need not apply it
    if (appTrustsScheme(observations)) return List.of();
    List<Evidence> out = new ArrayList<>();
    for (AppServer a : observations.of(AppServer.class)) {
      if (!a.trustsOnlyItsHost()) continue;
      // a command line without the option takes it from gunicorn.conf.py, whose own server is judged instead
      if (a.server().equals("gunicorn") && a.instance() != null && a.trustedAt() == null && confTrust) continue;
      for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
        if (r.setsHeader("X-Forwarded-Proto") == null && r.setsHeader("Forwarded") == null) continue;
        String upstream = reaches(r, a);
        if (upstream == null) continue;
        String note = !a.proxyHeaders()
            ? "forwarded headers are switched off: X-Forwarded-Proto from nginx is ignored"
            : "believes X-Forwarded-Proto only from its own host; nginx connects to " + upstream + " from another address";
        Evidence primary = AppServerEvidence.at(ctx, a, note);
        out.add(primary);
        out.add(AppServerEvidence.related(NginxEvidence.route(ctx, r, "sends X-Forwarded-Proto to " + upstream), primary));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static boolean appTrustsScheme(Observations observations) {
    for (AppSetting s : AppLayer.settings(observations, AppSetting.Concept.TRUST_FORWARDED_PROTO)) {
      String v = AppLayer.value(s, observations);
      if (v != null && (v.contains("-") || Boolean.TRUE.equals(AppLayer.truth(v)) || AppLayer.count(v) > 0)) return true;
    }
    return false;
  }

  /** The upstream of {@code r} that is this app server, reached from another address; null when none. */
  private static @org.jspecify.annotations.Nullable String reaches(NginxProxyRoute r, AppServer a) {
    for (String u : r.upstreams()) {
      if (u.startsWith("unix:")) continue;
      int colon = u.lastIndexOf(':');
      String host = (colon > 0 && !u.endsWith("]") ? u.substring(0, colon) : u).toLowerCase(Locale.ROOT);
      int port = -1;
      try {
        port = colon > 0 ? Integer.parseInt(u.substring(colon + 1)) : 80;
      } catch (NumberFormatException e) {
        port = -1;
      }
      boolean loopback = host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
      if (loopback && a.proxyHeaders()) continue;
      String service = a.instance() == null ? "" : a.instance().replaceFirst("/.*", "").toLowerCase(Locale.ROOT);
      if (host.equals(service) || (port > 0 && port == a.port())) return u;
    }
    return null;
  }
}
