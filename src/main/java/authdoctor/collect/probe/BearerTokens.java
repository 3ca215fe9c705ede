package authdoctor.collect.probe;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** Where a login answer keeps a bearer token: at the given JSON path, else under a usual member name. */
final class BearerTokens {
  private static final Pattern TOKEN_KEY =
      Pattern.compile("(?i)\"(access_token|id_token|token|jwt|auth_token|accessToken|idToken)\"\\s*:\\s*\"([^\"]{8,})\"");
  private static final ObjectMapper JSON = new ObjectMapper();

  private BearerTokens() {}

  /**
   * The token in a response body, or null.
   *
   * @param path the member names leading to it ({@code --token-path}); empty: look for a usual name
   */
  static @Nullable String in(String body, List<String> path) {
    if (!path.isEmpty()) return jsonAt(body, path);
    Matcher m = TOKEN_KEY.matcher(body);
    return m.find() ? m.group(2) : null;
  }

  /** The text at {@code path} (member names) of a JSON body, or null. */
  private static @Nullable String jsonAt(String body, List<String> path) {
    if (body.isBlank()) return null;
    try {
      JsonNode n = JSON.readTree(body);
      for (String k : path) {
        if (n == null || !n.isObject()) return null;
        n = n.get(k);
      }
      return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    } catch (IOException e) {
      return null;
    }
  }
}
