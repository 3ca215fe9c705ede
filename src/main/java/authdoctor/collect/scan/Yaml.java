package authdoctor.collect.scan;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * A YAML document as a tree whose every node keeps its line, read with Jackson's YAML parser (YAML 1.1 as
 * SnakeYAML reads it), so evidence can point at the line of a compose service's {@code command} or a
 * Kubernetes container's {@code env} entry. Anchors and merge keys are not resolved.
 */
sealed interface Yaml {
  /** Nesting deeper than this is not a deployment file. */
  int MAX_DEPTH = 64;

  /** The line the node starts on, from 1. */
  int line();

  /** A mapping: values by key, and the line of each key. */
  record Mapping(Map<String, Yaml> entries, Map<String, Integer> keyLines, int line) implements Yaml {
    /** The value at {@code key}, or null. */
    @Nullable Yaml get(String key) {
      return entries.get(key);
    }

    /** The mapping at {@code key}, or null when absent or not a mapping. */
    @Nullable Mapping map(String key) {
      return entries.get(key) instanceof Mapping m ? m : null;
    }

    /** The scalar at {@code key} as text, or null when absent or not a scalar. */
    @Nullable String text(String key) {
      return entries.get(key) instanceof Scalar s ? s.value() : null;
    }

    /** The line of {@code key}, or this mapping's line. */
    int lineOf(String key) {
      return keyLines.getOrDefault(key, line);
    }
  }

  /** A sequence. */
  record Sequence(List<Yaml> items, int line) implements Yaml {}

  /** A scalar as written (null as the empty string). */
  record Scalar(String value, int line) implements Yaml {}

  /** Thrown when the text is not YAML; says where. */
  final class Invalid extends Exception {
    final int line;

    Invalid(String message, int line) {
      super(message);
      this.line = line;
    }
  }

  /** The documents of a YAML stream ({@code ---} separated), empty ones left out. */
  static List<Yaml> documents(String text) throws Invalid {
    List<Yaml> out = new ArrayList<>();
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      JsonToken t;
      while ((t = p.nextToken()) != null) {
        Yaml doc = node(p, t, 0);
        if (!(doc instanceof Scalar s && s.value().isEmpty())) out.add(doc);
      }
    } catch (IOException | RuntimeException e) {
      String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
      int line = e instanceof com.fasterxml.jackson.core.JsonProcessingException j && j.getLocation() != null
          ? Math.max(1, j.getLocation().getLineNr()) : 1;
      throw new Invalid("not valid YAML: " + msg, line);
    }
    return out;
  }

  private static Yaml node(JsonParser p, JsonToken t, int depth) throws IOException, Invalid {
    int line = Math.max(1, p.currentTokenLocation().getLineNr());
    if (depth > MAX_DEPTH) throw new Invalid("nested deeper than " + MAX_DEPTH + " levels", line);
    switch (t) {
      case START_OBJECT -> {
        Map<String, Yaml> entries = new LinkedHashMap<>();
        Map<String, Integer> lines = new LinkedHashMap<>();
        JsonToken k;
        while ((k = p.nextToken()) == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = Math.max(1, p.currentTokenLocation().getLineNr());
          Yaml v = node(p, p.nextToken(), depth + 1);
          entries.put(key, v);
          lines.put(key, keyLine);
        }
        return new Mapping(entries, lines, line);
      }
      case START_ARRAY -> {
        List<Yaml> items = new ArrayList<>();
        JsonToken i;
        while ((i = p.nextToken()) != JsonToken.END_ARRAY && i != null) items.add(node(p, i, depth + 1));
        return new Sequence(items, line);
      }
      case VALUE_NULL -> {
        return new Scalar("", line);
      }
      default -> {
        return new Scalar(p.getText() == null ? "" : p.getText(), line);
      }
    }
  }
}
