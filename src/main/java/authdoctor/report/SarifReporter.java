package authdoctor.report;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Version;
import authdoctor.catalog.Catalog;
import authdoctor.catalog.CatalogEntry;
import authdoctor.observation.Problem;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * SARIF 2.1.0 (OASIS, §3) for code scanning: one {@code reportingDescriptor} per catalog id reported, in
 * {@code tool.driver.rules} (title, explanation, fixes, default level from the severity); one
 * {@code result} per finding and primary location — a finding seen at five file lines is five results —
 * with the evidence that is the other side of a cause ({@link Evidence#RELATED_TO}) as
 * {@code relatedLocations}, file paths as relative {@code artifactLocation.uri}s against
 * {@code %SRCROOT%}, and a {@code partialFingerprints} entry from id, subject, file and excerpt (stable
 * when lines move). A live finding without a file carries a logical location: the subject and step.
 * Collector problems are {@code toolExecutionNotifications}.
 */
public final class SarifReporter implements Reporter {
  public static final String SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json";
  static final String FINGERPRINT = "authdoctor/v1";
  static final String SRCROOT = "%SRCROOT%";

  private final Catalog catalog;

  public SarifReporter(Catalog catalog) {
    this.catalog = catalog;
  }

  public SarifReporter() {
    this(Catalog.bundled());
  }

  @Override
  public void write(Result result, Writer out) throws IOException {
    Report report = result.report();
    ObjectMapper m = JsonReporter.Mappers.json();
    ObjectNode root = m.createObjectNode();
    root.put("$schema", SCHEMA);
    root.put("version", "2.1.0");
    ObjectNode run = root.putArray("runs").addObject();
    ObjectNode driver = run.putObject("tool").putObject("driver");
    driver.put("name", "authdoctor");
    driver.put("semanticVersion", Version.get());
    Map<String, Integer> index = new LinkedHashMap<>();
    ArrayNode rules = driver.putArray("rules");
    java.util.Set<String> reported = new java.util.HashSet<>();
    report.findings().forEach(f -> reported.add(f.id()));
    for (CatalogEntry e : catalog.entries()) {
      if (!reported.contains(e.id())) continue; // GitHub keeps rules for the results it shows; the catalog has the rest
      index.put(e.id(), index.size());
      rules.add(rule(m, e));
    }
    ObjectNode invocation = run.putArray("invocations").addObject();
    invocation.put("executionSuccessful", true);
    ArrayNode notes = invocation.putArray("toolExecutionNotifications");
    if (report.unexplained() != null) {
      // The flow failed and no rule matched: no result to show, so the run says it (SARIF §3.58).
      ObjectNode n = notes.addObject();
      n.put("level", "error");
      n.putObject("message").put("text", String.join("\n", report.unexplained().lines()));
    }
    for (Problem p : report.problems()) {
      ObjectNode n = notes.addObject();
      n.put("level", "warning");
      n.putObject("message").put("text", p.source() + ": " + p.message());
    }
    for (authdoctor.check.Outcome o : report.outcomes()) {
      if (o instanceof authdoctor.check.Outcome.Contradicted c) {
        // A configuration finding the live run contradicted (probe --config): no result, a note (SARIF §3.58).
        ObjectNode n = notes.addObject();
        n.put("level", "note");
        n.putObject("message").put("text", c.id() + ": " + c.note());
      }
    }
    ArrayNode results = run.putArray("results");
    for (Finding f : report.findings()) {
      for (Primary p : primaries(f)) results.add(result(m, f, p, index.getOrDefault(f.id(), -1)));
    }
    ObjectNode base = run.putObject("originalUriBaseIds").putObject(SRCROOT);
    base.putObject("description").put("text", "the directory the scan's paths are relative to");
    out.write(m.copy().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(root));
    out.write('\n');
  }

  /** A result's main evidence and the related evidence attached to it. */
  private record Primary(Evidence evidence, List<Evidence> related) {}

  private static List<Primary> primaries(Finding f) {
    List<Primary> out = new ArrayList<>();
    List<Evidence> related = new ArrayList<>();
    for (Evidence e : f.evidence()) {
      if (e.facts().containsKey(Evidence.RELATED_TO)) related.add(e);
      else if (e.location() != null || out.isEmpty()) out.add(new Primary(e, new ArrayList<>()));
    }
    if (out.isEmpty() && !f.evidence().isEmpty()) out.add(new Primary(f.evidence().get(0), new ArrayList<>()));
    for (Evidence r : related) {
      Primary owner = out.stream().filter(p -> where(p.evidence().location()).equals(r.facts().get(Evidence.RELATED_TO)))
          .findFirst().orElse(out.isEmpty() ? null : out.get(0));
      if (owner != null) owner.related().add(r);
    }
    return out;
  }

  private static ObjectNode rule(ObjectMapper m, CatalogEntry e) {
    ObjectNode r = m.createObjectNode();
    r.put("id", e.id());
    r.put("name", name(e.id()));
    r.putObject("shortDescription").put("text", e.title());
    r.putObject("fullDescription").put("text", e.why());
    StringBuilder help = new StringBuilder(e.why()).append("\n\n");
    e.fixes().forEach((stack, fix) -> help.append("### ").append(Catalog.stackName(stack)).append('\n').append(fix).append("\n\n"));
    ObjectNode h = r.putObject("help");
    h.put("text", help.toString().strip());
    h.put("markdown", help.toString().strip());
    r.putObject("defaultConfiguration").put("level", level(e.severity()));
    ObjectNode props = r.putObject("properties");
    props.putArray("tags").add("security").add(e.area());
    return r;
  }

  private static ObjectNode result(ObjectMapper m, Finding f, Primary p, int ruleIndex) {
    ObjectNode r = m.createObjectNode();
    r.put("ruleId", f.id());
    if (ruleIndex >= 0) r.put("ruleIndex", ruleIndex);
    r.put("level", level(f.severity()));
    Evidence e = p.evidence();
    String note = e.facts().getOrDefault("note", "");
    r.putObject("message").put("text", f.title() + ": " + e.excerpt().text() + (note.isEmpty() ? "" : " (" + note + ")"));
    ArrayNode locations = r.putArray("locations");
    if (e.location() instanceof Location.FileLine fl) {
      locations.addObject().set("physicalLocation", physical(m, fl));
    } else {
      ObjectNode logical = locations.addObject().putArray("logicalLocations").addObject();
      logical.put("name", e.location() == null ? e.subject() : where(e.location()));
      logical.put("fullyQualifiedName", e.subject() + (e.location() == null ? "" : " " + where(e.location())));
      logical.put("kind", "resource");
    }
    if (!p.related().isEmpty()) {
      ArrayNode rel = r.putArray("relatedLocations");
      int id = 1;
      for (Evidence x : p.related()) {
        ObjectNode l = rel.addObject();
        l.put("id", id++);
        if (x.location() instanceof Location.FileLine fl) l.set("physicalLocation", physical(m, fl));
        l.putObject("message").put("text", x.excerpt().text() + (x.facts().containsKey("note") ? " (" + x.facts().get("note") + ")" : ""));
      }
    }
    r.putObject("partialFingerprints").put(FINGERPRINT,
        sha256(f.id() + "\n" + e.subject() + "\n" + artifact(e.location()) + "\n" + e.excerpt().text()));
    return r;
  }

  private static ObjectNode physical(ObjectMapper m, Location.FileLine fl) {
    ObjectNode pl = m.createObjectNode();
    ObjectNode art = pl.putObject("artifactLocation");
    art.put("uri", uri(fl.file()));
    if (!fl.file().startsWith("/")) art.put("uriBaseId", SRCROOT);
    ObjectNode region = pl.putObject("region");
    region.put("startLine", Math.max(1, fl.line()));
    if (fl.column() > 0) region.put("startColumn", fl.column());
    return pl;
  }

  /** A relative file path as a URI reference (RFC 3986 §4.2): segments percent-encoded, {@code /} kept. */
  static String uri(String file) {
    StringBuilder sb = new StringBuilder();
    String path = file.startsWith("/") ? "file://" + file : file;
    for (byte b : path.getBytes(StandardCharsets.UTF_8)) {
      int c = b & 0xff;
      if (Character.isLetterOrDigit(c) && c < 128 || "-._~/:".indexOf(c) >= 0) sb.append((char) c);
      else sb.append('%').append(String.format("%02X", c));
    }
    return sb.toString();
  }

  private static String artifact(Location l) {
    return l instanceof Location.FileLine fl ? fl.file() : "";
  }

  private static String where(Location l) {
    return switch (l) {
      case null -> "";
      case Location.FileLine f -> f.file() + ":" + f.line();
      case Location.ExchangeRef s -> "step " + s.step();
      case Location.HarEntryRef h -> "har entry " + h.entry();
      case Location.ClaimRef c -> "claim " + c.claim();
      case Location.StoreKey k -> "store key " + k.key();
    };
  }

  /** {@code proxy.header-inheritance} → {@code ProxyHeaderInheritance}. */
  private static String name(String id) {
    StringBuilder sb = new StringBuilder();
    for (String part : id.split("[.-]")) sb.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
    return sb.toString();
  }

  private static String level(Severity s) {
    return switch (s) {
      case ERROR -> "error";
      case WARN -> "warning";
      case INFO -> "note";
    };
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
