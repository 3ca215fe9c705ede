package authdoctor.collect.probe;

import authdoctor.framework.Frameworks;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jsoup.nodes.Document;
import org.jspecify.annotations.Nullable;

/**
 * A CSRF token where single-page apps keep it for their script to send: a {@code <script
 * type="application/json">} state object (React, Next.js, Vue) or a JavaScript variable ({@code window.csrfToken
 * = "…"}). The HTML is parsed as a browser does ({@link Html}); only the scripts' own text is searched.
 */
final class ScriptTokens {
  private static final ObjectMapper JSON = new ObjectMapper();
  /** A token assigned to a csrf-like name: {@code csrfToken = "…"}, {@code "_csrf": '…'}. */
  private static final Pattern VARIABLE =
      Pattern.compile("(?i)([\\w$]*(?:csrf|xsrf)[\\w$]*)[\"']?\\s*[:=]\\s*([\"'])([^\"'\\\\\\s]{8,})\\2");
  /** A string literal in a script, for the field name its code posts the token as ({@code i.name = "_csrf"}). */
  private static final Pattern LITERAL = Pattern.compile("[\"']([A-Za-z_][\\w-]{0,40})[\"']");
  private static final int MAX_DEPTH = 8;

  private ScriptTokens() {}

  /**
   * A token found in a script.
   *
   * @param source where ("script #app-state key csrfToken", "script variable csrfToken")
   * @param field the csrf-like field name the page's script uses, if it names one
   */
  record Found(String source, String value, @Nullable String field) {}

  static Optional<Found> find(Document page) {
    List<String> literals = new ArrayList<>();
    for (Html.Script s : Html.scripts(page)) {
      Matcher m = LITERAL.matcher(s.text());
      while (m.find()) if (Frameworks.csrfLike(m.group(1))) literals.add(m.group(1));
    }
    for (Html.Script s : Html.scripts(page)) {
      if (!s.type().equals("application/json") && !s.type().endsWith("+json")) continue;
      try {
        Map.Entry<String, String> e = inJson(JSON.readTree(s.text()), 0);
        if (e != null) {
          String where = s.id() != null ? "#" + s.id() : s.type();
          return Optional.of(new Found("script " + where + " key " + e.getKey(), e.getValue(), field(literals, e.getKey())));
        }
      } catch (Exception notJson) {
        // a state script that is not JSON after all: nothing to read
      }
    }
    for (Html.Script s : Html.scripts(page)) {
      if (!s.type().isEmpty() && !s.type().contains("javascript") && !s.type().equals("module")) continue;
      Matcher m = VARIABLE.matcher(s.text());
      if (m.find()) return Optional.of(new Found("script variable " + m.group(1), m.group(3), field(literals, m.group(1))));
    }
    return Optional.empty();
  }

  /** The first csrf-like string the scripts name besides the key the token is read from. */
  private static @Nullable String field(List<String> literals, String key) {
    return literals.stream().filter(l -> !l.equals(key)).findFirst().orElse(null);
  }

  /** The first csrf-like key with a string value, depth first. */
  private static Map.@Nullable Entry<String, String> inJson(JsonNode n, int depth) {
    if (depth > MAX_DEPTH) return null;
    if (n.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> e = it.next();
        if (Frameworks.csrfLike(e.getKey()) && e.getValue().isTextual() && !e.getValue().asText().isBlank()) {
          return Map.entry(e.getKey(), e.getValue().asText());
        }
      }
      for (Iterator<JsonNode> it = n.elements(); it.hasNext(); ) {
        Map.Entry<String, String> e = inJson(it.next(), depth + 1);
        if (e != null) return e;
      }
    } else if (n.isArray()) {
      for (JsonNode c : n) {
        Map.Entry<String, String> e = inJson(c, depth + 1);
        if (e != null) return e;
      }
    }
    return null;
  }
}
