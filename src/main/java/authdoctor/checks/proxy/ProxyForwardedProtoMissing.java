package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.oauth.OidcDiscovery;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.forwarded-proto-missing}: the public site is https, the app answers as if it were http
 * (http URLs, Secure cookies withheld), and the same request sent directly with
 * {@code X-Forwarded-Proto: https} is answered correctly — so the app trusts the header and the proxy
 * does not send it. Without {@code --direct} the split between "missing" and "untrusted" cannot be
 * measured; the finding then says so.
 *
 * <p>In front of an identity provider: its OIDC discovery document, fetched over https, names the provider on
 * plain http at the same host and port ({@link OidcDiscovery#httpBehindTls}). The provider built its URLs
 * from a request it took for http: the TLS proxy in front of it sends no {@code X-Forwarded-Proto}, or the
 * provider does not read it (its own proxy option). The app's redirects to those URLs only repeat the document.
 */
@CheckSpec(id = "proxy.forwarded-proto-missing", severity = Severity.ERROR, needs = ForwardingTrial.class)
public final class ProxyForwardedProtoMissing implements Check, authdoctor.check.Refuting {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    boolean verified = false;
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      if (Forwarding.configuredBaseUrl(c)) continue;
      if (Forwarding.claimOverwritten(c)) continue; // the proxy sends one, the wrong one: proxy.forwarded-proto-overwritten
      if (!Forwarding.schemeWrong(c.pub(), c.forwarded())) continue;
      if (c.forwarded() != null) {
        if (!Forwarding.answersHttps(c.pub(), c.forwarded())) continue;
        if (verified) continue; // one comparison proves it; the others would repeat it
        ev.clear();
        ev.add(Forwarding.evidence(ctx, c.pub()));
        if (c.direct() != null) ev.add(Forwarding.evidence(ctx, c.direct()));
        ev.add(Forwarding.evidence(ctx, c.forwarded()));
        verified = true;
      } else if (ev.isEmpty()) {
        ev.add(Forwarding.evidence(ctx, c.pub()));
      }
    }
    List<Evidence> provider = provider(observations, ctx);
    if (ev.isEmpty() && provider.isEmpty()) return List.of();
    if (ev.isEmpty()) return List.of(ctx.finding(provider));
    ev.addAll(provider);
    if (!verified) {
      ev.add(new Evidence("note", "not verified", ctx.redactor().plain(
          "could not verify whether the proxy omits X-Forwarded-Proto or the app ignores it "
              + "(proxy.forwarded-proto-untrusted): run again with --direct URL of the app"),
          (Location) null, Map.of()));
    }
    return List.of(ctx.finding(ev));
  }

  /** The identity providers that published themselves on http although reached over https. */
  private static List<Evidence> provider(Observations observations, CheckContext ctx) {
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
    if (ev.isEmpty()) return ev;
    ev.add(new Evidence("note", "not verified", ctx.redactor().plain(
        "without the provider's own address the probe cannot tell whether the proxy in front of the identity provider "
            + "omits X-Forwarded-Proto or the provider ignores it (its own proxy-headers or hostname option)"),
        (Location) null, Map.of()));
    return ev;
  }

  /** The live run shows the opposite of this id (see {@link ForwardingRefutations}). */
  @Override
  public java.util.Optional<String> refutation(Observations observations, CheckContext ctx) {
    return ForwardingRefutations.scheme(observations, ctx);
  }
}
