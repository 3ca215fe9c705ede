package authdoctor.internal;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A YAML document read as a tree that remembers the line of every key and value (Jackson's YAML parser,
 * token by token), so a bad key or value in a user's file is reported as {@code file:line}. A syntax
 * error or a duplicate key is a {@link Error} naming its line.
 */
public final class LocatedYaml {
  private LocatedYaml() {}

  /** A value: a scalar, a sequence or a mapping, with the line it starts on (counted from 1). */
  public sealed interface Node {
    int line();
  }

  /**
   * A scalar as written.
   *
   * @param token Jackson's reading of it: a string, a number, a boolean or null
   */
  public record Scalar(String text, JsonToken token, int line) implements Node {
    public Scalar {
      requireNonNull(text);
      requireNonNull(token);
    }

    public boolean isBoolean() {
      return token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE;
    }
  }

  /** A sequence. */
  public record Sequence(List<Node> items, int line) implements Node {
    public Sequence {
      items = List.copyOf(items);
    }
  }

  /** A mapping, in file order; each entry knows its key's line. */
  public record Mapping(Map<String, Entry> entries, int line) implements Node {
    public Mapping {
      entries = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
  }

  /** One key of a mapping and its value. */
  public record Entry(String key, int line, Node value) {}

  /** A file that is not the YAML expected: the message starts with {@code file:line:}. */
  public static final class Error extends IllegalArgumentException {
    public Error(String message) {
      super(message);
    }
  }

  /** Reads {@code file}; unreadable or malformed → {@link Error}. */
  public static Node read(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new Error(file + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
    return parse(file.toString(), text);
  }

  /** Parses {@code text}, naming it {@code name} in errors; an empty document is an empty mapping. */
  public static Node parse(String name, String text) {
    try (JsonParser p = new YAMLFactory().createParser(text)) {
      if (p.nextToken() == null) return new Mapping(Map.of(), 1);
      return node(name, p);
    } catch (JsonProcessingException e) {
      int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
      String why = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw new Error(name + ":" + Math.max(line, 1) + ": not valid YAML: " + why);
    } catch (IOException e) {
      throw new Error(name + ": cannot read it (" + e.getClass().getSimpleName() + ")");
    }
  }

  private static Node node(String name, JsonParser p) throws IOException {
    int line = p.currentTokenLocation().getLineNr();
    JsonToken t = p.currentToken();
    switch (t) {
      case START_OBJECT -> {
        Map<String, Entry> entries = new LinkedHashMap<>();
        while (p.nextToken() == JsonToken.FIELD_NAME) {
          String key = p.currentName();
          int keyLine = p.currentTokenLocation().getLineNr();
          p.nextToken();
          Entry previous = entries.put(key, new Entry(key, keyLine, node(name, p)));
          if (previous != null) {
            throw new Error(name + ":" + keyLine + ": key '" + key + "' again (first on line " + previous.line() + ")");
          }
        }
        return new Mapping(entries, line);
      }
      case START_ARRAY -> {
        List<Node> items = new ArrayList<>();
        while (p.nextToken() != JsonToken.END_ARRAY) items.add(node(name, p));
        return new Sequence(items, line);
      }
      default -> {
        return new Scalar(t == JsonToken.VALUE_NULL ? "" : p.getText(), t, line);
      }
    }
  }
}
