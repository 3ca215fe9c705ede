package authdoctor.report;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Lost;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Unexplained;
import authdoctor.Version;
import authdoctor.check.Outcome;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/** The {@code authdoctor/1} JSON object of ARCHITECTURE.md, built from records through Jackson. */
public final class JsonReporter implements Reporter {
  public static final String SCHEMA = "authdoctor/1";

  @Override
  public void write(Result result, Writer out) throws IOException {
    Map<String, Object> tree =
        switch (result) {
          case Result.Single s -> tree(s.report());
          case Result.Combined c -> tree(c.report());
          case Result.Diff d -> DiffJson.tree(d.diff());
        };
    writeTree(tree, out);
  }

  /** Writes a tree of ordered maps and lists as the reports print it: two-space indent, a final newline. */
  public static void writeTree(Object tree, Writer out) throws IOException {
    DefaultPrettyPrinter pp = new DefaultPrettyPrinter().withObjectIndenter(new DefaultIndenter("  ", "\n"));
    Mappers.json().writer(pp).writeValue(out, tree);
    out.write('\n');
  }

  /** The JSON tree as ordered maps and lists (also used by commands that combine reports). */
  public static Map<String, Object> tree(Report report) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("schema", SCHEMA);
    root.put("tool", tool());
    root.put("command", report.command());
    root.put("target", report.target());
    root.put("framework", report.framework());
    root.put("summary", summary(report));
    root.put("unexplained", unexplained(report.unexplained()));
    if (report.command().equals("har")) root.put("lost", lost(report.lost()));
    root.put("findings", report.findings().stream().map(JsonReporter::finding).toList());
    root.put("steps", report.steps().stream().map(s -> (Object) s.json()).toList());
    root.put(
        "problems",
        report.problems().stream()
            .map(p -> (Object) ordered("source", p.source(), "message", p.message()))
            .toList());
    List<Object> crashed = new ArrayList<>();
    for (Outcome o : report.outcomes()) {
      if (o instanceof Outcome.Crashed c) crashed.add(ordered("id", c.id(), "message", c.message()));
    }
    root.put("crashed_checks", crashed);
    List<Object> contradicted = new ArrayList<>();
    for (Outcome o : report.outcomes()) {
      if (o instanceof Outcome.Contradicted c) contradicted.add(ordered("id", c.id(), "note", c.note()));
    }
    if (!contradicted.isEmpty()) root.put("contradicted", contradicted); // probe --config only
    return root;
  }

  /** {@code {"step": n, "what": …, "ruled_out": […], "next": […]}}, or null when the flow did not fail unexplained. */
  public static @Nullable Map<String, Object> unexplained(@Nullable Unexplained u) {
    return u == null ? null : ordered("step", u.step(), "what", u.what(), "ruled_out", u.ruledOut(), "next", u.next());
  }

  /** {@code {"entry": n, "cause_entry": m, "kind": …}} ({@code cause_entry} null when unexplained), or null. */
  public static @Nullable Map<String, Object> lost(@Nullable Lost l) {
    return l == null ? null : ordered("entry", l.entry(), "cause_entry", l.causeEntry(), "kind", l.kind().word());
  }

  /** {@code {"name": "authdoctor", "version": …}}, in that order. */
  public static Map<String, Object> tool() {
    return ordered("name", "authdoctor", "version", Version.get());
  }

  static Map<String, Object> summary(Report report) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (Severity s : Severity.values()) {
      m.put(s.word(), report.findings().stream().filter(f -> f.severity() == s).count());
    }
    return m;
  }

  static Map<String, Object> finding(Finding f) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", f.id());
    m.put("severity", f.severity().word());
    m.put("title", f.title());
    m.put("evidence", f.evidence().stream().map(JsonReporter::evidence).toList());
    m.put("why", f.why());
    m.put("fix", f.fix());
    m.put("fixes", f.fixes());
    if (f.accepted() != null) {
      Map<String, Object> a = new LinkedHashMap<>();
      a.put("reason", f.accepted().reason());
      a.put("until", f.accepted().until() == null ? null : f.accepted().until().toString());
      m.put("accepted", a);
    }
    return m;
  }

  private static Object evidence(Evidence e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", e.kind());
    m.put("subject", e.subject());
    m.put("text", e.excerpt().text());
    m.put("location", e.location() == null ? null : location(e.location()));
    if (!e.facts().isEmpty()) m.put("facts", e.facts());
    return m;
  }

  static Map<String, Object> location(Location l) {
    return switch (l) {
      case Location.ExchangeRef r -> ordered("step", r.step());
      case Location.FileLine f when f.column() > 0 -> ordered("file", f.file(), "line", f.line(), "column", f.column());
      case Location.FileLine f -> ordered("file", f.file(), "line", f.line());
      case Location.HarEntryRef h -> ordered("har_entry", h.entry());
      case Location.ClaimRef c -> ordered("claim", c.claim());
      case Location.StoreKey k -> ordered("store_key", k.key());
    };
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  /** Lazily built Jackson mappers (building one costs start-up time). */
  public static final class Mappers {
    private static volatile ObjectMapper json;

    private Mappers() {}

    public static ObjectMapper json() {
      ObjectMapper m = json;
      if (m == null) {
        synchronized (Mappers.class) {
          if (json == null) {
            json = new ObjectMapper().disable(SerializationFeature.FAIL_ON_EMPTY_BEANS);
          }
          m = json;
        }
      }
      return m;
    }
  }
}
