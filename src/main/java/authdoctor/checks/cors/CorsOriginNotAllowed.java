package authdoctor.checks.cors;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code cors.origin-not-allowed}: a cross-origin request (preflight or actual) whose response has no
 * {@code Access-Control-Allow-Origin}, or one naming another origin: the browser blocks the response.
 * {@code *} is left to {@code cors.wildcard-with-credentials}.
 */
@CheckSpec(id = "cors.origin-not-allowed", severity = Severity.ERROR, needs = HttpExchange.class)
public final class CorsOriginNotAllowed implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.answered()) continue;
      String origin = Cors.crossOrigin(x).orElse(null);
      if (origin == null) continue;
      String acao = Cors.allowOrigin(x);
      if (acao.equals("*") || acao.equalsIgnoreCase(origin)) continue;
      ev.add(ctx.evidence(x, "header", x.method() + " " + ctx.redactor().url(x.url().toString()) + " from " + origin,
          ctx.redactor().plain(acao.isEmpty() ? "no Access-Control-Allow-Origin in the " + x.status() + " response"
              : "Access-Control-Allow-Origin: " + acao),
          Map.of("Origin sent", origin)));
    }
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }
}
