package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppServer;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.DeployProcess;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code session.store-not-shared} across the app's settings and its deployment: sessions kept in a
 * process's memory (Django's {@code LocMemCache}, the default cache) while the deployment runs several
 * processes of the app (gunicorn or uvicorn {@code --workers}, {@code workers} in {@code
 * gunicorn.conf.py}, {@code WEB_CONCURRENCY}, replicas), or kept in files ({@code SESSION_TYPE =
 * "filesystem"}, Django's file engine) while several containers run it. A request that lands on another
 * process finds no session. Evidence: the store setting, and the deployment line that runs several.
 */
@CheckSpec(id = "session.store-not-shared", severity = Severity.ERROR, needs = {AppSetting.class, DeployProcess.class})
public final class SessionStoreNotSharedInApp implements Check {
  private static final Pattern WORKERS = Pattern.compile("(?:^|\\s)(?:-w|--workers)(?:=|\\s+)(\\d+)");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (AppSetting s : AppLayer.settings(observations, Concept.SESSION_STORE)) {
      String store = AppLayer.value(s, observations);
      if (!"memory".equals(store) && !"file".equals(store)) continue;
      Several several = several(observations, "memory".equals(store));
      if (several == null) continue;
      Evidence primary = AppLayer.at(ctx, s, "sessions kept " + ("memory".equals(store) ? "in each process's memory" : "in each container's files")
          + ", and " + several.what + ": a request on another one finds no session");
      out.add(primary);
      out.add(InEffect.related(ctx.evidence(several.at, "config", several.subject, ctx.redactor().plain(several.excerpt)), primary));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** What runs several copies of the app, and where it is written. */
  private record Several(String what, String subject, String excerpt, Observation at) {}

  /** The first deployment fact that runs the app more than once; workers count only for per-process stores. */
  private static Several several(Observations observations, boolean perProcess) {
    Map<String, DeployProcess> processes = new LinkedHashMap<>();
    for (DeployProcess p : observations.of(DeployProcess.class)) processes.put(p.name(), p);
    for (AppServer a : observations.of(AppServer.class)) {
      DeployProcess p = a.instance() == null ? null : processes.get(a.instance());
      if (p != null && p.replicas() > 1) {
        return new Several(p.replicas() + " replicas of " + p.name() + " run", p.name(), p.replicas() + " replicas of: " + p.command(), p);
      }
      if (!perProcess) continue;
      if (p != null) {
        Matcher m = WORKERS.matcher(p.command());
        if (m.find() && Integer.parseInt(m.group(1)) > 1) {
          return new Several(a.server() + " runs " + m.group(1) + " worker processes", p.name(), p.command(), p);
        }
      }
    }
    if (!perProcess) return null;
    for (DeploySetting d : observations.of(DeploySetting.class)) {
      boolean workers = (d.format() == DeploySetting.Format.GUNICORN && d.key().equals("workers")) || d.key().equals("WEB_CONCURRENCY");
      if (workers && AppLayer.count(d.value()) > 1) {
        return new Several("gunicorn runs " + d.value() + " worker processes", d.key() + " in " + d.file(), d.key() + " = " + d.value(), d);
      }
    }
    return null;
  }
}
