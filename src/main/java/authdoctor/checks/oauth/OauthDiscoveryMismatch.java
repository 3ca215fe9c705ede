package authdoctor.checks.oauth;

import authdoctor.Evidence;
import authdoctor.Finding;
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
 * {@code oauth.discovery-mismatch}: an OIDC discovery document names an issuer other than the URL it was
 * fetched from (OIDC Discovery 1.0 §4.3 requires them identical), or endpoints on another scheme, host or
 * port — typically the provider behind a proxy that passes neither the public host, its port, nor
 * {@code X-Forwarded-Proto}. Clients that validate {@code iss} refuse every token; browsers are sent to
 * internal or plain-http URLs.
 */
@CheckSpec(id = "oauth.discovery-mismatch", severity = Severity.WARN, needs = HttpExchange.class)
public final class OauthDiscoveryMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> evidence = new ArrayList<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      OidcDiscovery d = OidcDiscovery.of(x).orElse(null);
      if (d == null) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("fetched from", ctx.redactor().url(d.fetchedFrom().toString()));
      String expected = d.expectedIssuer();
      boolean issuerDiffers = d.issuer() != null && !stripSlash(d.issuer()).equals(stripSlash(expected));
      if (issuerDiffers) {
        facts.put("issuer", "\"" + d.issuer() + "\"");
        facts.put("expected issuer", "\"" + expected + "\" (the document's URL without " + OidcDiscovery.WELL_KNOWN + ")");
      }
      List<String> off = new ArrayList<>();
      d.endpoints().forEach((k, v) -> {
        if (d.misplaced(v)) {
          off.add(k);
          facts.put(k, ctx.redactor().url(v));
        }
      });
      if (!issuerDiffers && off.isEmpty()) continue;
      String text = issuerDiffers ? "issuer: \"" + d.issuer() + "\", fetched from " + ctx.redactor().url(expected)
          : String.join(", ", off) + " on plain http or another port than " + ctx.redactor().url(expected);
      evidence.add(ctx.evidence(x, "body", "issuer", ctx.redactor().plain(text), facts));
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
