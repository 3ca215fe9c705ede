package authdoctor.report;

import authdoctor.Unexplained;
import authdoctor.diff.Difference;
import authdoctor.diff.DiffReport;
import authdoctor.diff.Row;
import authdoctor.diff.StepView;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The JSON of a {@link Result.Diff} ({@code authdoctor diff --format json}): the {@code authdoctor/1}
 * object of the combined report (every finding once, each evidence naming its target in {@code
 * facts.target}; the steps of A, then of B, each naming its target), plus {@code targets} and {@code diff}
 * (the aligned steps and what differs).
 */
final class DiffJson {
  private DiffJson() {}

  static Map<String, Object> tree(DiffReport d) {
    Map<String, Object> root = JsonReporter.tree(d.combined());
    root.put("targets", List.of(target(d.a()), target(d.b())));
    Map<String, Object> diff = new LinkedHashMap<>();
    diff.put("first_divergence", d.comparison().firstDivergence().map(r -> row(d, r)).orElse(null));
    diff.put("diverging_steps", d.comparison().divergingSteps());
    diff.put("only_a", d.only(d.a()).stream().map(f -> f.id()).distinct().toList());
    diff.put("only_b", d.only(d.b()).stream().map(f -> f.id()).distinct().toList());
    diff.put("both", d.both().stream().map(f -> f.id()).distinct().toList());
    diff.put("rows", d.comparison().rows().stream().map(r -> (Object) row(d, r)).toList());
    root.put("diff", diff);
    return root;
  }

  private static Map<String, Object> target(DiffReport.Target t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("url", t.url());
    m.put("framework", t.framework());
    m.put("summary", JsonReporter.summary(t.report()));
    m.put("findings", t.report().findings().stream().map(f -> f.id()).distinct().toList());
    Unexplained u = t.report().unexplained();
    m.put("unexplained", JsonReporter.unexplained(u == null ? null
        : new Unexplained(t.step(u.step()), u.what(), u.ruledOut(), u.next())));
    return m;
  }

  private static Map<String, Object> row(DiffReport d, Row r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", r.label());
    m.put("a", view(d.a(), r.a()));
    m.put("b", view(d.b(), r.b()));
    m.put("diverges", r.diverges());
    m.put("differences", r.differences().stream().map(DiffJson::difference).toList());
    return m;
  }

  private static @Nullable Map<String, Object> view(DiffReport.Target t, @Nullable StepView v) {
    if (v == null) return null;
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("step", t.step(v.step()));
    m.put("method", v.method());
    m.put("url", v.url());
    m.put("facts", v.shownFacts());
    return m;
  }

  private static Object difference(Difference x) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("aspect", x.aspect());
    m.put("a", x.a());
    m.put("b", x.b());
    m.put("outcome", x.outcome());
    m.put("expected", x.expected());
    return m;
  }
}
