package authdoctor.catalog;

import static java.util.Objects.requireNonNull;

import authdoctor.Severity;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One catalog id with its prose, read from {@code authdoctor/checks/<id>.md}.
 *
 * @param fixes fix text per stack key ({@code nginx}, {@code flask}, …, {@code any}), in file order
 */
public record CatalogEntry(
    String id,
    Severity severity,
    String area,
    String title,
    String why,
    String confirm,
    String evidence,
    Map<String, String> fixes,
    String limitations) {
  public CatalogEntry {
    requireNonNull(id);
    requireNonNull(severity);
    requireNonNull(area);
    requireNonNull(title);
    requireNonNull(why);
    requireNonNull(confirm);
    requireNonNull(evidence);
    fixes = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fixes));
    requireNonNull(limitations);
  }

  /**
   * The fix for a detected stack: the sections of the detected parts that exist (framework, server,
   * proxy, each labelled), else the "Any stack" section.
   */
  public String fixFor(List<String> stackParts) {
    StringBuilder sb = new StringBuilder();
    for (String part : stackParts) {
      String text = fixes.get(part);
      if (text == null) continue;
      if (!sb.isEmpty()) sb.append("\n\n");
      // A section that opens with a code block keeps its fence at the start of a line.
      sb.append(Catalog.stackName(part)).append(text.startsWith("```") ? ":\n" : ": ").append(text);
    }
    if (sb.isEmpty()) return Optional.ofNullable(fixes.get("any")).orElse("");
    return sb.toString();
  }
}
