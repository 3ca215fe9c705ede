package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code session.lost-on-restart} in the app's settings: the session secret is generated when the code
 * is imported ({@code SECRET_KEY = os.urandom(24)}, {@code SessionMiddleware(secret_key=secrets.token_hex())}),
 * with no environment variable tried first: every start (every worker) signs with a new key, so a
 * restart or deploy signs everyone out. A generated fallback behind a variable is {@code
 * session.secret-missing}'s when the deployment gives the variable another name.
 */
@CheckSpec(id = "session.lost-on-restart", severity = Severity.ERROR, needs = AppSetting.class)
public final class SessionLostOnRestartInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppSetting s : AppLayer.settings(observations, Concept.SESSION_SECRET)) {
      if (!(s.value() instanceof Value.Generated(String expression, String variable)) || variable != null) continue;
      out.add(AppLayer.at(ctx, s, "a new key at each start (" + expression + "): a restart or deploy signs everyone out, and each worker signs with its own"));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
