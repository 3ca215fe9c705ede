package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.internal.Hosts;
import authdoctor.oauth.OidcDiscovery;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redirect.https-downgrade}: an https response redirects to {@code http://} — the browser drops
 * to plain http, where Secure cookies are not sent (RFC 6265bis §5.8.3). Loopback targets are exempt:
 * browsers treat {@code http://localhost} as secure. A redirect to an endpoint an identity provider published
 * on http although it was fetched over https is left to {@code proxy.forwarded-proto-missing} ({@link
 * OidcDiscovery#httpBehindTls}): the app only repeats the provider's discovery document.
 */
@CheckSpec(id = "redirect.https-downgrade", severity = Severity.ERROR, needs = HttpExchange.class)
public final class RedirectHttpsDowngrade implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // One finding per host that downgrades: the same broken redirect rule fires on every step of a flow.
    java.util.Map<String, List<Evidence>> byHost = new java.util.LinkedHashMap<>();
    List<OidcDiscovery> published = observations.of(HttpExchange.class).stream()
        .flatMap(x -> OidcDiscovery.of(x).stream()).filter(OidcDiscovery::httpBehindTls).toList();
    // The probe's own trials (the app or an instance asked directly) are not the user's flow.
    java.util.Set<Integer> trials = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.isHttps() || trials.contains(x.step())) continue;
      Redirects.target(x)
          .filter(t -> "http".equalsIgnoreCase(t.getScheme()) && !Hosts.isLoopback(t.getHost()))
          .filter(t -> published.stream().noneMatch(d -> d.names(t)))
          .ifPresent(
              t ->
                  byHost.computeIfAbsent(x.url().getHost(), h -> new ArrayList<>()).add(
                          ctx.evidence(x, "header",
                              x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status(),
                              ctx.redactor().header("Location", x.responseHeader("Location").orElseThrow()))));
    }
    return byHost.values().stream().map(all -> ctx.grouped(all, "redirect(s) to http")).toList();
  }

  /**
   * The steps of the requests that followed an https → http redirect (the first later exchange of the
   * target URL). What the browser withholds on such a hop, its Secure cookies above all, is this id's
   * evidence: the cookie checks leave these steps to it.
   */
  public static java.util.Set<Integer> hopsAfterDowngrade(Observations observations) {
    List<HttpExchange> all = observations.of(HttpExchange.class).stream()
        .sorted(java.util.Comparator.comparingInt(HttpExchange::step)).toList();
    java.util.Set<Integer> out = new java.util.HashSet<>();
    java.util.Set<Integer> trials = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : all) {
      if (!x.isHttps() || trials.contains(x.step())) continue;
      Redirects.target(x).filter(t -> "http".equalsIgnoreCase(t.getScheme())).ifPresent(t -> all.stream()
          .filter(y -> y.step() > x.step() && y.url().equals(t)).findFirst().ifPresent(y -> out.add(y.step())));
    }
    return out;
  }
}
