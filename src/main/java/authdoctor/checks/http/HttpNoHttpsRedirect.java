package authdoctor.checks.http;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.internal.Hosts;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code http.no-https-redirect}: a plain-http request to a public host is answered with content instead
 * of a redirect to https (reported once per host). Loopback hosts are exempt.
 */
@CheckSpec(id = "http.no-https-redirect", severity = Severity.WARN, needs = HttpExchange.class)
public final class HttpNoHttpsRedirect implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, HttpExchange> firstPerHost = new LinkedHashMap<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (x.isHttps() || !x.answered() || Hosts.isInternal(x.url().getHost())) continue;
      boolean upgrades = Redirects.target(x).map(t -> "https".equalsIgnoreCase(t.getScheme())).orElse(false);
      boolean served = x.status() >= 200 && x.status() < 300;
      if (served && !upgrades) firstPerHost.putIfAbsent(x.url().getHost(), x);
    }
    return firstPerHost.values().stream()
        .map(
            x ->
                ctx.finding(
                    ctx.evidence(x, "response",
                        x.url().getHost(),
                        ctx.redactor().plain(x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status() + " (served over plain http, no redirect to https)"))))
        .toList();
  }
}
