package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code session.lost-on-restart} in deployment files: a session-signing secret ({@code SECRET_KEY},
 * {@code SESSION_SECRET}, …) set from a random generator in a start command or entrypoint script
 * ({@code SECRET_KEY=$(openssl rand -hex 32)}): each start signs with a new key, so every restart or
 * deploy signs everyone out. The value is shown only as a fingerprint, the generator by name.
 */
@CheckSpec(id = "session.lost-on-restart", severity = Severity.ERROR, needs = DeploySetting.class)
public final class SessionLostOnRestartInDeploy implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, DeployProcess> processes = new LinkedHashMap<>();
    for (DeployProcess p : observations.of(DeployProcess.class)) processes.put(p.name(), p);
    List<Evidence> out = new ArrayList<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (!s.generated() || !SessionSecretWeakInEnv.SESSION_SECRET.matcher(s.key()).matches()) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("generator", s.generator());
      DeployProcess p = s.instance() == null ? null : processes.get(s.instance());
      facts.put("note", "a new " + s.key() + " at each start: a restart or deploy signs everyone out"
          + (p != null && p.replicas() > 1 ? ", and each of the " + p.replicas() + " replicas signs with its own" : ""));
      out.add(ctx.evidence(s, "config", s.key() + (s.instance() == null ? " in " + s.file() : " of " + s.instance()), s.excerpt(ctx.redactor()), facts));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
