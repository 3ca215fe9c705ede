package authdoctor.checks.oauth;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.internal.Hosts;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code oauth.redirect-uri-scheme}: a page served over https sends the browser to the provider with an
 * {@code http://} redirect_uri — the app behind a TLS proxy builds its callback URL from the scheme it
 * sees (http). The provider refuses it as unregistered, or sends the code over plain http where the
 * Secure state cookie is not sent. Loopback redirect URIs (native apps, RFC 8252 §7.3) are exempt.
 */
@CheckSpec(id = "oauth.redirect-uri-scheme", severity = Severity.ERROR, needs = HttpExchange.class)
public final class OauthRedirectUriScheme implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> evidence = new ArrayList<>();
    Set<Integer> offPath = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (offPath.contains(x.step())) continue; // the probe's own trial: the browser never gets this redirect
      if (!x.isHttps()) continue;
      AuthorizationRequest a = AuthorizationRequest.redirectedTo(x).orElse(null);
      if (a == null) continue;
      URI r = a.redirectTarget().orElse(null);
      if (r == null || !"http".equalsIgnoreCase(r.getScheme()) || Hosts.isLoopback(r.getHost())) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("page", x.method() + " " + ctx.redactor().url(x.url().toString()) + " (https)");
      facts.put("redirect_uri", ctx.redactor().url(a.redirectUri()));
      facts.put("client_id", a.clientId());
      evidence.add(ctx.evidence(x, "header", "redirect_uri",
          ctx.redactor().plain("redirect_uri=" + ctx.redactor().url(a.redirectUri())),
          facts));
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }
}
