package authdoctor.checks.cors;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * {@code cors.origin-not-allowed} across the application and the deployment: the frontend's URL the
 * deployment gives ({@code FRONTEND_URL}, {@code CLIENT_ORIGIN}, {@code WEB_APP_URL}, …) names an origin
 * that the application's allowed CORS origins in effect do not list (compared exactly, as the Fetch
 * standard's CORS check does), so the browser refuses the API's answers to the frontend. Any origin
 * ({@code *}) and reflected origins are not judged here.
 */
@CheckSpec(id = "cors.origin-not-allowed", severity = Severity.ERROR, needs = AppSetting.class)
public final class CorsOriginNotAllowedInApp implements Check {
  private static final Pattern FRONTEND = Pattern.compile("(?i).*(FRONTEND|CLIENT|SPA|WEB_?APP|UI)_?(URL|ORIGIN|BASE_URL|HOST)S?");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<DeploySetting> frontends = observations.of(DeploySetting.class).stream()
        .filter(d -> FRONTEND.matcher(d.key()).matches() && d.literal() && InEffect.origin(d.value()) != null).toList();
    if (frontends.isEmpty()) return List.of();
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.CORS_ORIGINS)) {
      List<String> allowed = InEffect.list(r.value()).stream().map(o -> o.equals("*") || o.equals("reflect") ? o : InEffect.origin(o)).toList();
      if (allowed.contains("*") || allowed.contains("reflect")) continue;
      for (DeploySetting f : frontends) {
        if (r.from() == f) continue;
        String frontend = InEffect.origin(f.value());
        if (allowed.contains(frontend)) continue;
        List<Evidence> e = InEffect.withSource(ctx, r, "the frontend " + frontend + " (" + f.key() + ") is not an allowed origin: "
            + "the browser refuses the API's answers to it");
        out.addAll(e);
        out.add(InEffect.related(ctx.evidence(f, "config", f.key() + " in " + f.file(), f.excerpt(ctx.redactor())), e.get(0)));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
