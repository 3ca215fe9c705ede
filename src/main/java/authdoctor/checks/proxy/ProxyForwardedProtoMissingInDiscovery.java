package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.oauth.OidcDiscovery;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.forwarded-proto-missing} in front of an identity provider: its OIDC discovery document,
 * fetched over https, names the provider on plain http at the same host and port ({@link
 * OidcDiscovery#httpBehindTls}). The provider built its URLs from a request it took for http: the TLS
 * proxy in front of it sends no {@code X-Forwarded-Proto}, or the provider does not read it (its own proxy
 * option). The app's redirects to those http URLs only repeat the document.
 */
@CheckSpec(id = "proxy.forwarded-proto-missing", severity = Severity.ERROR, needs = HttpExchange.class)
public final class ProxyForwardedProtoMissingInDiscovery implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      OidcDiscovery d = OidcDiscovery.of(x).orElse(null);
      if (d == null || !d.httpBehindTls()) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("fetched from", ctx.redactor().url(d.fetchedFrom().toString()));
      facts.put("issuer", "\"" + d.issuer() + "\"");
      d.endpoints().forEach((k, v) -> {
        if (v.startsWith("http://")) facts.put(k, ctx.redactor().url(v));
      });
      ev.add(ctx.evidence(x, "body", "issuer", ctx.redactor().plain("the identity provider published itself on http:// "
          + "although it was reached over https at the same host and port"), facts));
    }
    if (ev.isEmpty()) return List.of();
    ev.add(new Evidence("note", "not verified", ctx.redactor().plain(
        "without the provider's own address the probe cannot tell whether the proxy omits X-Forwarded-Proto or the "
            + "provider ignores it: see the identity provider fix (its proxy-headers / hostname options) and the nginx fix"),
        (Location) null, Map.of()));
    return List.of(ctx.finding(ev));
  }
}
