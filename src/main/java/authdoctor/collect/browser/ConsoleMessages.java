package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * What Chromium's console said about cookies while it signed in: its own messages (DevTools {@code
 * Log.entryAdded}: "Cookie … has been rejected because …", third-party cookie warnings) and the page's
 * {@code console.*} calls ({@code Runtime.consoleAPICalled}) that mention a cookie. Other console noise is
 * left out; each kept message is one bounded line.
 */
final class ConsoleMessages {
  /** Messages kept per run. */
  static final int KEPT = 20;
  private static final int MAX_CHARS = 300;

  private ConsoleMessages() {}

  /** The line for one DevTools event, or null when it is not a console message about cookies. */
  static @Nullable String of(String method, JsonNode params) {
    return switch (method) {
      case "Log.entryAdded" -> line(params.path("entry").path("level").asText("info"),
          params.path("entry").path("source").asText("other"), params.path("entry").path("text").asText(""));
      case "Runtime.consoleAPICalled" -> {
        StringBuilder sb = new StringBuilder();
        for (JsonNode a : params.path("args")) {
          if (!sb.isEmpty()) sb.append(' ');
          sb.append(a.has("value") ? a.get("value").asText() : a.path("description").asText(""));
        }
        yield line(params.path("type").asText("log"), "console", sb.toString());
      }
      default -> null;
    };
  }

  /** "warning (network): Cookie … rejected …" when {@code text} is about cookies, else null. */
  static @Nullable String line(String level, String source, String text) {
    String t = text.strip();
    String lower = t.toLowerCase(Locale.ROOT);
    if (!(lower.contains("cookie") || lower.contains("samesite"))) return null;
    if (t.length() > MAX_CHARS) t = t.substring(0, MAX_CHARS) + "…";
    return level + " (" + source + "): " + t.replaceAll("[\\r\\n]+", " ");
  }
}
