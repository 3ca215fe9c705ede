package authdoctor;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Map;

/**
 * One entry of a command's trace, already redacted: its JSON fields (in order; values are strings,
 * numbers, booleans, null, lists or maps of those) and the lines the text reporter shows for it.
 * Each command documents the fields of its own steps.
 */
public record Step(Map<String, Object> json, List<String> text) {
  public Step {
    requireNonNull(json);
    json = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(json));
    text = List.copyOf(text);
  }
}
