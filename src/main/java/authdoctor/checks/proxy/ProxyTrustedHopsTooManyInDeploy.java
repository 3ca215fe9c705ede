package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.AppServer;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code proxy.trusted-hops-too-many} in deployment files: gunicorn or uvicorn believes forwarded headers
 * from any peer ({@code --forwarded-allow-ips '*'}, {@code forwarded_allow_ips = "*"}, {@code
 * FORWARDED_ALLOW_IPS=*}) while clients can reach it without the proxy: its compose service publishes
 * its port on every host interface ({@code "8000:8000"}, not {@code "127.0.0.1:8000:8000"}), or a systemd
 * unit starts it on every interface ({@code --bind 0.0.0.0:8000}). A client then sets its own scheme,
 * host and address.
 */
@CheckSpec(id = "proxy.trusted-hops-too-many", severity = Severity.WARN, needs = AppServer.class)
public final class ProxyTrustedHopsTooManyInDeploy implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppServer a : observations.of(AppServer.class)) {
      if (!a.trustsAnyone()) continue;
      String exposed = exposed(a);
      if (exposed == null) continue;
      out.add(AppServerEvidence.at(ctx, a, "trusts forwarded headers from anyone, and " + exposed));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** How clients reach it around the proxy, or null when they cannot (as far as the files say). */
  private static @org.jspecify.annotations.Nullable String exposed(AppServer a) {
    for (String p : a.published()) {
      String[] parts = p.replaceFirst("/(tcp|udp)$", "").split(":");
      // a bare container port ("8000") is published on a random host port of every interface
      String host = parts.length >= 3 ? String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2)) : "";
      String target = parts[parts.length - 1];
      boolean local = host.startsWith("127.") || host.equals("localhost") || host.equals("[::1]") || host.equals("::1");
      if (!local && (a.port() < 0 || target.equals(String.valueOf(a.port())))) return "its port is published on every interface (" + p + ")";
    }
    if (a.instance() != null && a.instance().endsWith(".service") && a.listensEverywhere()) {
      return "it listens on every interface (" + a.bind() + ")";
    }
    return null;
  }
}
