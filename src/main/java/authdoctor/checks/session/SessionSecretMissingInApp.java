package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * {@code session.secret-missing} across the app's settings and its deployment: the app reads its secret
 * from one variable ({@code FLASK_SECRET_KEY}) with a fallback (a key generated at start, or a default
 * written in the code), and the deployment files never set that variable but set a secret of a near name
 * ({@code SECRET_KEY}): the secret the operators meant is not the one the app reads. Evidence: the app's
 * lookup (the line to change, or rename the variable), and the deployment line with the other name.
 */
@CheckSpec(id = "session.secret-missing", severity = Severity.ERROR, needs = {AppSetting.class, DeploySetting.class})
public final class SessionSecretMissingInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppSetting s : AppLayer.settings(observations, Concept.SESSION_SECRET)) {
      String variable = switch (s.value()) {
        case Value.Generated(String e, String v) -> v;
        case Value.FromEnv(String v, String fallback) -> fallback == null ? null : v;
        default -> null;
      };
      if (variable == null) continue;
      if (observations.of(DeploySetting.class).stream().anyMatch(d -> d.key().equals(variable))) continue;
      DeploySetting near = near(observations, variable);
      if (near == null) continue;
      String fallback = s.value() instanceof Value.Generated ? "a key generated at each start" : "the default written in the code";
      Evidence primary = AppLayer.at(ctx, s, "reads " + variable + ", which no deployment file sets: it falls back to " + fallback);
      out.add(primary);
      out.add(InEffect.related(ctx.evidence(near, "config", near.key() + (near.instance() == null ? " in " + near.file() : " of " + near.instance()),
          near.excerpt(ctx.redactor()), java.util.Map.of("note", "the deployment sets " + near.key() + ", not " + variable)), primary));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** A deployment variable whose name is the app's with a prefix added or left out ({@code SECRET_KEY} for {@code FLASK_SECRET_KEY}). */
  private static @Nullable DeploySetting near(Observations observations, String variable) {
    String v = variable.toUpperCase(Locale.ROOT);
    for (DeploySetting d : observations.of(DeploySetting.class)) {
      if (d.format() == DeploySetting.Format.REDIS) continue;
      String k = d.key().toUpperCase(Locale.ROOT);
      if (k.equals(v) || !SessionSecretWeakInEnv.SESSION_SECRET.matcher(d.key()).matches()) continue;
      if (v.endsWith("_" + k) || k.endsWith("_" + v)) return d;
    }
    return null;
  }
}
