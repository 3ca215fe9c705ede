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
 * {@code session.secret-mismatch} in deployment files: instances of one app (compose services, Kubernetes
 * workloads or systemd units that run the same image, build or command) given different session secrets
 * — different literal values, different env files, different Kubernetes Secrets — or a secret generated
 * at start ({@code $(openssl rand …)}) in a process that runs as several replicas. A session signed by
 * one instance is refused by the next. Values are shown only as fingerprints.
 */
@CheckSpec(id = "session.secret-mismatch", severity = Severity.ERROR, needs = {DeploySetting.class, DeployProcess.class})
public final class SessionSecretMismatchInDeploy implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, List<DeployProcess>> apps = new LinkedHashMap<>();
    Map<String, DeployProcess> byName = new LinkedHashMap<>();
    for (DeployProcess p : observations.of(DeployProcess.class)) {
      byName.put(p.name(), p);
      if (p.program() != null) apps.computeIfAbsent(p.program(), k -> new ArrayList<>()).add(p);
    }
    // instance → secret name → its last setting (a later one overrides, as compose's environment over env_file)
    Map<String, Map<String, DeploySetting>> secrets = new LinkedHashMap<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (s.instance() == null || !SessionSecretWeakInEnv.SESSION_SECRET.matcher(s.key()).matches()) continue;
      secrets.computeIfAbsent(s.instance(), k -> new LinkedHashMap<>()).put(s.key(), s);
    }
    List<Evidence> out = new ArrayList<>();
    for (Map.Entry<String, List<DeployProcess>> app : apps.entrySet()) {
      List<DeployProcess> instances = app.getValue();
      if (instances.size() < 2) continue;
      Map<String, Map<String, DeploySetting>> byKey = new LinkedHashMap<>();
      for (DeployProcess p : instances) {
        secrets.getOrDefault(p.name(), Map.of()).forEach((key, s) -> {
          if (!s.generated()) byKey.computeIfAbsent(key, k -> new LinkedHashMap<>()).putIfAbsent(s.value(), s);
        });
      }
      byKey.forEach((key, values) -> {
        if (values.size() < 2) return;
        for (DeploySetting s : values.values()) {
          out.add(ctx.evidence(s, "config", key + " of " + s.instance(), s.excerpt(ctx.redactor()),
              Map.of("note", values.size() + " different " + key + " values among the instances of " + app.getKey())));
        }
      });
    }
    for (Map.Entry<String, Map<String, DeploySetting>> e : secrets.entrySet()) {
      DeployProcess p = byName.get(e.getKey());
      if (p == null) continue;
      int copies = p.replicas() > 1 ? p.replicas() : 0;
      for (DeploySetting s : e.getValue().values()) {
        if (!s.generated() || copies == 0) continue;
        out.add(ctx.evidence(s, "config", s.key() + " of " + p.name(), s.excerpt(ctx.redactor()),
            Map.of("generator", s.generator(), "note", "generated at start in each of " + copies + " replicas: each signs with its own")));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
