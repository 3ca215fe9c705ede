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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors.vary-origin-missing}: the response reflects the request's {@code Origin} in
 * {@code Access-Control-Allow-Origin} but has no {@code Vary: Origin}, so a shared cache may serve one
 * origin's answer to another (Fetch standard, "CORS protocol and HTTP caches").
 */
@CheckSpec(id = "cors.vary-origin-missing", severity = Severity.WARN, needs = HttpExchange.class)
public final class CorsVaryOriginMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // One finding per responding origin: the server (or proxy) reflects every Origin the same way.
    Map<String, List<Evidence>> byOrigin = new LinkedHashMap<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      String origin = x.requestHeader("Origin").map(String::strip).orElse(null);
      String acao = x.responseHeader("Access-Control-Allow-Origin").map(String::strip).orElse(null);
      if (origin == null || acao == null || !acao.equalsIgnoreCase(origin) || origin.equals("null")) continue;
      boolean varies =
          x.responseHeaders("Vary").stream()
              .flatMap(v -> Arrays.stream(v.split(",")))
              .map(String::strip)
              .anyMatch(v -> v.equalsIgnoreCase("Origin") || v.equals("*"));
      if (varies) continue;
      byOrigin.computeIfAbsent(Cors.origin(x.url()), k -> new ArrayList<>()).add(
          ctx.evidence(x, "header",
              x.method() + " " + ctx.redactor().url(x.url().toString()),
              ctx.redactor().plain("Access-Control-Allow-Origin: " + acao + " (reflected) without Vary: Origin")));
    }
    return byOrigin.values().stream().map(all -> ctx.grouped(all, "exchange(s)")).toList();
  }
}
