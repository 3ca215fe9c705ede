package authdoctor.report.trace;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.observation.BearerToken;
import authdoctor.observation.BrowserRequest;
import authdoctor.observation.Collected;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observation;
import authdoctor.observation.PageVerdict;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StepNote;
import authdoctor.observation.StoreInspection;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StorePing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The probe's trace, rendered from its observations: one step per request ({@link HttpExchange} with the
 * browser's part of it, {@link BrowserRequest}, and its cookie events), remark ({@link StepNote}), store
 * ping or look-up and bearer token, as the text lines and JSON fields reporters print. Values are
 * redacted here, as they enter the report. The fields are documented in docs/steps.md.
 *
 * <p>JSON of an HTTP step: {@code {"step", "label", "method", "url", "status", "error", "elapsed_ms",
 * "request_headers": [{"name", "value"}], "response_headers": [...], "cookies_withheld": [{"name",
 * "reason", "finding"}], "cookies_set": [{"name", "stored", "deleted", "verdict", "finding"}], "context"}}
 * ({@code "cookies_set_more": n} when the response set more cookies than a step keeps)
 * plus {@code "session"} and {@code "session_reason"} when the response was judged; of a note:
 * {@code {"step", "label", "note"}}; of the bearer token: {@code {"step", "label", "source", "note"?,
 * "jwt", "alg"?, "kid"?, "iss"?, "exp"?}}.
 */
public final class ProbeSteps {
  private static final List<String> SHOWN_REQUEST =
      List.of("Host", "Origin", "Referer", "Cookie", "Authorization", "X-Forwarded-Proto", "X-Forwarded-Host",
          "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-CSRFToken", "X-CSRF-Token", "X-XSRF-TOKEN");
  private static final List<String> SHOWN_RESPONSE =
      List.of("Location", "Set-Cookie", "Strict-Transport-Security", "WWW-Authenticate", "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Vary");

  private final Redactor redactor;
  private final Map<Integer, BrowserRequest> requests = new HashMap<>();
  private final Map<Integer, CookieSendEvent> sends = new HashMap<>();
  private final Map<Integer, List<CookieSetEvent>> sets = new HashMap<>();
  /** The session verdicts of a step ({@link SessionCheck} or {@link PageVerdict}), in the order they were judged. */
  private final Map<Integer, List<Observation>> verdicts = new HashMap<>();

  private ProbeSteps(Redactor redactor) {
    this.redactor = redactor;
  }

  /** The probe run with its trace: the steps rendered from its observations. */
  public static Collected traced(Collected run, Redactor redactor) {
    return run.withTrace(of(run.observations(), redactor));
  }

  /** The steps of one probe run, in step order. */
  public static List<Step> of(List<Observation> observations, Redactor redactor) {
    ProbeSteps r = new ProbeSteps(redactor);
    List<Observation> shown = new ArrayList<>();
    for (Observation o : observations) {
      switch (o) {
        case BrowserRequest b -> r.requests.put(b.step(), b);
        case CookieSendEvent e -> r.sends.put(e.step(), e);
        case CookieSetEvent e -> r.sets.computeIfAbsent(e.step(), k -> new ArrayList<>()).add(e);
        case SessionCheck c -> r.verdicts.computeIfAbsent(c.step(), k -> new ArrayList<>()).add(c);
        case PageVerdict v -> r.verdicts.computeIfAbsent(v.step(), k -> new ArrayList<>()).add(v);
        case HttpExchange x -> shown.add(x);
        case StepNote n -> shown.add(n);
        case StorePing p -> shown.add(p);
        case StoreLookup l -> shown.add(l);
        case StoreInspection i -> shown.add(i);
        case BearerToken t -> shown.add(t);
        default -> {}
      }
    }
    List<Step> out = new ArrayList<>();
    for (Observation o : shown) {
      out.add(switch (o) {
        case HttpExchange x -> r.exchange(x);
        case StepNote n -> note(n);
        case StorePing p -> storePing(p);
        case StoreLookup l -> storeLookup(l);
        case StoreInspection i -> StoreSteps.inspection(i);
        case BearerToken t -> bearerToken(t);
        default -> throw new IllegalStateException("not a step: " + o.getClass().getSimpleName());
      });
    }
    out.sort(Comparator.comparingInt(s -> ((Number) s.json().get("step")).intValue()));
    return out;
  }

  /** {@code {"name", "value"}} in that order (JSON output must not depend on hash order). */
  private static Map<String, Object> header(String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("value", value);
    return m;
  }

  /** An HTTP step: the request, the response, and the browser model's decisions (no context: a raw replay). */
  private Step exchange(HttpExchange x) {
    @Nullable BrowserRequest request = requests.get(x.step());
    @Nullable RequestContext ctx = request == null ? null : request.context();
    @Nullable CookieSendEvent send = sends.get(x.step());
    @Nullable SendResult sent = send == null ? null : send.result();
    List<CookieSetEvent> sets = this.sets.getOrDefault(x.step(), List.of());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", x.step());
    json.put("label", x.label());
    json.put("method", x.method());
    json.put("url", redactor.url(x.url().toString()));
    json.put("status", x.status());
    json.put("error", x.error() == null ? null : redactor.scrub(x.error()));
    json.put("elapsed_ms", x.elapsed().toMillis());
    List<String> text = new ArrayList<>();
    text.add(x.label() + ": " + x.method() + " " + redactor.url(x.url().toString()) + " → "
        + (x.answered() ? String.valueOf(x.status()) : "no response (" + redactor.scrub(String.valueOf(x.error())) + ")"));
    List<Object> req = new ArrayList<>();
    for (HeaderField f : x.requestHeaders()) {
      if (SHOWN_REQUEST.stream().noneMatch(f::is)) continue;
      if (f.is("Host") && f.value().equalsIgnoreCase(x.url().getRawAuthority())) continue;
      String v = redactor.headerValue(f.name(), f.value());
      req.add(header(f.name(), v));
      text.add("  > " + f.name() + ": " + v);
    }
    json.put("request_headers", req);
    List<Object> resp = new ArrayList<>();
    int setCookies = 0;
    for (HeaderField f : x.responseHeaders()) {
      if (SHOWN_RESPONSE.stream().noneMatch(f::is)) continue;
      if (f.is("Set-Cookie") && ++setCookies > CookieSetEvent.KEPT_PER_RESPONSE) continue;
      String v = redactor.headerValue(f.name(), f.value());
      resp.add(header(f.name(), v));
      if (!f.is("Set-Cookie")) text.add("  < " + f.name() + ": " + v);
    }
    json.put("response_headers", resp);
    List<Object> withheld = new ArrayList<>();
    if (sent != null) {
      sent.decisions().stream().filter(d -> !d.sent() && Relevance.concerns(d.cookie(), x.url()))
          .forEach(d -> {
            String why = d.reason();
            withheld.add(ordered("name", d.cookie().name(), "reason", why, "finding", d.finding()));
            text.add("    ✗ " + d.cookie().name() + " not sent: " + why + (d.finding() == null ? "" : " → " + d.finding()));
          });
    }
    json.put("cookies_withheld", withheld);
    List<Object> set = new ArrayList<>();
    for (CookieSetEvent e : sets) {
      SetResult r = e.result();
      String verdict = r.verdict();
      set.add(ordered("name", r.name(), "stored", r.stored(), "deleted", r.deleted(), "verdict", verdict, "finding", r.finding()));
      text.add("  < Set-Cookie: " + redactor.setCookie(e.line()));
      text.add("    " + (r.stored() || Boolean.TRUE.equals(r.deleted()) ? "✓ " : "✗ ") + r.name() + " " + verdict
          + (r.finding() == null ? "" : " → " + r.finding()));
    }
    List<String> lines = x.responseHeaders("Set-Cookie");
    if (ctx == null) {
      for (String l : lines.subList(0, Math.min(lines.size(), CookieSetEvent.KEPT_PER_RESPONSE))) {
        text.add("  < Set-Cookie: " + redactor.setCookie(l) + " (raw replay: not given to the browser model)");
      }
    }
    // Bounded per step: a response with 12,000 Set-Cookie lines shows the first ones and counts the rest.
    int more = lines.size() - Math.min(lines.size(), CookieSetEvent.KEPT_PER_RESPONSE);
    if (more > 0) {
      text.add(String.format(Locale.ROOT, "  … and %,d more cookies like these (not shown, not diagnosed)", more));
      json.put("cookies_set_more", more);
    }
    json.put("cookies_set", set);
    json.put("context", ctx == null ? "raw (no browser model)" : ctx.context().name().toLowerCase(Locale.ROOT));
    for (Observation o : verdicts.getOrDefault(x.step(), List.of())) {
      switch (o) {
        case SessionCheck c -> judged(json, text, c.verdict(), c.reason());
        case PageVerdict v -> judged(json, text, v.verdict(), v.reason());
        default -> {}
      }
    }
    return new Step(json, text);
  }

  /** The session verdict on a response: signed in or out, and why. */
  private void judged(Map<String, Object> json, List<String> text, SessionCheck.Verdict v, String reason) {
    String word = v.word();
    json.put("session", word);
    json.put("session_reason", redactor.scrub(reason));
    text.add("  = " + word + " (" + redactor.scrub(reason) + ")");
  }

  /** A step that is a remark, not a request. */
  private static Step note(StepNote n) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", n.step());
    json.put("label", n.label());
    json.put("note", n.message());
    return new Step(json, List.of(n.label() + ": " + n.message()));
  }

  private static Step storePing(StorePing p) {
    String line = p.store() + ": " + p.reply() + " (" + p.millis() + " ms)";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", p.step());
    json.put("label", "store ping");
    json.put("note", line);
    return new Step(json, List.of("store ping " + line));
  }

  private static Step storeLookup(StoreLookup lookup) {
    String shown = lookup.store();
    List<String> lines = new ArrayList<>();
    if (lookup.failure() != null) {
      lines.add("store lookup " + shown + " (session cookie " + lookup.cookie() + "): " + lookup.failure());
    }
    for (StoreLookup.Key k : lookup.keys()) {
      lines.add("store lookup " + shown + ": EXISTS " + k.key() + " (the key " + k.prefix() + "‹session id›, "
          + k.convention() + ") → " + (k.exists() ? "1, found" : "0, not there"));
    }
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", lookup.step());
    json.put("label", "store lookup");
    json.put("note", String.join("; ", lines));
    return new Step(json, lines);
  }

  /** The bearer token the client sends, read as a JWT when it is one. */
  private static Step bearerToken(BearerToken t) {
    int step = t.step();
    boolean fromLogin = t.fromLogin();
    @Nullable JwtToken jwt = t.jwt();
    List<String> text = new ArrayList<>();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", step);
    json.put("label", "bearer token");
    if (fromLogin) {
      text.add("bearer token: the login answered a token, not a session cookie (a frontend waiting for a cookie "
          + "never gets one; it must send Authorization: Bearer)");
      json.put("source", "login answer");
      json.put("note", "the login answered a token, not a session cookie: a frontend waiting for a cookie never "
          + "gets one; it must send Authorization: Bearer");
    } else {
      text.add("bearer token: from -H Authorization");
      json.put("source", "-H Authorization");
    }
    if (jwt == null) {
      text.add("  not a JWT (" + t.notJwt() + "): an opaque token, only its issuer can introspect it");
      json.put("jwt", false);
      return new Step(json, text);
    }
    text.add("  alg " + jwt.alg() + (jwt.kid() == null ? "" : ", kid " + jwt.kid()) + (jwt.issuer() == null ? "" : ", iss " + jwt.issuer())
        + (jwt.expiresAt() == null ? "" : ", exp " + jwt.expiresAt()));
    json.put("jwt", true);
    json.put("alg", jwt.alg());
    json.put("kid", jwt.kid());
    json.put("iss", jwt.issuer());
    json.put("exp", jwt.expiresAt() == null ? null : jwt.expiresAt().toString());
    return new Step(json, text);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
