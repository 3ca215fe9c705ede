package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.check.Observations;
import authdoctor.internal.Hosts;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Redirects;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code redirect.https-downgrade}: an https response redirects to {@code http://} — the browser drops
 * to plain http, where Secure cookies are not sent (RFC 6265bis §5.8.3). Loopback targets are exempt:
 * browsers treat {@code http://localhost} as secure.
 */
@CheckSpec(id = "redirect.https-downgrade", severity = Severity.ERROR, needs = HttpExchange.class)
public final class RedirectHttpsDowngrade implements Check {
  /** Evidence shown per finding; the rest is counted. */
  private static final int MAX_EVIDENCE = 3;

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // One finding per host that downgrades: the same broken redirect rule fires on every step of a flow.
    java.util.Map<String, List<Evidence>> byHost = new java.util.LinkedHashMap<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.isHttps()) continue;
      Redirects.target(x)
          .filter(t -> "http".equalsIgnoreCase(t.getScheme()) && !Hosts.isLoopback(t.getHost()))
          .ifPresent(
              t ->
                  byHost.computeIfAbsent(x.url().getHost(), h -> new ArrayList<>()).add(
                          new Evidence(
                              "header",
                              x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status(),
                              ctx.redactor().header("Location", x.responseHeader("Location").orElseThrow()),
                              new Location.ExchangeRef(x.step()))));
    }
    List<Finding> out = new ArrayList<>();
    for (List<Evidence> all : byHost.values()) {
      List<Evidence> shown = new ArrayList<>(all.subList(0, Math.min(MAX_EVIDENCE, all.size())));
      if (all.size() > MAX_EVIDENCE) {
        Evidence last = shown.remove(shown.size() - 1);
        shown.add(new Evidence(last.kind(), last.subject(), last.excerpt(), last.location(),
            java.util.Map.of("also", (all.size() - MAX_EVIDENCE + 1) + " more redirect(s) to http in this run")));
      }
      out.add(ctx.finding(shown));
    }
    return out;
  }
}
