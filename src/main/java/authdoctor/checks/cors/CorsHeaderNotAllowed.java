package authdoctor.checks.cors;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.PreflightStop;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * {@code cors.header-not-allowed}: a preflight that allows the origin but not every header the client
 * asked for in {@code Access-Control-Request-Headers}. {@code *} allows any header except
 * {@code Authorization}, and only for requests without credentials (Fetch §3.2.5); CORS-safelisted
 * headers need no permission.
 */
@CheckSpec(id = "cors.header-not-allowed", severity = Severity.ERROR, needs = HttpExchange.class)
public final class CorsHeaderNotAllowed implements Check {
  private static final Set<String> SAFELISTED = Set.of("accept", "accept-language", "content-language");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.answered() || !Cors.preflight(x)) continue;
      String origin = Cors.crossOrigin(x).orElse(null);
      if (origin == null) continue;
      String acao = Cors.allowOrigin(x);
      if (!acao.equals("*") && !acao.equalsIgnoreCase(origin)) continue; // cors.origin-not-allowed says it
      Set<String> allowed = split(String.join(",", x.responseHeaders("Access-Control-Allow-Headers")));
      // `*` is no wildcard for a credentialed request (Fetch §4.8 step 7.5): the preflight of a fetch with
      // credentials: 'include' that it stopped (PreflightStop) counts as one.
      boolean wildcard = allowed.contains("*") && !Cors.allowCredentials(x)
          && observations.of(PreflightStop.class).stream().noneMatch(p -> p.step() == x.step() && p.credentials());
      List<String> refused = new ArrayList<>();
      for (String h : split(x.requestHeader("Access-Control-Request-Headers").orElse(""))) {
        if (SAFELISTED.contains(h) || allowed.contains(h)) continue;
        if (wildcard && !h.equals("authorization")) continue;
        refused.add(h);
      }
      if (refused.isEmpty()) continue;
      ev.add(ctx.evidence(x, "header", "OPTIONS " + ctx.redactor().url(x.url().toString()) + " from " + origin,
          ctx.redactor().plain("Access-Control-Request-Headers: " + x.requestHeader("Access-Control-Request-Headers").orElse("")
              + " answered with Access-Control-Allow-Headers: "
              + (allowed.isEmpty() ? "(none)" : String.join(", ", x.responseHeaders("Access-Control-Allow-Headers")))),
          Map.of("not allowed", String.join(", ", refused))));
    }
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }

  private static Set<String> split(String s) {
    return Arrays.stream(s.split(",")).map(v -> v.strip().toLowerCase(Locale.ROOT)).filter(v -> !v.isEmpty())
        .collect(Collectors.toCollection(java.util.LinkedHashSet::new));
  }
}
