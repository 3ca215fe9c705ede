package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.internal.Hosts;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code redirect.wrong-host}: a redirect from a public host points at an address no browser on the
 * internet can reach (the app's upstream {@code 127.0.0.1:8000}, a single-label name, a private
 * range), or at the public host on another port — the app built the URL from its own socket, not from
 * the public Host. Redirects to other public hosts (an identity provider) are not reported.
 */
@CheckSpec(id = "redirect.wrong-host", severity = Severity.ERROR, needs = HttpExchange.class)
public final class RedirectWrongHost implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // One finding per public host and redirect host: the app builds every redirect the same wrong way.
    Map<String, List<Evidence>> byHosts = new LinkedHashMap<>();
    // The probe's own trials (the app or an instance asked directly) are not the user's flow.
    java.util.Set<Integer> trials = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      String from = x.url().getHost();
      if (from == null || Hosts.isInternal(from)) continue; // probing the app directly: nothing public to compare
      if (trials.contains(x.step())) continue;
      URI t = Redirects.target(x).orElse(null);
      if (t == null || t.getHost() == null) continue;
      boolean internal = Hosts.isInternal(t.getHost());
      boolean otherPort =
          t.getHost().equalsIgnoreCase(from)
              && t.getScheme() != null
              && t.getScheme().equalsIgnoreCase(x.url().getScheme())
              && Hosts.port(t) != Hosts.port(x.url());
      if (!internal && !otherPort) continue;
      String publicHost = from + ":" + Hosts.port(x.url());
      String redirectHost = t.getHost() + ":" + Hosts.port(t);
      byHosts.computeIfAbsent((publicHost + " → " + redirectHost).toLowerCase(Locale.ROOT), k -> new ArrayList<>()).add(
          ctx.evidence(x, "header",
              x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status(),
              ctx.redactor().header("Location", x.responseHeader("Location").orElseThrow()),
              facts(publicHost, redirectHost)));
    }
    return byHosts.values().stream().map(all -> ctx.grouped(all, "redirect(s) to this host")).toList();
  }

  private static Map<String, String> facts(String publicHost, String redirectHost) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("public host", publicHost);
    m.put("redirect host", redirectHost);
    return m;
  }
}
