package authdoctor.checks.cors;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code cors.wildcard-with-credentials} in application settings: allowed origins {@code *} together with
 * credentials ({@code cors({origin: '*', credentials: true})}, {@code allowedOrigins("*")} with {@code
 * allowCredentials(true)}). The Fetch standard (§3.2.5, CORS check) refuses {@code
 * Access-Control-Allow-Origin: *} on a credentialed request, so the frontend's calls fail (Spring refuses
 * the pair at start-up). The two settings are paired within one Express file, or one application otherwise.
 */
@CheckSpec(id = "cors.wildcard-with-credentials", severity = Severity.ERROR, needs = AppSetting.class)
public final class CorsWildcardWithCredentialsInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<InEffect.Resolved> credentials = InEffect.all(observations, AppSetting.Concept.CORS_CREDENTIALS).stream()
        .filter(r -> r.value().strip().equalsIgnoreCase("true")).toList();
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.CORS_ORIGINS)) {
      if (!InEffect.list(r.value()).contains("*")) continue;
      for (InEffect.Resolved c : credentials) {
        if (!paired(r.setting(), c.setting())) continue;
        List<Evidence> e = InEffect.withSource(ctx, r, "any origin (*) with credentials: browsers refuse the credentialed responses");
        out.addAll(e);
        out.add(InEffect.related(ctx, c.setting(), e.get(0)));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  static boolean paired(AppSetting origins, AppSetting credentials) {
    if (!origins.framework().equals(credentials.framework())) return false;
    if (!origins.framework().equals("express")) return true;
    if (!origins.file().equals(credentials.file())) return false;
    int a = origins.location() instanceof authdoctor.Location.FileLine f ? f.line() : 0;
    int b = credentials.location() instanceof authdoctor.Location.FileLine f ? f.line() : 0;
    return Math.abs(a - b) <= 12;
  }
}
