package authdoctor.report.trace;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.collect.browser.DevtoolsReasons;
import authdoctor.collect.cookie.BrowserComparison;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.cookie.CatalogIds;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.ExclusionReason;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.observation.Collected;
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
 * The {@code cookie} command's trace, rendered from the scenario's cookie events: one step per scenario step, listing each cookie with the
 * browser's decision, Chromium's reasons and the catalog id that explains it. Cookie values never
 * appear; the {@code Cookie} header a request would carry is shown redacted.
 *
 * <p>JSON of a response step: {@code {"step", "kind": "response", "url", "method", "context", "cookies":
 * [{"name", "stored", "deleted", "reasons", "reason", "finding", "advice"}]}}; of a request step:
 * {@code {"step", "kind": "request", "url", "method", "context", "cookies": [{"name", "sent", "reasons",
 * "reason", "finding", "advice"}], "cookie_header"}}.
 *
 * <p>With a browser comparison ({@code --browser chromium}) every cookie entry also has {@code
 * "browser": {"stored" or "sent": bool, "reasons": [DevTools reason strings], "finding": id}} (null when
 * the browser gave no answer for it) and {@code "agree": true|false|null} (null: not comparable); a
 * cookie only the browser reported is listed with the model's fields null; a step the browser could not
 * answer has {@code "browser_note"}. The reasons are shown without Chromium 156's {@code Schemeful}
 * prefix, which it puts on every SameSite reason ({@link DevtoolsReasons#normalize}).
 */
public final class CookieSteps {
  private CookieSteps() {}

  /**
   * A replay as the collector contract's result: the model's observations, and this trace of them (with
   * the browser's answers, when it was compared).
   */
  public static Collected collected(
      ScenarioReplay.Replay replay, Redactor redactor, BrowserComparison.@Nullable Result browser) {
    return new Collected(replay.observations(), List.of()).withTrace(steps(replay.observations(), redactor, browser));
  }

  public static List<Step> steps(List<Observation> observations, Redactor redactor) {
    return steps(observations, redactor, null);
  }

  /** As {@link #steps(List, Redactor)}, with the browser's answers next to the model's. */
  public static List<Step> steps(
      List<Observation> observations, Redactor redactor, BrowserComparison.@Nullable Result browser) {
    Map<Integer, List<CookieSetEvent>> sets = new LinkedHashMap<>();
    List<Step> out = new ArrayList<>();
    int lastStep = 0;
    for (Observation o : observations) {
      if (o instanceof CookieSetEvent e) sets.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
    }
    for (Observation o : observations) {
      switch (o) {
        case CookieSetEvent e -> {
          if (e.step() != lastStep) out.add(response(sets.get(e.step()), redactor, browser));
          lastStep = e.step();
        }
        case CookieSendEvent e -> {
          out.add(request(e, redactor, browser));
          lastStep = e.step();
        }
        default -> {}
      }
    }
    return out;
  }

  private static Step response(
      List<CookieSetEvent> events, Redactor redactor, BrowserComparison.@Nullable Result browser) {
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
      if (browser != null) {
        BrowserComparison.StorePair pair = storePair(browser, e.step(), events.indexOf(e));
        c.put("browser", pair == null ? null : storeJson(pair));
        c.put("agree", pair == null ? null : pair.agree());
        text.add("      " + BrowserText.store(pair, browser.notes().get(e.step())));
      }
    }
    if (browser != null) note(json, browser, first.step());
    json.put("cookies", cookies);
    return new Step(json, text);
  }

  private static Step request(CookieSendEvent e, Redactor redactor, BrowserComparison.@Nullable Result browser) {
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
      if (browser != null) {
        BrowserComparison.SendPair pair = sendPair(browser, e.step(), d);
        c.put("browser", pair == null || pair.browser() == null ? null : sendJson(pair));
        c.put("agree", pair == null ? null : pair.agree());
        text.add("      " + BrowserText.send(pair, browser.notes().get(e.step())));
      }
    }
    if (browser != null) {
      // Cookies only the browser considered: the model's fields are null.
      for (BrowserComparison.Pair p : browser.step(e.step())) {
        if (!(p instanceof BrowserComparison.SendPair s) || s.model() != null || s.browser() == null) continue;
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("name", s.name());
        c.put("sent", null);
        c.put("reasons", null);
        c.put("reason", null);
        c.put("finding", null);
        c.put("advice", List.of());
        c.put("browser", sendJson(s));
        c.put("agree", s.agree());
        cookies.add(c);
        text.add("    ? " + display(s.name()) + " (" + s.domain() + s.path() + ") not in the model's jar");
        text.add("      " + BrowserText.send(s, null));
      }
      note(json, browser, e.step());
    }
    json.put("cookies", cookies);
    String header = e.result().cookieHeader().map(redactor::cookieHeader).orElse(null);
    json.put("cookie_header", header);
    text.add("    Cookie: " + (header == null ? "(none: no Cookie header is sent)" : header));
    return new Step(json, text);
  }

  private static BrowserComparison.@Nullable StorePair storePair(BrowserComparison.Result browser, int step, int line) {
    for (BrowserComparison.Pair p : browser.step(step)) {
      if (p instanceof BrowserComparison.StorePair s && s.line() == line) return s;
    }
    return null;
  }

  private static BrowserComparison.@Nullable SendPair sendPair(BrowserComparison.Result browser, int step, CookieDecision d) {
    for (BrowserComparison.Pair p : browser.step(step)) {
      if (p instanceof BrowserComparison.SendPair s && s.model() == d) return s;
    }
    return null;
  }

  private static @Nullable Map<String, Object> storeJson(BrowserComparison.StorePair pair) {
    if (pair.browser() == null) return null;
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("stored", pair.browserStored());
    b.put("reasons", pair.browser().reasons().stream().map(DevtoolsReasons::normalize).toList());
    b.put("finding", pair.browserFinding());
    return b;
  }

  private static Map<String, Object> sendJson(BrowserComparison.SendPair pair) {
    SendOutcome o = java.util.Objects.requireNonNull(pair.browser());
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("sent", o.sent());
    b.put("reasons", o.reasons().stream().map(DevtoolsReasons::normalize).toList());
    b.put("finding", pair.browserFinding());
    return b;
  }

  private static void note(Map<String, Object> json, BrowserComparison.Result browser, int step) {
    String note = browser.notes().get(step);
    if (note != null) json.put("browser_note", note);
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
