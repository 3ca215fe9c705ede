package authdoctor.checks.tls;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code tls.hsts-missing}: an https response without {@code Strict-Transport-Security} (RFC 6797 §6.1).
 * Reported once per host, on the first such response of that host that is not an error answer (4xx/5xx),
 * else on its first error answer.
 */
@CheckSpec(id = "tls.hsts-missing", severity = Severity.INFO, needs = HttpExchange.class)
public final class TlsHstsMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, HttpExchange> firstPerHost = new LinkedHashMap<>();
    Map<String, HttpExchange> firstError = new LinkedHashMap<>();
    Set<String> protectedHosts = new HashSet<>();
    // The probe's own trials (the app or an instance asked directly) are not what the user's browser meets.
    Set<Integer> trials = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.isHttps() || !x.answered() || trials.contains(x.step())) continue;
      String host = x.url().getHost();
      if (x.responseHeader("Strict-Transport-Security").isPresent()) {
        protectedHosts.add(host);
      } else if (x.status() < 400) {
        firstPerHost.putIfAbsent(host, x);
      } else {
        // An error answer (a 404 to a GET on an API endpoint) is the weakest evidence: cited only when the
        // host gave nothing else.
        firstError.putIfAbsent(host, x);
      }
    }
    firstError.forEach(firstPerHost::putIfAbsent);
    return firstPerHost.values().stream()
        .filter(x -> !protectedHosts.contains(x.url().getHost()))
        .map(
            x ->
                ctx.finding(
                    ctx.evidence(x, "response",
                        x.url().getHost(),
                        ctx.redactor().plain(x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status() + " without Strict-Transport-Security"))))
        .toList();
  }
}
