package authdoctor.catalog;

import authdoctor.Severity;
import java.util.LinkedHashMap;
import java.util.Map;

/** Reads one catalog Markdown file (format in {@link Catalog}); a malformed file is a build bug. */
final class CatalogParser {
  private CatalogParser() {}

  static CatalogEntry parse(String id, String markdown, String where) {
    String title = null;
    Map<String, String> meta = new LinkedHashMap<>();
    Map<String, StringBuilder> sections = new LinkedHashMap<>();
    Map<String, StringBuilder> fixes = new LinkedHashMap<>();
    StringBuilder current = null;
    String h2 = null;
    boolean code = false;
    for (String line : markdown.split("\n", -1)) {
      if (line.startsWith("```")) code = !code;
      if (code || line.startsWith("```")) {
        // Inside a fenced block a leading '#' is a shell or Python comment, never a heading.
        if (current != null) current.append(line).append('\n');
        continue;
      }
      if (line.startsWith("# ")) {
        title = line.substring(2).strip();
        continue;
      }
      if (line.startsWith("## ")) {
        h2 = line.substring(3).strip();
        current = new StringBuilder();
        sections.put(h2, current);
        continue;
      }
      if (line.startsWith("### ") && "Fix".equals(h2)) {
        String name = line.substring(4).strip();
        String key = Catalog.STACKS.get(name);
        if (key == null) throw new IllegalStateException(where + ": unknown stack heading '" + name + "'");
        current = new StringBuilder();
        fixes.put(key, current);
        continue;
      }
      if (h2 == null && line.startsWith("- ") && line.contains(":")) {
        int c = line.indexOf(':');
        meta.put(line.substring(2, c).strip(), line.substring(c + 1).strip());
        continue;
      }
      if (current != null) current.append(line).append('\n');
    }
    if (title == null) throw new IllegalStateException(where + ": no '# title' line");
    if (!id.equals(meta.get("id"))) throw new IllegalStateException(where + ": '- id:' must be " + id);
    for (String s : Catalog.SECTIONS) {
      if (!sections.containsKey(s)) throw new IllegalStateException(where + ": missing section '## " + s + "'");
    }
    Map<String, String> fixText = new LinkedHashMap<>();
    fixes.forEach((k, v) -> fixText.put(k, v.toString().strip()));
    return new CatalogEntry(
        id,
        Severity.parse(meta.getOrDefault("severity", "")),
        meta.getOrDefault("area", ""),
        title,
        sections.get("Why it breaks auth").toString().strip(),
        sections.get("How to confirm it by hand").toString().strip(),
        sections.get("Evidence").toString().strip(),
        fixText,
        sections.get("Known limitations").toString().strip());
  }
}
