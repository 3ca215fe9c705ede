package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtToken;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StorePing;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The probe's trace: every step rendered, redacted, as the text lines and JSON fields reporters print.
 * All of the probe's step rendering is here, and nothing else is.
 *
 * <p>JSON of an HTTP step: {@code {"step", "label", "method", "url", "status", "error", "elapsed_ms",
 * "request_headers": [{"name", "value"}], "response_headers": [...], "cookies_withheld": [{"name",
 * "reason", "finding"}], "cookies_set": [{"name", "stored", "deleted", "verdict", "finding"}], "context"}}
 * ({@code "cookies_set_more": n} when the response set more cookies than a step keeps)
 * plus {@code "session"} and {@code "session_reason"} when the response was judged; of a note:
 * {@code {"step", "label", "note"}}; of the bearer token: {@code {"step", "label", "source", "note"?,
 * "jwt", "alg"?, "kid"?, "iss"?, "exp"?}}.
 */
final class ProbeTrace {
  private static final List<String> SHOWN_REQUEST =
      List.of("Host", "Origin", "Referer", "Cookie", "Authorization", "X-Forwarded-Proto", "X-Forwarded-Host",
          "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-CSRFToken", "X-CSRF-Token", "X-XSRF-TOKEN");
  private static final List<String> SHOWN_RESPONSE =
      List.of("Location", "Set-Cookie", "Strict-Transport-Security", "WWW-Authenticate", "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Vary");

  private final Redactor redactor;
  private final List<Step> steps = new ArrayList<>();

  ProbeTrace(Redactor redactor) {
    this.redactor = requireNonNull(redactor);
  }

  /** The steps in step order. */
  synchronized List<Step> steps() {
    List<Step> st = new ArrayList<>(steps);
    st.sort(Comparator.comparingInt(s -> ((Number) s.json().get("step")).intValue()));
    return st;
  }

  /** {@code {"name", "value"}} in that order (JSON output must not depend on hash order). */
  private static Map<String, Object> header(String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("value", value);
    return m;
  }

  /** An HTTP step: the request, the response, and the browser model's decisions ({@code ctx} null: a raw replay). */
  void exchange(HttpExchange x, @Nullable RequestContext ctx, @Nullable SendResult sent, List<CookieSetEvent> sets) {
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
      if (f.is("Set-Cookie") && ++setCookies > ProbeSession.COOKIES_KEPT_PER_STEP) continue;
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
      for (String l : lines.subList(0, Math.min(lines.size(), ProbeSession.COOKIES_KEPT_PER_STEP))) {
        text.add("  < Set-Cookie: " + redactor.setCookie(l) + " (raw replay: not given to the browser model)");
      }
    }
    // Bounded per step: a response with 12,000 Set-Cookie lines shows the first ones and counts the rest.
    int more = lines.size() - Math.min(lines.size(), ProbeSession.COOKIES_KEPT_PER_STEP);
    if (more > 0) {
      text.add(String.format(Locale.ROOT, "  … and %,d more cookies like these (not shown, not diagnosed)", more));
      json.put("cookies_set_more", more);
    }
    json.put("cookies_set", set);
    json.put("context", ctx == null ? "raw (no browser model)" : ctx.context().name().toLowerCase(Locale.ROOT));
    add(new Step(json, text));
  }

  /** Adds the session verdict to the step already recorded as {@code step}. */
  synchronized void annotate(int step, SessionCheck.Verdict v, String reason) {
    for (int i = 0; i < steps.size(); i++) {
      Step s = steps.get(i);
      if (((Number) s.json().get("step")).intValue() != step) continue;
      Map<String, Object> json = new LinkedHashMap<>(s.json());
      String word = v.word();
      json.put("session", word);
      json.put("session_reason", redactor.scrub(reason));
      List<String> text = new ArrayList<>(s.text());
      text.add("  = " + word + " (" + redactor.scrub(reason) + ")");
      steps.set(i, new Step(json, text));
    }
  }

  /** A step that is a remark, not a request. */
  void note(int step, String label, String message) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", step);
    json.put("label", label);
    json.put("note", message);
    add(new Step(json, List.of(label + ": " + message)));
  }

  void storePing(StorePing p) {
    String line = p.store() + ": " + p.reply() + " (" + p.millis() + " ms)";
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", p.step());
    json.put("label", "store ping");
    json.put("note", line);
    add(new Step(json, List.of("store ping " + line)));
  }

  void storeLookup(StoreLookup lookup) {
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
    add(new Step(json, lines));
  }

  /**
   * The bearer token the client sends, read as a JWT when it is one.
   *
   * @param notJwt why the token is not a JWT (redacted), null when {@code jwt} is given
   */
  void bearerToken(int step, boolean fromLogin, @Nullable JwtToken jwt, @Nullable String notJwt) {
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
      text.add("  not a JWT (" + notJwt + "): an opaque token, only its issuer can introspect it");
      json.put("jwt", false);
      add(new Step(json, text));
      return;
    }
    text.add("  alg " + jwt.alg() + (jwt.kid() == null ? "" : ", kid " + jwt.kid()) + (jwt.issuer() == null ? "" : ", iss " + jwt.issuer())
        + (jwt.expiresAt() == null ? "" : ", exp " + jwt.expiresAt()));
    json.put("jwt", true);
    json.put("alg", jwt.alg());
    json.put("kid", jwt.kid());
    json.put("iss", jwt.issuer());
    json.put("exp", jwt.expiresAt() == null ? null : jwt.expiresAt().toString());
    add(new Step(json, text));
  }

  private synchronized void add(Step s) {
    steps.add(s);
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }
}
