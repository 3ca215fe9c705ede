package authdoctor.scenario;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeType;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Reads a cookie scenario file (YAML, or JSON, which is YAML too). Every error is one line naming the
 * file and, where it applies, the step (numbered from 1) and key: {@code scenario.yaml: step 3: unknown
 * key 'contxt'}.
 *
 * <pre>
 * third_party_cookies: allowed        # or blocked
 * steps:
 *   - response: https://app.example.com/login
 *     method: POST
 *     set_cookie: ["sid=…; Secure; HttpOnly; SameSite=Lax"]
 *     date: 2026-11-26T10:00:00Z      # optional Date header
 *   - request: https://api.example.com/me
 *     context: subresource            # navigation (default), subresource, iframe
 *     from: https://app.example.com   # omitted = typed by the user
 *     after: 3m                       # since the previous step
 * </pre>
 */
public final class ScenarioParser {
  /** Scenario files are hand-written; anything larger is a mistake or an attack. */
  static final long MAX_FILE_BYTES = 1 << 20;

  static final int MAX_STEPS = 10_000;

  private static final Set<String> TOP_KEYS = Set.of("third_party_cookies", "steps");
  private static final Set<String> COMMON_KEYS = Set.of("method", "context", "from", "after");
  private static final Set<String> RESPONSE_KEYS = Set.of("response", "set_cookie", "date");
  private static final Set<String> REQUEST_KEYS = Set.of("request");

  private ScenarioParser() {}

  /** Built on first use: Jackson costs start-up time that commands without a scenario should not pay. */
  private static final class Mapper {
    static final ObjectMapper YAML = create();

    private static ObjectMapper create() {
      YAMLFactory factory =
          YAMLFactory.builder()
              .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
              .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(50).build())
              .build();
      return new ObjectMapper(factory);
    }
  }

  /** Reads and parses {@code file}; errors name the file by its file name. */
  public static CookieScenario parse(Path file) throws ScenarioException {
    String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
    byte[] bytes;
    try {
      if (Files.size(file) > MAX_FILE_BYTES) {
        throw new ScenarioException(name + ": file larger than 1 MiB");
      }
      bytes = Files.readAllBytes(file);
    } catch (IOException e) {
      throw new ScenarioException(name + ": cannot read: " + oneLine(String.valueOf(e.getMessage())));
    }
    String text;
    try {
      text =
          StandardCharsets.UTF_8
              .newDecoder()
              .onMalformedInput(CodingErrorAction.REPORT)
              .onUnmappableCharacter(CodingErrorAction.REPORT)
              .decode(java.nio.ByteBuffer.wrap(bytes))
              .toString();
    } catch (CharacterCodingException e) {
      throw new ScenarioException(name + ": not UTF-8 text");
    }
    return parse(text, name);
  }

  /** Parses scenario {@code text}; {@code fileName} only labels error messages. */
  public static CookieScenario parse(String text, String fileName) throws ScenarioException {
    if (text.length() > MAX_FILE_BYTES) throw new ScenarioException(fileName + ": file larger than 1 MiB");
    JsonNode root;
    try {
      root = Mapper.YAML.readTree(text);
    } catch (JsonProcessingException e) {
      String where =
          e.getLocation() == null
              ? ""
              : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
      // Jackson's limit messages name its own API ("(50, from `StreamReadConstraints.getMaxNestingDepth()`)").
      String message = String.valueOf(e.getOriginalMessage()).replaceAll(", from `[^`]*`\\)", ")");
      throw new ScenarioException(fileName + ": not valid YAML or JSON" + where + ": " + oneLine(message));
    } catch (RuntimeException e) {
      // SnakeYAML signals some limits (e.g. too many aliases) with its own unchecked exceptions.
      throw new ScenarioException(fileName + ": not valid YAML or JSON: " + oneLine(String.valueOf(e.getMessage())));
    }
    return new Reader(fileName).scenario(root);
  }

  /** {@code s} with control characters escaped ({@code \n}, {@code \u0000}), so a message stays one line. */
  static String printable(String s) {
    StringBuilder sb = new StringBuilder(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == '\u2028' || c == '\u2029') {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.toString();
  }

  private static String oneLine(String s) {
    String line = s.strip().lines().findFirst().orElse("");
    return printable(line.length() > 200 ? line.substring(0, 200) + "…" : line);
  }

  /** Walks the tree; {@code where} is the prefix of every message. */
  private static final class Reader {
    private final String file;
    private String where;

    Reader(String file) {
      this.file = file;
      this.where = file + ": ";
    }

    private ScenarioException error(String message) {
      return new ScenarioException(where + printable(message));
    }

    CookieScenario scenario(@Nullable JsonNode root) throws ScenarioException {
      if (root == null || root.isMissingNode() || root.isNull()) throw error("empty file: expected a mapping with 'steps'");
      if (!root.isObject()) throw error("expected a mapping with 'steps' at the top, found " + kind(root));
      unknownKeys(root, TOP_KEYS);
      ThirdPartyCookies policy = ThirdPartyCookies.ALLOWED;
      JsonNode tpc = root.get("third_party_cookies");
      if (tpc != null) {
        String v = text(tpc, "third_party_cookies");
        policy = switch (v) {
          case "allowed" -> ThirdPartyCookies.ALLOWED;
          case "blocked" -> ThirdPartyCookies.BLOCKED;
          default -> throw error("bad third_party_cookies '" + v + "' (use allowed or blocked)");
        };
      }
      JsonNode steps = root.get("steps");
      if (steps == null) throw error("missing 'steps'");
      if (!steps.isArray()) throw error("'steps' must be a list, found " + kind(steps));
      if (steps.isEmpty()) throw error("'steps' is empty");
      if (steps.size() > MAX_STEPS) throw error("more than " + MAX_STEPS + " steps");
      List<Step> out = new ArrayList<>(steps.size());
      for (int i = 0; i < steps.size(); i++) {
        where = file + ": step " + (i + 1) + ": ";
        out.add(step(steps.get(i)));
      }
      return new CookieScenario(policy, out);
    }

    private Step step(JsonNode node) throws ScenarioException {
      if (!node.isObject()) throw error("expected a mapping with 'response' or 'request', found " + kind(node));
      boolean response = node.has("response");
      boolean request = node.has("request");
      if (response && request) throw error("has both 'response' and 'request' (one step is one of them)");
      if (!response && !request) {
        unknownKeys(node, union(COMMON_KEYS, RESPONSE_KEYS, REQUEST_KEYS));
        throw error("needs 'response' or 'request'");
      }
      unknownKeys(node, response ? union(COMMON_KEYS, RESPONSE_KEYS) : union(COMMON_KEYS, REQUEST_KEYS));
      URI url = url(node.get(response ? "response" : "request"), response ? "response" : "request");
      String method = node.has("method") ? method(node.get("method")) : "GET";
      Context context = node.has("context") ? context(node.get("context")) : Context.NAVIGATION;
      URI from = node.has("from") ? origin(node.get("from")) : null;
      if (from == null && context != Context.NAVIGATION) {
        throw error("context " + ScenarioKeys.key(context) + " needs 'from' (the page that embeds it, also the top-level site)");
      }
      Duration after = node.has("after") ? after(node.get("after")) : Duration.ZERO;
      if (!response) return new RequestStep(url, method, context, from, after);
      List<String> lines = setCookie(node.get("set_cookie"));
      Instant date = node.has("date") ? date(node.get("date")) : null;
      return new ResponseStep(url, method, context, from, after, lines, date);
    }

    private void unknownKeys(JsonNode node, Set<String> allowed) throws ScenarioException {
      for (Map.Entry<String, JsonNode> property : node.properties()) {
        String key = property.getKey();
        if (!allowed.contains(key)) throw error("unknown key '" + key + "'");
      }
    }

    private String text(JsonNode node, String key) throws ScenarioException {
      if (!node.isValueNode() || node.isNull()) throw error("'" + key + "' must be text, found " + kind(node));
      return node.asText();
    }

    private URI url(JsonNode node, String key) throws ScenarioException {
      String s = text(node, key).strip();
      URI uri;
      try {
        uri = new URI(s);
      } catch (URISyntaxException e) {
        throw error("bad URL in '" + key + "': " + oneLine(e.getMessage()));
      }
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!uri.isAbsolute() || !(scheme.equals("http") || scheme.equals("https"))) {
        throw error("bad URL in '" + key + "': '" + s + "' is not an absolute http or https URL");
      }
      if (uri.getHost() == null || uri.getHost().isEmpty()) {
        throw error("bad URL in '" + key + "': '" + s + "' has no valid host name");
      }
      if (uri.getRawUserInfo() != null) {
        throw error("bad URL in '" + key + "': user info (user@) is not allowed");
      }
      return uri;
    }

    /** An origin: a URL without path (a lone {@code /} is tolerated), query or fragment. */
    private URI origin(JsonNode node) throws ScenarioException {
      URI uri = url(node, "from");
      String path = uri.getRawPath();
      if ((path != null && !path.isEmpty() && !path.equals("/")) || uri.getRawQuery() != null || uri.getRawFragment() != null) {
        throw error("'from' must be an origin such as https://site.example, not '" + uri + "'");
      }
      String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
      String host = uri.getHost().toLowerCase(Locale.ROOT);
      return URI.create(scheme + "://" + host + (uri.getPort() < 0 ? "" : ":" + uri.getPort()));
    }

    private String method(JsonNode node) throws ScenarioException {
      String m = text(node, "method").strip();
      // RFC 9110 §9.1: a method is a token. Case is kept: Chromium's IsMethodSafe is case-sensitive.
      if (!m.matches("[!#$%&'*+.^_`|~0-9A-Za-z-]+")) throw error("bad method '" + m + "'");
      return m;
    }

    private Context context(JsonNode node) throws ScenarioException {
      String v = text(node, "context").strip();
      Context c = ScenarioKeys.context(v);
      if (c != null) return c;
      throw error("bad context '" + v + "' (use navigation, subresource or iframe)");
    }

    private Duration after(JsonNode node) throws ScenarioException {
      String v = text(node, "after");
      if (node.isNumber() && node.asDouble() < 0) throw error("bad duration '" + v + "' in 'after': negative");
      try {
        return Durations.parse(v);
      } catch (IllegalArgumentException e) {
        throw error(e.getMessage() + " in 'after'");
      }
    }

    private List<String> setCookie(@Nullable JsonNode node) throws ScenarioException {
      if (node == null || node.isNull()) return List.of();
      if (node.isTextual()) return List.of(node.asText());
      if (!node.isArray()) throw error("'set_cookie' must be a list of Set-Cookie lines, found " + kind(node));
      List<String> lines = new ArrayList<>();
      for (JsonNode line : node) {
        if (!line.isValueNode() || line.isNull()) {
          throw error("'set_cookie' item " + (lines.size() + 1) + " must be text, found " + kind(line));
        }
        lines.add(line.asText());
      }
      return lines;
    }

    private Instant date(JsonNode node) throws ScenarioException {
      String v = text(node, "date").strip();
      try {
        return OffsetDateTime.parse(v).toInstant();
      } catch (DateTimeParseException ignored) {
        // not ISO-8601 with offset: try the other forms
      }
      try {
        return Instant.parse(v);
      } catch (DateTimeParseException ignored) {
        // next form
      }
      try {
        return ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (DateTimeParseException e) {
        throw error("bad date '" + v + "' (use ISO-8601 such as 2026-11-26T10:00:00Z, or an HTTP-date such as Thu, 26 Nov 2026 10:00:00 GMT)");
      }
    }

    @SafeVarargs
    private static Set<String> union(Set<String>... sets) {
      java.util.HashSet<String> all = new java.util.HashSet<>();
      for (Set<String> s : sets) all.addAll(s);
      return all;
    }

    private static String kind(JsonNode node) {
      JsonNodeType t = node.getNodeType();
      return switch (t) {
        case ARRAY -> "a list";
        case OBJECT -> "a mapping";
        case NULL, MISSING -> "nothing";
        case STRING -> "text";
        case NUMBER -> "a number";
        case BOOLEAN -> "a boolean";
        default -> t.name().toLowerCase(Locale.ROOT);
      };
    }
  }
}
