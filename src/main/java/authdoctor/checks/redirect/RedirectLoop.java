package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoopedRedirects;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code redirect.loop}: a request of the user's flow whose redirects came back to a URL the browser had
 * already been sent to, with the same redirect again, until the browser gave up ("too many redirects"):
 * app ↔ login page, app ↔ identity provider, http ↔ https. The collector records such a chain only for
 * the flow a browser makes and only when it made no progress ({@link LoopedRedirects}); a long chain that
 * ends, an OAuth round trip, a login redirected back, and the probe's own trials are no loop. The hops of
 * the loop are the evidence, with the cause they point to when the run measured one: an https URL that
 * redirects to itself or to http (the app takes the request for plain http), a cookie of the chain the
 * browser refused (the session never comes back).
 */
@CheckSpec(id = "redirect.loop", severity = Severity.ERROR, needs = LoopedRedirects.class)
public final class RedirectLoop implements Check {
  /** Hops shown as evidence. */
  private static final int SHOWN = 6;

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<Integer, HttpExchange> byStep = new HashMap<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) byStep.put(x.step(), x);
    Set<Integer> trials = ForwardingTrial.offPathSteps(observations);
    List<Finding> out = new ArrayList<>();
    Set<Set<String>> seen = new HashSet<>();
    for (LoopedRedirects l : observations.of(LoopedRedirects.class)) {
      if (trials.contains(l.step())) continue;
      List<HttpExchange> chain = new ArrayList<>();
      for (int step : l.hops()) {
        HttpExchange x = byStep.get(step);
        if (x != null) chain.add(x);
      }
      List<HttpExchange> loop = cycle(chain);
      if (loop.isEmpty()) continue;
      Set<String> key = new HashSet<>();
      for (HttpExchange x : loop) key.add(x.method() + " " + x.url().getHost() + ":" + x.url().getPort() + x.url().getRawPath());
      if (!seen.add(key)) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("loop", loop.size() + " hop(s), then " + ctx.redactor().url(loop.get(0).url().toString()) + " again");
      String causes = String.join("; ", causes(loop, chain, observations, ctx));
      if (!causes.isEmpty()) facts.put("points to", causes);
      List<Evidence> ev = new ArrayList<>();
      for (HttpExchange h : loop.subList(0, Math.min(loop.size(), SHOWN))) {
        ev.add(ctx.evidence(h, "header", h.method() + " " + ctx.redactor().url(h.url().toString()) + " → " + h.status(),
            ctx.redactor().header("Location", h.responseHeader("Location").orElse("")), ev.isEmpty() ? facts : Map.of()));
      }
      out.add(ctx.finding(ev));
    }
    return out;
  }

  /**
   * The loop in {@code chain}: from the first exchange whose request comes back later with the same redirect
   * (same method, status and {@code Location}) up to the hop before it comes back; empty when none does.
   */
  static List<HttpExchange> cycle(List<HttpExchange> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (int j = i + 1; j < chain.size(); j++) {
        if (LoopedRedirects.sameRedirect(chain.get(i), chain.get(j))) return chain.subList(i, j);
      }
    }
    return List.of();
  }

  /** What the loop points to, as the ids of the checks that measure it. */
  private static List<String> causes(List<HttpExchange> loop, List<HttpExchange> chain, Observations observations,
      CheckContext ctx) {
    Set<String> out = new LinkedHashSet<>();
    for (HttpExchange x : loop) {
      URI t = Redirects.target(x).orElse(null);
      if (t == null || !x.isHttps()) continue;
      if (t.equals(x.url()) || "http".equalsIgnoreCase(t.getScheme())) {
        out.add("the app answers the https request " + ctx.redactor().url(x.url().toString())
            + " as if it were plain http (proxy.forwarded-proto-missing or proxy.forwarded-proto-untrusted)");
        break;
      }
    }
    Set<Integer> steps = new HashSet<>();
    for (HttpExchange x : chain) steps.add(x.step());
    for (CookieSetEvent e : observations.of(CookieSetEvent.class)) {
      if (!steps.contains(e.step()) || e.result().stored() || e.result().deleted() != null || e.result().finding() == null) {
        continue;
      }
      out.add("the browser refused the cookie " + e.result().name() + " at step " + e.step() + " ("
          + e.result().finding() + "), so it never comes back");
    }
    return List.copyOf(out);
  }
}
