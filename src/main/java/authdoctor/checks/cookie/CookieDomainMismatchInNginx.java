package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cookie.domain-mismatch} in nginx files: {@code proxy_cookie_domain} rewrites the app's
 * {@code Domain} attribute to a domain that none of the server's names domain-matches (RFC 6265bis
 * §5.1.3), so the browser rejects every cookie it rewrites (§5.7, step 9: {@code Domain=app.other.net}
 * set by {@code app.example.com} is dropped). Servers named only by regex or {@code _} are not judged.
 */
@CheckSpec(id = "cookie.domain-mismatch", severity = Severity.ERROR, needs = NginxProxyRoute.class)
public final class CookieDomainMismatchInNginx implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<Location, Evidence> out = new LinkedHashMap<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      List<String> names = r.server().names().stream().filter(n -> !n.startsWith("~") && !n.equals("_") && !n.isEmpty()).toList();
      if (names.isEmpty()) continue;
      for (NginxDirective d : r.effective("proxy_cookie_domain")) {
        String domain = d.arg(1).toLowerCase(Locale.ROOT);
        if (d.args().size() != 2 || domain.contains("$")) continue;
        String bare = domain.startsWith(".") ? domain.substring(1) : domain;
        if (names.stream().noneMatch(n -> matches(n.toLowerCase(Locale.ROOT), bare))) {
          out.putIfAbsent(d.location(), NginxEvidence.at(ctx, d, NginxEvidence.subject(r),
              "Domain=" + bare + " does not domain-match " + String.join(", ", names) + ": the browser rejects the cookie"));
        }
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(List.copyOf(out.values())));
  }

  /** Whether a host this server name stands for domain-matches {@code domain} (§5.1.3). */
  private static boolean matches(String name, String domain) {
    boolean wildcard = name.startsWith("*.") || name.startsWith(".");
    String base = name.startsWith("*.") ? name.substring(2) : name.startsWith(".") ? name.substring(1) : name;
    if (base.equals(domain) || base.endsWith("." + domain)) return true;
    return wildcard && domain.endsWith("." + base);
  }
}
