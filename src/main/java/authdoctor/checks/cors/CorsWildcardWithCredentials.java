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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code cors.wildcard-with-credentials}: {@code Access-Control-Allow-Origin: *} on a cross-origin
 * request that carries credentials, or together with {@code Access-Control-Allow-Credentials: true}.
 * The Fetch standard's CORS check fails for credentialed requests unless the allowed origin is the
 * request's own origin, so the browser blocks the response.
 */
@CheckSpec(id = "cors.wildcard-with-credentials", severity = Severity.ERROR, needs = HttpExchange.class)
public final class CorsWildcardWithCredentials implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // One finding per responding origin: the same `*` answers every credentialed call to it.
    Map<String, List<Evidence>> byOrigin = new LinkedHashMap<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (x.requestHeader("Origin").isEmpty()) continue;
      String acao = x.responseHeader("Access-Control-Allow-Origin").map(String::strip).orElse("");
      if (!acao.equals("*")) continue;
      boolean allowCredentials =
          x.responseHeader("Access-Control-Allow-Credentials").map(v -> v.strip().equalsIgnoreCase("true")).orElse(false);
      // A preflight counts for the credentialed fetch it stopped (PreflightStop): that fetch was never sent.
      boolean credentialed = x.requestHeader("Cookie").isPresent() || x.requestHeader("Authorization").isPresent()
          || observations.of(PreflightStop.class).stream().anyMatch(p -> p.step() == x.step() && p.credentials());
      if (!allowCredentials && !credentialed) continue;
      String sent = credentialed ? "the request carried credentials" : "Access-Control-Allow-Credentials: true";
      byOrigin.computeIfAbsent(Cors.origin(x.url()), k -> new ArrayList<>()).add(
          ctx.evidence(x, "header",
              x.method() + " " + ctx.redactor().url(x.url().toString()) + " from " + x.requestHeader("Origin").orElseThrow(),
              ctx.redactor().plain("Access-Control-Allow-Origin: * with " + sent)));
    }
    return byOrigin.values().stream().map(all -> ctx.grouped(all, "exchange(s)")).toList();
  }
}
