package authdoctor.cookie;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * Replays one corpus row (see {@code corpus/cookies/README.md}) through a fresh {@link CookieJar} and
 * says whether the result is what the row expects. Returns a mismatch description, or null on a pass.
 */
final class CorpusRunner {
  private final Clock clock;

  CorpusRunner(Clock clock) {
    this.clock = clock;
  }

  /** What the last reads of a row saw. */
  private static final class Observed {
    @Nullable SendResult http;
    @Nullable SendResult dom;
    @Nullable String domString;
    @Nullable URI domUrl;
    boolean lastWasDom;
    boolean terminatorRejected;
  }

  @Nullable String run(JsonNode row) {
    String suite = row.path("id").asText();
    boolean wpt = suite.startsWith("wpt");
    boolean macaron = suite.startsWith("http-state-macaron");
    URI page = row.hasNonNull("page") ? uri(row.get("page").asText()) : null;
    CookieJar jar = new CookieJar(clock);
    Observed seen = new Observed();
    for (JsonNode step : row.get("steps")) {
      String op = step.get("op").asText();
      String api = step.get("api").asText();
      URI url = uri(step.get("url").asText());
      boolean isomorphic = "isomorphic".equals(step.path("header_encoding").asText());
      if (op.equals("set")) {
        List<String> lines = new ArrayList<>();
        for (JsonNode l : step.get("set_cookie")) {
          String s = l.asText();
          if (isomorphic) s = isomorphicToString(s);
          if (macaron) s = substitutePlaceholders(s);
          lines.add(s);
        }
        List<SetResult> results = new ArrayList<>();
        if (api.equals("http")) {
          RequestContext ctx = wpt ? wptContext(page, step) : RequestContext.typed();
          results.addAll(jar.receive(url, lines, ctx, null));
        } else {
          for (String s : lines) results.add(jar.setDocumentCookie(url, s));
        }
        for (SetResult r : results) {
          if (r.parsed().problems().contains(ParseProblem.LINE_TERMINATOR)) {
            seen.terminatorRejected = true;
          }
        }
      } else if (api.equals("http")) {
        RequestContext ctx =
            wpt && page != null ? RequestContext.subresource("GET", page) : RequestContext.typed();
        seen.http = jar.send(url, ctx);
        seen.lastWasDom = false;
      } else {
        seen.dom = jar.documentCookieDecisions(url, null);
        seen.domString = jar.documentCookie(url);
        seen.domUrl = url;
        seen.lastWasDom = true;
      }
    }
    String mismatch = compare(row.get("expected"), seen, jar);
    if (mismatch != null
        && row.path("flags").path("allow_fetch_failure").asBoolean(false)
        && seen.terminatorRejected) {
      return null; // the HTTP message itself may be rejected: counts as a pass
    }
    return mismatch;
  }

  private @Nullable String compare(JsonNode expected, Observed seen, CookieJar jar) {
    List<String> problems = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = expected.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> e = it.next();
      JsonNode want = e.getValue();
      switch (e.getKey()) {
        case "cookie_string" -> {
          String got = seen.lastWasDom ? seen.domString : header(seen.http);
          if (!want.asText().equals(got)) problems.add("cookie_string: want " + q(want.asText()) + " got " + q(got));
        }
        case "document_cookie" -> {
          if (!want.asText().equals(seen.domString)) {
            problems.add("document_cookie: want " + q(want.asText()) + " got " + q(seen.domString));
          }
        }
        case "cookie_header" -> {
          String got = header(seen.http);
          if (!want.asText().equals(got)) problems.add("cookie_header: want " + q(want.asText()) + " got " + q(got));
        }
        case "cookie_header_startswith" -> {
          String got = header(seen.http);
          if (!got.startsWith(want.asText())) problems.add("cookie_header_startswith: want " + q(want.asText()) + " got " + q(got));
        }
        case "cookie_present" -> presence(want, seen.http, "cookie_present", problems);
        case "cookie_present_dom" -> presence(want, seen.dom, "cookie_present_dom", problems);
        case "cookies" -> {
          Map<String, String> wantMap = new LinkedHashMap<>();
          if (want.isArray()) {
            for (JsonNode c : want) wantMap.put(c.get("name").asText(), c.get("value").asText());
          } else {
            want.fields().forEachRemaining(f -> wantMap.put(f.getKey(), f.getValue().asText()));
          }
          Map<String, String> got = new LinkedHashMap<>();
          if (seen.http != null) for (StoredCookie c : seen.http.sent()) got.put(c.name(), c.value());
          if (!wantMap.equals(got)) problems.add("cookies: want " + wantMap.keySet() + " got " + got.keySet() + (wantMap.keySet().equals(got.keySet()) ? " (values differ)" : ""));
        }
        case "http_only" -> {
          for (Iterator<Map.Entry<String, JsonNode>> f = want.fields(); f.hasNext(); ) {
            Map.Entry<String, JsonNode> n = f.next();
            boolean got = httpOnlyByOverwrite(jar, seen.domUrl, n.getKey());
            if (got != n.getValue().asBoolean()) problems.add("http_only " + n.getKey() + ": want " + n.getValue() + " got " + got);
          }
        }
        default -> problems.add("unknown expectation " + e.getKey());
      }
    }
    return problems.isEmpty() ? null : String.join("; ", problems);
  }

  /** As the WPT test does: try to overwrite the cookie from script and see if the jar changed. */
  private static boolean httpOnlyByOverwrite(CookieJar jar, @Nullable URI doc, String name) {
    URI page = doc != null ? doc : URI.create("https://web-platform.test:8443/");
    SetResult r = jar.setDocumentCookie(page, name + "=overwritten; Path=/");
    return !r.stored();
  }

  private static void presence(JsonNode want, @Nullable SendResult got, String label, List<String> problems) {
    for (Iterator<Map.Entry<String, JsonNode>> f = want.fields(); f.hasNext(); ) {
      Map.Entry<String, JsonNode> n = f.next();
      boolean present = got != null && got.sent().stream().anyMatch(c -> c.name().equals(n.getKey()));
      if (present != n.getValue().asBoolean()) problems.add(label + " " + n.getKey() + ": want " + n.getValue() + " got " + present);
    }
  }

  private static String header(@Nullable SendResult r) {
    return r == null ? "" : Objects.requireNonNullElse(r.cookieHeaderValue(), "");
  }

  /** Quotes a string for a failure message, with control characters escaped. Values are test data. */
  private static String q(@Nullable String s) {
    if (s == null) return "null";
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c < 0x20 || c == 0x7f) b.append(String.format("\\x%02x", (int) c));
      else b.append(c);
    }
    if (b.length() > 200) b.setLength(200);
    return b.append('"').toString();
  }

  /**
   * WPT steps are same-origin fetches from the page unless the note names another initiator ("302
   * redirect" notes keep the fetch context: the Set-Cookie comes with the redirect response).
   */
  private static RequestContext wptContext(@Nullable URI page, JsonNode step) {
    String note = step.path("note").asText("");
    String marker = "issued by ";
    int i = note.indexOf(marker);
    if (i >= 0) {
      String rest = note.substring(i + marker.length());
      int sp = rest.indexOf(' ');
      URI from = uri(sp < 0 ? rest : rest.substring(0, sp));
      return RequestContext.subresource("GET", from);
    }
    return page == null ? RequestContext.typed() : RequestContext.subresource("GET", page);
  }

  /** macaron's Expires=FUTURE / Expires=PAST placeholders: now ± 1 year. */
  private String substitutePlaceholders(String s) {
    DateTimeFormatter f = DateTimeFormatter.RFC_1123_DATE_TIME;
    ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    return s.replace("FUTURE", f.format(now.plusYears(1))).replace("PAST", f.format(now.minusYears(1)));
  }

  /** A string whose chars are bytes (isomorphic decoding) → the UTF-8 text a server would send. */
  static String isomorphicToString(String s) {
    byte[] bytes = s.getBytes(StandardCharsets.ISO_8859_1);
    try {
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(bytes))
          .toString();
    } catch (CharacterCodingException e) {
      return new String(bytes, StandardCharsets.UTF_8); // invalid bytes become U+FFFD: still non-ASCII
    }
  }

  static URI uri(String s) {
    try {
      return new URI(s);
    } catch (java.net.URISyntaxException e) {
      StringBuilder b = new StringBuilder();
      for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
        int v = x & 0xff;
        if (v > 0x20 && v < 0x7f) b.append((char) v);
        else b.append('%').append(String.format("%02X", v));
      }
      return URI.create(b.toString());
    }
  }

  /** An RFC 1123 date with the (sometimes wrong) day-of-week of the corpus ignored. */
  static Instant rfc1123(String s) {
    int comma = s.indexOf(", ");
    String noDow = comma >= 0 ? s.substring(comma + 2) : s;
    return ZonedDateTime.parse(noDow, DateTimeFormatter.ofPattern("dd MMM yyyy HH:mm:ss zzz", java.util.Locale.ROOT)).toInstant();
  }
}
