package authdoctor.cli;

import authdoctor.catalog.Catalog;
import authdoctor.catalog.CatalogEntry;
import authdoctor.report.Format;
import authdoctor.report.JsonReporter;
import authdoctor.report.MarkdownText;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor explain ID} and {@code explain --list}: the catalog, from its Markdown source. It
 * writes catalog entries, not findings, so it declares text and JSON only.
 */
@WritesFormats({Format.TEXT, Format.JSON})
@Command(
    name = "explain",
    mixinStandardHelpOptions = true,
    description = "Explain a finding id: why it breaks auth, how to confirm it by hand, the fix per stack.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor explain proxy.forwarded-proto-missing",
      "  authdoctor explain cookie.samesite-none-insecure --stack django",
      "  authdoctor explain --list --format json"
    })
final class ExplainCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(arity = "0..1", paramLabel = "ID", description = "A finding id, e.g. cookie.samesite-none-insecure.")
  @Nullable String id;

  @Option(names = "--list", description = "List every id with its severity and title.")
  boolean list;

  @Option(
      names = "--stack",
      paramLabel = "STACK",
      description = "Show only the fix for this stack: nginx, apache, flask, django, fastapi, express, spring, rails, gunicorn, uvicorn, keycloak, any.")
  @Nullable String stack;

  @Option(names = "--format", paramLabel = "FORMAT", description = "Output format: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).", defaultValue = "text")
  Format format = Format.TEXT;

  ExplainCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() throws IOException {
    Catalog catalog = Catalog.bundled();
    if (list == (id != null)) throw new UsageError("give one finding id, or --list (see 'authdoctor explain --help')");
    if (list) {
      io.out().print(render(() -> listText(catalog), () -> listJson(catalog)));
      return ExitCode.OK.code;
    }
    CatalogEntry e =
        catalog.find(id).orElseThrow(() -> new UsageError("unknown finding id '" + id + "'" + suggestion(catalog, id)));
    if (stack != null && !Catalog.STACKS.containsValue(stack)) {
      throw new UsageError("unknown --stack '" + stack + "' (nginx, apache, flask, django, fastapi, express, spring, rails, gunicorn, uvicorn, keycloak, any)");
    }
    io.out().print(render(() -> text(e), () -> entryJson(e)));
    return ExitCode.OK.code;
  }

  /** The output in the chosen format: one of the two {@link WritesFormats} declares for explain. */
  private String render(Supplier<String> text, Supplier<Object> json) throws IOException {
    return switch (format) {
      case TEXT -> text.get();
      case JSON -> json(json.get());
      // Unreachable: --format accepts only the formats @WritesFormats declares above.
      default -> throw new IllegalStateException("explain does not write " + format);
    };
  }

  private static String suggestion(Catalog catalog, String id) {
    String best = catalog.ids().stream().min(Comparator.comparingInt(c -> distance(c, id))).orElse(null);
    if (best != null && distance(best, id) <= Math.max(3, id.length() / 3)) return "; did you mean " + best + "?";
    return "; 'authdoctor explain --list' shows them all";
  }

  /** Levenshtein distance, for "did you mean". */
  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static String listText(Catalog catalog) {
    StringBuilder sb = new StringBuilder();
    String area = "";
    for (CatalogEntry e : catalog.entries()) {
      if (!e.area().equals(area)) {
        area = e.area();
        sb.append(sb.isEmpty() ? "" : "\n").append(area).append('\n');
      }
      String prefix = String.format("  %-5s  %-34s ", e.severity().word(), e.id());
      MarkdownText.wrap(e.title(), prefix, " ".repeat(prefix.length()), sb);
    }
    return sb.toString();
  }

  private String text(CatalogEntry e) {
    StringBuilder sb = new StringBuilder();
    sb.append(e.id()).append("  (").append(e.severity().word()).append(", ").append(e.area()).append(")\n");
    MarkdownText.wrap(e.title(), "", "", sb);
    sb.append('\n');
    section(sb, "Why it breaks auth", e.why());
    section(sb, "How to confirm it by hand", e.confirm());
    section(sb, "Evidence authdoctor shows", e.evidence());
    sb.append("Fix\n");
    e.fixes().forEach(
        (key, body) -> {
          if (stack == null || stack.equals(key)) {
            sb.append("  ").append(Catalog.stackName(key)).append('\n');
            MarkdownText.render(body, "", "    ", "", "", sb);
          }
        });
    if (stack != null && !e.fixes().containsKey(stack)) {
      sb.append("  (no ").append(Catalog.stackName(stack)).append("-specific fix; for any stack:)\n");
      MarkdownText.render(e.fixes().getOrDefault("any", ""), "", "    ", "", "", sb);
    }
    sb.append('\n');
    section(sb, "Known limitations", e.limitations());
    return sb.toString();
  }

  private static void section(StringBuilder sb, String heading, String body) {
    sb.append(heading).append('\n');
    MarkdownText.render(body, "", "  ", "", "", sb);
    sb.append('\n');
  }

  private static Map<String, Object> envelope() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("schema", JsonReporter.SCHEMA);
    m.put("tool", JsonReporter.tool());
    m.put("command", "explain");
    return m;
  }

  private static Map<String, Object> listJson(Catalog catalog) {
    Map<String, Object> m = envelope();
    List<Object> ids = new ArrayList<>();
    for (CatalogEntry e : catalog.entries()) {
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("id", e.id());
      row.put("severity", e.severity().word());
      row.put("area", e.area());
      row.put("title", e.title());
      ids.add(row);
    }
    m.put("entries", ids);
    return m;
  }

  private Map<String, Object> entryJson(CatalogEntry e) {
    Map<String, Object> m = envelope();
    Map<String, Object> row = new LinkedHashMap<>();
    row.put("id", e.id());
    row.put("severity", e.severity().word());
    row.put("area", e.area());
    row.put("title", e.title());
    row.put("why", e.why());
    row.put("confirm", e.confirm());
    row.put("evidence", e.evidence());
    Map<String, String> fixes = new LinkedHashMap<>(e.fixes());
    if (stack != null) fixes.keySet().retainAll(List.of(stack, "any"));
    row.put("fixes", fixes);
    row.put("limitations", e.limitations());
    m.put("entries", List.of(row));
    return m;
  }

  private static String json(Object tree) throws IOException {
    StringWriter w = new StringWriter();
    JsonReporter.Mappers.json().writerWithDefaultPrettyPrinter().writeValue(w, tree);
    return w + "\n";
  }
}
