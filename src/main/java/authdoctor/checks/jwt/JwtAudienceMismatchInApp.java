package authdoctor.checks.jwt;

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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code jwt.audience-mismatch} across services: a service requires an audience ({@code
 * jwt.audiences}, {@code jwt.verify({audience})}) that none of the audiences the tree's signing service
 * writes ({@code jwt.sign({audience})}) contains; RFC 7519 §4.1.3: a verifier that does not find itself in
 * {@code aud} must reject the token.
 */
@CheckSpec(id = "jwt.audience-mismatch", severity = Severity.ERROR, needs = AppSetting.class)
public final class JwtAudienceMismatchInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<InEffect.Resolved> issued = InEffect.all(observations, AppSetting.Concept.TOKEN_AUDIENCE);
    if (issued.isEmpty()) return List.of();
    Set<String> audiences = new LinkedHashSet<>();
    issued.forEach(i -> audiences.addAll(InEffect.list(i.value())));
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.JWT_AUDIENCE)) {
      if (InEffect.list(r.value()).stream().anyMatch(audiences::contains)) continue;
      List<Evidence> e = InEffect.withSource(ctx, r, "requires aud " + r.value() + ", but tokens are signed for " + String.join(", ", audiences));
      out.addAll(e);
      for (InEffect.Resolved i : issued) out.add(InEffect.related(ctx, i.setting(), e.get(0)));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
