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
import java.util.List;
import java.util.Map;

/**
 * {@code cors.credentials-not-allowed}: a credentialed cross-origin request (it carried cookies or
 * {@code Authorization}) whose response allows the origin but not credentials
 * ({@code Access-Control-Allow-Credentials: true} absent): the browser hides the response from the page;
 * or the preflight of a fetch with {@code credentials: 'include'} answered so ({@link PreflightStop}): the
 * browser never sends the fetch (Fetch §4.8 step 7, the CORS check with credentials).
 */
@CheckSpec(id = "cors.credentials-not-allowed", severity = Severity.ERROR, needs = HttpExchange.class)
public final class CorsCredentialsNotAllowed implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (!x.answered() || Cors.preflight(x) || !Cors.credentialed(x)) continue;
      String origin = Cors.crossOrigin(x).orElse(null);
      if (origin == null || !Cors.allowOrigin(x).equalsIgnoreCase(origin) || Cors.allowCredentials(x)) continue;
      ev.add(ctx.evidence(x, "header", x.method() + " " + ctx.redactor().url(x.url().toString()) + " from " + origin,
          ctx.redactor().plain("Access-Control-Allow-Origin: " + Cors.allowOrigin(x)
              + " without Access-Control-Allow-Credentials: true"),
          Map.of("request carried", x.requestHeader("Cookie").isPresent() ? "cookies" : "Authorization")));
    }
    // A credentialed fetch the browser never sent: its preflight allowed the origin but not credentials.
    for (PreflightStop stop : observations.of(PreflightStop.class)) {
      if (!stop.credentials()) continue;
      HttpExchange x = Cors.exchangeAt(observations, stop.step()).orElse(null);
      if (x == null || !x.answered() || !Cors.allowOrigin(x).equalsIgnoreCase(stop.origin()) || Cors.allowCredentials(x)) continue;
      ev.add(ctx.evidence(x, "header", "OPTIONS " + ctx.redactor().url(x.url().toString()) + " from " + stop.origin(),
          ctx.redactor().plain("Access-Control-Allow-Origin: " + Cors.allowOrigin(x)
              + " without Access-Control-Allow-Credentials: true"),
          Map.of("not sent", stop.method() + " " + ctx.redactor().url(stop.url().toString())
              + " with credentials: 'include' (the browser stops at this preflight)")));
    }
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }
}
