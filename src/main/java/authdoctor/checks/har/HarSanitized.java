package authdoctor.checks.har;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.HarExport;
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code har.sanitized}: the HAR carries no {@code Cookie}, {@code Set-Cookie} or {@code Authorization} at all
 * (Chromium's default export since 2024 leaves them out), and the bytes on the wire do not show that the server
 * sent none ({@link HarExport#sanitized()}), so no cookie verdict can be read from it: the evidence says how it
 * is known, what can still be judged and what cannot.
 */
@CheckSpec(id = "har.sanitized", severity = Severity.WARN, needs = HarExport.class)
public final class HarSanitized implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    HarExport h = observations.first(HarExport.class).orElseThrow();
    if (!h.sanitized()) return List.of();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("entries", h.entries() + ", none with Cookie, Set-Cookie or Authorization");
    facts.put("exported by", h.creator() + (h.browser() == null ? "" : " (" + h.browser() + ")"));
    facts.put("how it is known", h.leftOut() > 0
        ? h.leftOut() + " redirect(s) came with more bytes on the wire (_transferSize) than their listed headers can take:"
            + " headers were left out"
        : "not measured: a sanitized export and a recording in which no cookie was set at all look the same here");
    facts.put("cannot be decided", "whether a cookie was set, stored, refused or sent (cookie.*), a session cookie's "
        + "lifetime and logout (session.logout-*), a login answered without a session (cookie.missing), a bearer "
        + "token's claims (jwt.*)");
    facts.put("still judged", "statuses and redirect chains (redirect.*), CORS answers (cors.*), CSRF refusal pages "
        + "(csrf.*), WWW-Authenticate challenges");
    String text = "sanitized export: " + h.entries() + " entries, no Cookie, Set-Cookie or Authorization header"
        + (h.logins() > 0 ? " (the sign-in is in the file)" : "");
    return List.of(ctx.finding(ctx.evidence(h, "measurement", "HAR", ctx.redactor().plain(text), facts)));
  }
}
