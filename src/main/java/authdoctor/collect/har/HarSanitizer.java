package authdoctor.collect.har;

import authdoctor.Redactor;
import authdoctor.cookie.CookieHeader;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a copy of a HAR file safe to attach to a ticket: every cookie value, token, password field,
 * {@code Authorization} value and query secret replaced by its keyed fingerprint ({@code redacted-1a2b3c4d},
 * the {@link Redactor}'s HMAC), so a value that recurs across entries still matches, and the copy, fed back to
 * {@code authdoctor har}, reaches the same diagnosis. A JWT keeps its header and claims (readable, as {@code
 * authdoctor jwt} shows them) and loses its signature. Two streaming passes: the first finds the secrets (a
 * cookie set at entry 40 is already replaced where a body at entry 3 quoted it), the second copies.
 */
public final class HarSanitizer {
  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).maxNestingDepth(200).build())
      .build();
  /** Values at least this long are replaced wherever they occur; shorter ones only where their field says secret. */
  private static final int ANYWHERE = 8;
  private static final Pattern JWT = Pattern.compile("(eyJ[A-Za-z0-9_-]*)\\.(eyJ[A-Za-z0-9_-]*)\\.([A-Za-z0-9_-]*)");
  private static final Pattern QUERY = Pattern.compile("([?&#])([^=&#]+)=([^&#]*)");

  /** What the copy holds: its entries and how many values were replaced. */
  public record Summary(int entries, int replaced) {}

  private final Redactor redactor;
  private final Map<String, String> secrets = new HashMap<>();
  private int replaced;

  private HarSanitizer(Redactor redactor) {
    this.redactor = redactor;
  }

  /** Writes the sanitized copy of {@code in} to {@code out} (atomically: a temporary file, then a move). */
  public static Summary write(Path in, Path out, Redactor redactor) throws HarFormatException, IOException {
    HarSanitizer s = new HarSanitizer(redactor);
    HarReader.Log log;
    try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16)) {
      log = HarReader.read(is, s::learn);
    }
    Path dir = out.toAbsolutePath().getParent();
    Path tmp = Files.createTempFile(dir, ".authdoctor-", ".har");
    try {
      try (InputStream is = new BufferedInputStream(Files.newInputStream(in), 1 << 16);
          OutputStream os = Files.newOutputStream(tmp);
          JsonParser p = FACTORY.createParser(is);
          JsonGenerator g = FACTORY.createGenerator(os)) {
        g.useDefaultPrettyPrinter();
        s.copy(p, g);
      }
      Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
    return new Summary(log.entries(), s.replaced);
  }

  // ---------------------------------------------------------------- pass 1: which values are secret

  private void learn(HarEntry e) {
    for (String c : e.requestHeaders("Cookie")) for (CookieHeader.Pair p : CookieHeader.parse(c)) secret(p.value());
    for (String c : e.requestCookies()) secret(c.substring(c.indexOf('=') + 1));
    for (String line : e.setCookieLines()) secret(setCookieValue(line));
    e.requestHeaders().stream().filter(h -> Secrets.header(h.name()) && !h.is("Cookie")).forEach(h -> secret(credential(h.value())));
    e.responseHeaders().stream().filter(h -> Secrets.header(h.name()) && !h.is("Set-Cookie")).forEach(h -> secret(credential(h.value())));
    learnQuery(e.url());
    learnQuery(e.redirectUrl());
    e.responseHeader("Location").ifPresent(this::learnQuery);
    e.requestHeader("Referer").ifPresent(this::learnQuery);
    if (e.postData() != null) Secrets.secretFields(e.postData()).forEach(this::secret);
    Secrets.secretFields(e.body()).forEach(this::secret);
  }

  private void learnQuery(String url) {
    Matcher m = QUERY.matcher(url);
    while (m.find()) {
      if (!Secrets.name(Secrets.decode(m.group(2)))) continue;
      secret(m.group(3));
      secret(Secrets.decode(m.group(3)));
    }
  }

  private static String credential(String value) {
    String v = value.strip();
    int sp = v.indexOf(' ');
    return sp > 0 && v.substring(0, sp).matches("(?i)bearer|basic|token|digest|negotiate|dpop") ? v.substring(sp + 1).strip() : v;
  }

  private static String setCookieValue(String line) {
    int semi = line.indexOf(';');
    String pair = semi < 0 ? line : line.substring(0, semi);
    int eq = pair.indexOf('=');
    return eq < 0 ? pair.strip() : pair.substring(eq + 1).strip();
  }

  private void secret(String value) {
    String v = value.strip();
    if (v.length() >= 2 && v.startsWith("\"") && v.endsWith("\"")) v = v.substring(1, v.length() - 1);
    if (v.isEmpty() || secrets.containsKey(v)) return;
    secrets.put(v, replacement(v));
  }

  /** A JWT keeps its header and claims; any other value becomes its fingerprint. */
  private String replacement(String v) {
    Matcher m = JWT.matcher(v);
    if (m.matches()) return m.group(1) + "." + m.group(2) + "." + "redacted" + redactor.fingerprint(v);
    return "redacted-" + redactor.fingerprint(v);
  }

  // ---------------------------------------------------------------- pass 2: the copy

  private void copy(JsonParser p, JsonGenerator g) throws IOException {
    Deque<String> names = new ArrayDeque<>();
    String field = "";
    JsonToken t;
    while ((t = p.nextToken()) != null) {
      switch (t) {
        case FIELD_NAME -> {
          field = p.currentName();
          g.writeFieldName(field);
        }
        case START_OBJECT -> {
          String in = names.isEmpty() ? "" : names.peek();
          if (PAIRS.contains(in) && field.equals(in)) {
            // A {name, value} pair (a header, a cookie, a query or form parameter): small, read whole, since
            // the value's treatment depends on the name, which may come after it.
            ObjectNode pair = (ObjectNode) MAPPER.readTree(p);
            pair(in, pair);
            g.writeTree(pair);
          } else {
            names.push(field);
            g.writeStartObject();
          }
        }
        case START_ARRAY -> {
          names.push(field);
          g.writeStartArray();
        }
        case END_OBJECT -> {
          names.pop();
          g.writeEndObject();
        }
        case END_ARRAY -> {
          names.pop();
          field = names.isEmpty() ? "" : names.peek();
          g.writeEndArray();
        }
        case VALUE_STRING -> g.writeString(string(field, p.getText()));
        default -> g.copyCurrentEvent(p);
      }
    }
  }

  /** Arrays of {@code {name, value}} objects. */
  private static final java.util.Set<String> PAIRS = java.util.Set.of("headers", "cookies", "queryString", "params");

  private static final com.fasterxml.jackson.databind.ObjectMapper MAPPER = new com.fasterxml.jackson.databind.ObjectMapper(FACTORY);

  private void pair(String array, ObjectNode pair) {
    String name = pair.path("name").asText("");
    for (java.util.Iterator<Map.Entry<String, com.fasterxml.jackson.databind.JsonNode>> it = pair.fields(); it.hasNext(); ) {
      Map.Entry<String, com.fasterxml.jackson.databind.JsonNode> f = it.next();
      if (!f.getValue().isTextual()) continue;
      String v = f.getValue().asText();
      String out;
      if (!f.getKey().equals("value")) out = anywhere(v);
      else if (array.equals("cookies")) out = exact(v);
      else if (array.equals("headers")) out = header(name, v);
      else out = Secrets.name(Secrets.decode(name)) ? exact(v) : anywhere(v);
      f.setValue(new com.fasterxml.jackson.databind.node.TextNode(out));
    }
  }

  private String header(String name, String v) {
    String n = Secrets.lower(name);
    if (n.equals("cookie")) {
      StringBuilder sb = new StringBuilder();
      for (String part : v.split(";", -1)) {
        if (!sb.isEmpty()) sb.append(';');
        int eq = part.indexOf('=');
        sb.append(eq < 0 ? exact(part) : part.substring(0, eq + 1) + exact(part.substring(eq + 1)));
      }
      return sb.toString();
    }
    if (n.equals("set-cookie")) {
      StringBuilder sb = new StringBuilder();
      for (String line : v.split("\n", -1)) {
        if (!sb.isEmpty()) sb.append('\n');
        int semi = line.indexOf(';');
        String pairText = semi < 0 ? line : line.substring(0, semi);
        int eq = pairText.indexOf('=');
        String shown = eq < 0 ? exact(pairText) : pairText.substring(0, eq + 1) + exact(pairText.substring(eq + 1));
        sb.append(shown).append(semi < 0 ? "" : anywhere(line.substring(semi)));
      }
      return sb.toString();
    }
    if (Secrets.header(name)) {
      String c = credential(v);
      return c.length() == v.strip().length() ? exact(v.strip()) : v.strip().substring(0, v.strip().length() - c.length()) + exact(c);
    }
    if (n.equals("location") || n.equals("referer") || n.equals("content-location")) return url(v);
    return anywhere(v);
  }

  /** A string value outside a pair, sanitized by its field: URLs by their secret parameters, bodies by their fields. */
  private String string(String field, String s) {
    return switch (field) {
      case "url", "redirectURL" -> url(s);
      case "text" -> fields(s);
      default -> anywhere(s);
    };
  }

  private String url(String s) {
    Matcher m = QUERY.matcher(s);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String shown = Secrets.name(Secrets.decode(m.group(2))) ? m.group(1) + m.group(2) + "=" + exact(m.group(3)) : m.group();
      m.appendReplacement(sb, Matcher.quoteReplacement(shown));
    }
    m.appendTail(sb);
    return anywhere(sb.toString());
  }

  /** A body: a form's or JSON object's secret fields, then every long secret. */
  private String fields(String s) {
    String out = s;
    for (String[] f : Secrets.fields(s)) {
      if (!Secrets.name(f[0]) || f[1].isEmpty()) continue;
      String r = secrets.get(f[1]);
      if (r == null) continue;
      out = out.replace("=" + f[1], "=" + r).replace("\"" + f[1] + "\"", "\"" + r + "\"");
      replaced++;
    }
    return anywhere(out);
  }

  /** A value that is a secret as a whole (a cookie's value, a token). */
  private String exact(String s) {
    String r = secrets.get(s.strip());
    if (r == null) return anywhere(s);
    replaced++;
    return r;
  }

  /** Every secret of at least {@link #ANYWHERE} characters replaced wherever it occurs. */
  private String anywhere(String s) {
    if (s.length() < ANYWHERE) return s;
    String out = s;
    for (Map.Entry<String, String> e : secrets.entrySet()) {
      String k = e.getKey();
      if (k.length() < ANYWHERE || k.length() > out.length() || !out.contains(k)) continue;
      out = out.replace(k, e.getValue());
      replaced++;
    }
    return out;
  }
}
