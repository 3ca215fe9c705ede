package authdoctor.collect.cookie;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.cookie.CatalogIds;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.ExclusionReason;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.Observation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code cookie} command's trace: one step per scenario step, listing each cookie with the
 * browser's decision, Chromium's reasons and the catalog id that explains it. Cookie values never
 * appear; the {@code Cookie} header a request would carry is shown redacted.
 *
 * <p>JSON of a response step: {@code {"step", "kind": "response", "url", "method", "context", "cookies":
 * [{"name", "stored", "deleted", "reasons", "reason", "finding", "advice"}]}}; of a request step:
 * {@code {"step", "kind": "request", "url", "method", "context", "cookies": [{"name", "sent", "reasons",
 * "reason", "finding", "advice"}], "cookie_header"}}.
 */
public final class CookieTrace {
  private CookieTrace() {}

  public static List<Step> steps(List<Observation> observations, Redactor redactor) {
    Map<Integer, List<CookieSetEvent>> sets = new LinkedHashMap<>();
    List<Step> out = new ArrayList<>();
    int lastStep = 0;
    for (Observation o : observations) {
      if (o instanceof CookieSetEvent e) sets.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
    }
    for (Observation o : observations) {
      switch (o) {
        case CookieSetEvent e -> {
          if (e.step() != lastStep) out.add(response(sets.get(e.step()), redactor));
          lastStep = e.step();
        }
        case CookieSendEvent e -> {
          out.add(request(e, redactor));
          lastStep = e.step();
        }
        default -> {}
      }
    }
    return out;
  }

  private static Step response(List<CookieSetEvent> events, Redactor redactor) {
    CookieSetEvent first = events.get(0);
    Map<String, Object> json = head(first.step(), "response", first.url(), first.request(), redactor);
    List<String> text = new ArrayList<>();
    text.add("response " + describe(first.url(), first.request(), redactor));
    List<Object> cookies = new ArrayList<>();
    for (CookieSetEvent e : events) {
      SetResult r = e.result();
      List<String> advice = advice(r);
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", r.name());
      c.put("stored", r.stored());
      c.put("deleted", r.deleted());
      c.put("reasons", names(r.exclusions()));
      c.put("reason", r.exclusions().isEmpty() ? null : r.exclusions().get(0).name());
      c.put("finding", r.finding());
      c.put("advice", advice);
      cookies.add(c);
      text.add("  " + redactor.header("Set-Cookie", e.line()).text());
      text.add("    " + verdict(r) + suffix(r.finding(), advice));
    }
    json.put("cookies", cookies);
    return new Step(json, text);
  }

  private static Step request(CookieSendEvent e, Redactor redactor) {
    Map<String, Object> json = head(e.step(), "request", e.url(), e.request(), redactor);
    List<String> text = new ArrayList<>();
    text.add("request " + describe(e.url(), e.request(), redactor));
    List<Object> cookies = new ArrayList<>();
    for (CookieDecision d : e.result().decisions()) {
      StoredCookie sc = d.cookie();
      String finding = Relevance.concerns(sc, e.url()) ? d.finding() : null;
      Map<String, Object> c = new LinkedHashMap<>();
      c.put("name", sc.name());
      c.put("sent", d.sent());
      c.put("reasons", names(d.exclusions()));
      c.put("reason", d.exclusions().isEmpty() ? null : d.exclusions().get(0).name());
      c.put("finding", finding);
      c.put("advice", List.of());
      cookies.add(c);
      String why = d.sent() ? "sent" : "not sent: " + (d.exclusions().isEmpty() ? "other partition" : String.join(", ", names(d.exclusions())));
      text.add("    " + (d.sent() ? "✓ " : "✗ ") + display(sc.name()) + " " + why + suffix(finding, List.of()));
    }
    json.put("cookies", cookies);
    String header = e.result().cookieHeader().map(redactor::cookieHeader).orElse(null);
    json.put("cookie_header", header);
    text.add("    Cookie: " + (header == null ? "(none: no Cookie header is sent)" : header));
    return new Step(json, text);
  }

  /** Advice ids of a stored cookie, as the checks report them (CSRF cookies may lack HttpOnly). */
  static List<String> advice(SetResult r) {
    if (!r.stored()) return List.of();
    return r.advice().stream()
        .filter(id -> !(id.equals(CatalogIds.NOT_HTTPONLY) && Relevance.csrfTokenName(r.name())))
        .toList();
  }

  private static Map<String, Object> head(int step, String kind, URI url, RequestContext ctx, Redactor redactor) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", step);
    json.put("kind", kind);
    json.put("url", redactor.url(url.toString()));
    json.put("method", ctx.method());
    json.put("context", ctx.context().name().toLowerCase(Locale.ROOT));
    json.put("from", ctx.from() == null ? null : ctx.from().toString());
    return json;
  }

  private static String describe(URI url, RequestContext ctx, Redactor redactor) {
    String where =
        switch (ctx.context()) {
          case NAVIGATION -> ctx.from() == null ? "typed navigation" : "navigation from " + ctx.from();
          case SUBRESOURCE -> "subresource of " + ctx.topLevelPage();
          case IFRAME -> "iframe in " + ctx.topLevelPage();
        };
    return ctx.method() + " " + redactor.url(url.toString()) + " (" + where + ")";
  }

  private static String verdict(SetResult r) {
    if (Boolean.TRUE.equals(r.deleted())) return "✓ " + display(r.name()) + " deleted";
    if (r.stored()) return "✓ " + display(r.name()) + " stored";
    String why = r.exclusions().isEmpty() ? "already expired" : String.join(", ", names(r.exclusions()));
    return "✗ " + display(r.name()) + " not stored: " + why;
  }

  private static String suffix(@Nullable String finding, List<String> advice) {
    StringBuilder sb = new StringBuilder();
    if (finding != null) sb.append(" → ").append(finding);
    if (!advice.isEmpty()) sb.append(finding == null ? " · " : "; ").append(String.join(", ", advice));
    return sb.toString();
  }

  private static List<String> names(List<ExclusionReason> reasons) {
    return reasons.stream().map(Enum::name).toList();
  }

  private static String display(String name) {
    return name.isEmpty() ? "(nameless)" : name;
  }
}
