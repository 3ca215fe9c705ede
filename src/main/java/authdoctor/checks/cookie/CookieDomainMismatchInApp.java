package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * {@code cookie.domain-mismatch} across the application and the proxy: the session cookie's {@code Domain}
 * in effect in production ({@code SESSION_COOKIE_DOMAIN}, {@code cookie.domain}, {@code
 * server.servlet.session.cookie.domain}, or the variable the deployment gives it) is not domain-matched by
 * any host nginx serves (RFC 6265bis §5.1.3), so the browser rejects the cookie (§5.7 step 9). Servers
 * named only by regex or {@code _} are not judged; no named server, no finding.
 */
@CheckSpec(id = "cookie.domain-mismatch", severity = Severity.ERROR, needs = AppSetting.class)
public final class CookieDomainMismatchInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<NginxServer> servers = observations.of(NginxServer.class).stream().filter(s -> !InEffect.hosts(s).isEmpty()).toList();
    if (servers.isEmpty()) return List.of();
    Set<String> hosts = new LinkedHashSet<>();
    servers.forEach(s -> hosts.addAll(InEffect.hosts(s)));
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.SESSION_COOKIE_DOMAIN)) {
      String domain = r.value().strip().toLowerCase(Locale.ROOT);
      String bare = domain.startsWith(".") ? domain.substring(1) : domain;
      if (bare.isEmpty() || hosts.stream().anyMatch(h -> matches(h, bare))) continue;
      List<Evidence> e = InEffect.withSource(ctx, r,
          "Domain=" + bare + " does not domain-match " + String.join(", ", hosts) + ", the hosts nginx serves: the browser rejects the cookie");
      out.addAll(e);
      for (NginxServer s : servers) out.add(InEffect.related(ctx, s, e.get(0)));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** Whether a host this server name stands for domain-matches {@code domain} (§5.1.3). */
  private static boolean matches(String name, String domain) {
    boolean wildcard = name.startsWith("*.") || name.startsWith(".");
    String base = name.startsWith("*.") ? name.substring(2) : name.startsWith(".") ? name.substring(1) : name;
    if (base.equals(domain) || base.endsWith("." + domain)) return true;
    return wildcard && domain.endsWith("." + base);
  }
}
