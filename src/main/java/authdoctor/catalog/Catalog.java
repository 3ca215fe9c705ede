package authdoctor.catalog;

import authdoctor.Severity;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The finding catalog: every id with its title, explanation and fixes. The single source is one
 * Markdown file per id under {@code src/main/resources/authdoctor/checks/}, listed in {@code index.txt}
 * in catalog order. {@code explain}, the reporters and {@code docs/checks.md} all read it.
 *
 * <p>File format: an H1 title; the lines {@code - id: …}, {@code - severity: …}, {@code - area: …};
 * then the H2 sections {@code Why it breaks auth}, {@code How to confirm it by hand}, {@code Evidence},
 * {@code Fix} (one H3 per stack) and {@code Known limitations}.
 */
public final class Catalog {
  /** The H2 headings every entry has, in this order. */
  public static final List<String> SECTIONS =
      List.of("Why it breaks auth", "How to confirm it by hand", "Evidence", "Fix", "Known limitations");

  /** Fix sub-headings and their stack keys, in the order docs list them. */
  public static final Map<String, String> STACKS = stacks();

  private static final String ROOT = "/authdoctor/checks/";
  private static volatile Catalog instance;

  private final Map<String, CatalogEntry> entries;

  private Catalog(Map<String, CatalogEntry> entries) {
    this.entries = entries;
  }

  private static Map<String, String> stacks() {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("nginx", "nginx");
    m.put("Apache httpd", "apache");
    m.put("Flask", "flask");
    m.put("Django", "django");
    m.put("FastAPI/Starlette", "fastapi");
    m.put("Express", "express");
    m.put("Spring Boot", "spring");
    m.put("Rails", "rails");
    m.put("gunicorn", "gunicorn");
    m.put("uvicorn", "uvicorn");
    m.put("Keycloak", "keycloak");
    m.put("Any stack", "any");
    return java.util.Collections.unmodifiableMap(m);
  }

  /** The display name of a stack key ({@code fastapi} → {@code FastAPI/Starlette}). */
  public static String stackName(String key) {
    return STACKS.entrySet().stream()
        .filter(e -> e.getValue().equals(key))
        .map(Map.Entry::getKey)
        .findFirst()
        .orElse(key);
  }

  /** The catalog bundled in the jar, loaded once. */
  public static Catalog bundled() {
    Catalog c = instance;
    if (c == null) {
      synchronized (Catalog.class) {
        c = instance;
        if (c == null) instance = c = load();
      }
    }
    return c;
  }

  private static Catalog load() {
    Map<String, CatalogEntry> map = new LinkedHashMap<>();
    for (String id : readLines(ROOT + "index.txt")) {
      if (id.isBlank() || id.startsWith("#")) continue;
      String file = ROOT + id.strip() + ".md";
      map.put(id.strip(), CatalogParser.parse(id.strip(), String.join("\n", readLines(file)), file));
    }
    return new Catalog(java.util.Collections.unmodifiableMap(map));
  }

  private static List<String> readLines(String resource) {
    try (InputStream in = Catalog.class.getResourceAsStream(resource)) {
      if (in == null) throw new IllegalStateException("catalog resource missing: " + resource);
      List<String> lines = new ArrayList<>();
      try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
        for (String l; (l = r.readLine()) != null; ) lines.add(l);
      }
      return lines;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Optional<CatalogEntry> find(String id) {
    return Optional.ofNullable(entries.get(id));
  }

  public CatalogEntry get(String id) {
    CatalogEntry e = entries.get(id);
    if (e == null) throw new IllegalArgumentException("not a catalog id: " + id);
    return e;
  }

  /** Every entry in catalog order. */
  public List<CatalogEntry> entries() {
    return List.copyOf(entries.values());
  }

  public List<String> ids() {
    return List.copyOf(entries.keySet());
  }

  public Severity severity(String id) {
    return get(id).severity();
  }
}
