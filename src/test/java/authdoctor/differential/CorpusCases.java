package authdoctor.differential;

import authdoctor.cookie.Context;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.Step;
import authdoctor.testing.ReferenceFiles;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The corpus rows a browser can replay as a scenario: rows whose every step uses the HTTP API (a
 * response's Set-Cookie lines, a request's Cookie header). Rows using {@code document.cookie}, raw
 * bytes ({@code header_encoding: isomorphic}) or CR/LF/NUL in a line are left out. WPT steps are fetches
 * from the test page (or from the initiator a note names); http-state steps are typed navigations.
 */
final class CorpusCases {
  static final List<String> FILES =
      List.of("http-state-wpt/http-state-wpt.jsonl", "http-state-macaron/http-state-macaron.jsonl", "wpt/wpt-cookies.jsonl", "wpt/wpt-cookies-recent.jsonl");

  private static final ObjectMapper JSON = new ObjectMapper();

  private CorpusCases() {}

  static Path corpus(String relative) {
    return ReferenceFiles.cookieCorpus(relative);
  }

  /** Every expressible row, in file order. */
  static List<DiffCase> all() {
    List<DiffCase> out = new ArrayList<>();
    for (String file : FILES) {
      try (BufferedReader r = Files.newBufferedReader(corpus(file), StandardCharsets.UTF_8)) {
        String line;
        while ((line = r.readLine()) != null) {
          if (line.isBlank()) continue;
          toCase(JSON.readTree(line)).ifPresent(out::add);
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return out;
  }

  /** Every {@code every}-th expressible row: a fixed sample spread over all files. */
  static List<DiffCase> sample(int every) {
    List<DiffCase> all = all();
    List<DiffCase> out = new ArrayList<>();
    for (int i = 0; i < all.size(); i += every) out.add(all.get(i));
    return out;
  }

  static Optional<DiffCase> toCase(JsonNode row) {
    String id = row.get("id").asText();
    boolean wpt = id.startsWith("wpt");
    boolean macaron = id.startsWith("http-state-macaron");
    URI page = row.hasNonNull("page") ? uri(row.get("page").asText()) : null;
    List<Step> steps = new ArrayList<>();
    for (JsonNode step : row.get("steps")) {
      if (!step.path("api").asText().equals("http")) return Optional.empty();
      if (step.path("header_encoding").asText().equals("isomorphic")) return Optional.empty();
      URI url = uri(step.get("url").asText());
      if (url == null) return Optional.empty();
      URI from = null;
      Context context = Context.NAVIGATION;
      if (wpt && page != null) {
        context = Context.SUBRESOURCE;
        from = origin(initiator(page, step));
      }
      if (step.get("op").asText().equals("set")) {
        List<String> lines = new ArrayList<>();
        for (JsonNode l : step.get("set_cookie")) {
          String s = l.asText();
          if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0 || s.indexOf('\0') >= 0) return Optional.empty();
          if (!s.chars().allMatch(c -> c < 0x7f)) return Optional.empty();
          lines.add(macaron ? substitutePlaceholders(s) : s);
        }
        steps.add(new ResponseStep(url, "GET", context, from, Duration.ZERO, lines, null));
      } else {
        steps.add(new RequestStep(url, "GET", context, from, Duration.ZERO));
      }
    }
    if (steps.isEmpty()) return Optional.empty();
    String family = "corpus-" + id.substring(0, id.indexOf(':'));
    return Optional.of(new DiffCase(id, family, new CookieScenario(ThirdPartyCookies.ALLOWED, steps)));
  }

  /** A WPT step is fetched by the page, or by the initiator its note names ("issued by URL"). */
  private static URI initiator(URI page, JsonNode step) {
    String note = step.path("note").asText("");
    int i = note.indexOf("issued by ");
    if (i < 0) return page;
    String rest = note.substring(i + "issued by ".length());
    int sp = rest.indexOf(' ');
    URI u = uri(sp < 0 ? rest : rest.substring(0, sp));
    return u == null ? page : u;
  }

  private static URI origin(URI u) {
    return URI.create(u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort()));
  }

  /** macaron's Expires=FUTURE / Expires=PAST placeholders: now ± 1 year. */
  private static String substitutePlaceholders(String s) {
    DateTimeFormatter f = DateTimeFormatter.RFC_1123_DATE_TIME;
    ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC).withNano(0);
    return s.replace("FUTURE", f.format(now.plusYears(1))).replace("PAST", f.format(now.minusYears(1)));
  }

  private static @Nullable URI uri(String s) {
    try {
      URI u = new URI(s);
      return u.getHost() == null ? null : u;
    } catch (URISyntaxException e) {
      return null;
    }
  }
}
