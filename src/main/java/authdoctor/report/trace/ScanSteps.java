package authdoctor.report.trace;

import authdoctor.Step;
import authdoctor.observation.Collected;
import authdoctor.observation.ConfigRead;
import authdoctor.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The scan's trace, rendered from its {@link ConfigRead}s: one step per file read, in the order read.
 *
 * <p>JSON of an nginx step: {@code {"step", "kind": "nginx", "file", "files", "unread"}} (the files its
 * includes brought in, the includes it could not read); of an {@code env} or {@code redis} step: {@code
 * {"step", "kind", "file", "settings"}}; of a deployment file ({@code compose}, {@code kubernetes},
 * {@code dockerfile}, {@code systemd}, {@code procfile}, {@code gunicorn}, {@code script}): {@code {"step",
 * "kind", "file", "settings", "processes"}}.
 */
public final class ScanSteps {
  private ScanSteps() {}

  /** The scan with its trace. */
  public static Collected traced(Collected scan) {
    return scan.withTrace(of(scan.observations()));
  }

  /** The steps of one scan, numbered from 1. */
  public static List<Step> of(List<Observation> observations) {
    List<Step> steps = new ArrayList<>();
    for (Observation o : observations) {
      if (o instanceof ConfigRead r) steps.add(step(steps.size() + 1, r));
    }
    return steps;
  }

  private static Step step(int n, ConfigRead r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", n);
    json.put("kind", r.kind());
    json.put("file", r.file());
    if (r.kind().equals("nginx")) {
      json.put("files", r.files());
      json.put("unread", r.unread());
      List<String> text = new ArrayList<>();
      text.add("nginx " + r.file() + (r.files().size() > 1 ? " (+" + (r.files().size() - 1) + " included)" : ""));
      r.unread().forEach(u -> text.add("  not read: " + u));
      return new Step(json, text);
    }
    json.put("settings", r.settings());
    if (r.processes() < 0) return new Step(json, List.of(r.kind() + " " + r.file() + " (" + r.settings() + " settings)"));
    json.put("processes", r.processes());
    return new Step(json, List.of(r.kind() + " " + r.file() + " (" + r.processes() + " processes, " + r.settings() + " settings)"));
  }
}
