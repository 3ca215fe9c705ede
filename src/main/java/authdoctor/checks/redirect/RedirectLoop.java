package authdoctor.checks.redirect;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code redirect.loop}: a chain of redirects the browser followed comes back to a URL it was already sent
 * to (app ↔ login page, app ↔ provider, an https URL redirecting to itself), so the browser gives up with
 * "too many redirects". A hop is the next exchange (within {@link #HOP_GAP} steps) of the URL the previous
 * one redirected to, with the method the browser uses for it. The hops up to the repeated URL are the evidence; {@code CausalOrder} puts a cause
 * another check names (a missing {@code X-Forwarded-Proto}) before it.
 */
@CheckSpec(id = "redirect.loop", severity = Severity.ERROR, needs = HttpExchange.class)
public final class RedirectLoop implements Check {
  /** How many steps later a redirect's hop may be recorded (another request of the run may come between). */
  static final int HOP_GAP = 3;
  /** Hops shown as evidence. */
  private static final int SHOWN = 6;

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<HttpExchange> all = observations.of(HttpExchange.class).stream()
        .sorted(Comparator.comparingInt(HttpExchange::step)).toList();
    Set<Integer> inChain = new HashSet<>();
    List<Finding> out = new ArrayList<>();
    Set<Set<URI>> seen = new HashSet<>();
    for (HttpExchange x : all) {
      if (inChain.contains(x.step()) || !x.isRedirect()) continue;
      List<HttpExchange> chain = chain(all, x);
      chain.forEach(h -> inChain.add(h.step()));
      HttpExchange last = chain.get(chain.size() - 1);
      URI target = Redirects.target(last).orElse(null);
      if (target == null || chain.stream().noneMatch(h -> h.url().equals(target))) continue;
      // The loop itself: from the first visit of the repeated URL to the hop that sends the browser back.
      int from = 0;
      while (!chain.get(from).url().equals(target)) from++;
      List<HttpExchange> loop = chain.subList(from, chain.size());
      if (!seen.add(new HashSet<>(loop.stream().map(HttpExchange::url).toList()))) continue;
      List<Evidence> ev = new ArrayList<>();
      for (HttpExchange h : loop.subList(0, Math.min(loop.size(), SHOWN))) {
        ev.add(ctx.evidence(h, "header", h.method() + " " + ctx.redactor().url(h.url().toString()) + " → " + h.status(),
            ctx.redactor().header("Location", h.responseHeader("Location").orElse(""))));
      }
      out.add(ctx.finding(ev));
    }
    return out;
  }

  /** {@code first} and the hops the browser made after it, each the redirect target of the one before. */
  private static List<HttpExchange> chain(List<HttpExchange> all, HttpExchange first) {
    List<HttpExchange> chain = new ArrayList<>(List.of(first));
    Set<URI> visited = new HashSet<>(List.of(first.url()));
    HttpExchange current = first;
    while (true) {
      URI t = Redirects.target(current).orElse(null);
      if (t == null || visited.contains(t)) return chain;
      HttpExchange next = null;
      for (HttpExchange y : all) {
        if (y.step() > current.step() && y.step() <= current.step() + HOP_GAP && y.url().equals(t)
            && y.method().equals(hopMethod(current))) {
          next = y;
          break;
        }
      }
      if (next == null) return chain;
      chain.add(next);
      visited.add(t);
      current = next;
    }
  }

  /** The method of the hop after {@code x}: the same for 307 and 308, else GET (RFC 9110 §15.4; Fetch §4.4). */
  private static String hopMethod(HttpExchange x) {
    return x.status() == 307 || x.status() == 308 ? x.method() : "GET";
  }
}
