package authdoctor.checks.oauth;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.RedirectUriExpectation;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code oauth.redirect-uri-mismatch}: the redirect_uri the app sends differs from the registered one
 * (RFC 6749 §3.1.2.3 compares them as strings: host, port, path, a trailing slash). With
 * {@code --expect-redirect-uri} the comparison is exact, except a difference of scheme alone, which is
 * {@code oauth.redirect-uri-scheme}'s; without it, a redirect_uri on another host or port than the page
 * that started the login is reported (the app names its internal address).
 */
@CheckSpec(id = "oauth.redirect-uri-mismatch", severity = Severity.ERROR, needs = HttpExchange.class)
public final class OauthRedirectUriMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Optional<RedirectUriExpectation> expect = observations.first(RedirectUriExpectation.class);
    List<Evidence> evidence = new ArrayList<>();
    Set<Integer> offPath = ForwardingTrial.offPathSteps(observations);
    for (HttpExchange x : observations.of(HttpExchange.class)) {
      if (offPath.contains(x.step())) continue; // the probe's own trial: the browser never gets this redirect
      AuthorizationRequest a = AuthorizationRequest.redirectedTo(x).orElse(null);
      if (a == null || a.redirectUri() == null) continue;
      String why = expect.isPresent() ? againstExpected(a.redirectUri(), expect.get().redirectUri())
          : againstOrigin(a, x.url());
      if (why == null) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("redirect_uri", ctx.redactor().url(a.redirectUri()));
      if (expect.isPresent()) facts.put("expected", ctx.redactor().url(expect.get().redirectUri()) + " (" + expect.get().source() + ")");
      else facts.put("page", ctx.redactor().url(x.url().toString()));
      facts.put("difference", why);
      evidence.add(ctx.evidence(x, "header", "redirect_uri",
          ctx.redactor().plain("redirect_uri=" + ctx.redactor().url(a.redirectUri())),
          facts));
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }

  /** What differs between the sent and the registered redirect_uri, or null (equal, or the scheme alone). */
  static @Nullable String againstExpected(String sent, String expected) {
    if (sent.equals(expected)) return null;
    URI s;
    URI e;
    try {
      s = new URI(sent);
      e = new URI(expected);
    } catch (java.net.URISyntaxException ex) {
      return "not the same string";
    }
    if (s.getHost() == null || e.getHost() == null) return "not the same string";
    List<String> d = new ArrayList<>();
    if (!s.getHost().equalsIgnoreCase(e.getHost())) d.add("host " + s.getHost() + " vs " + e.getHost());
    boolean sameScheme = String.valueOf(s.getScheme()).equalsIgnoreCase(String.valueOf(e.getScheme()));
    if (sameScheme ? AuthorizationRequest.port(s) != AuthorizationRequest.port(e) : s.getPort() != e.getPort()) {
      d.add("port " + shownPort(s) + " vs " + shownPort(e));
    }
    String sp = Optional.ofNullable(s.getRawPath()).orElse("");
    String ep = Optional.ofNullable(e.getRawPath()).orElse("");
    if (!sp.equals(ep)) {
      if (sp.equals(ep + "/")) d.add("a trailing slash the registered one does not have (" + sp + ")");
      else if (ep.equals(sp + "/")) d.add("no trailing slash, the registered one has one (" + ep + ")");
      else d.add("path " + sp + " vs " + ep);
    }
    if (!Optional.ofNullable(s.getRawQuery()).equals(Optional.ofNullable(e.getRawQuery()))) d.add("query differs");
    if (d.isEmpty()) return sameScheme ? "not the same string (letter case or encoding)" : null;
    return String.join("; ", d);
  }

  private static String shownPort(URI u) {
    return u.getPort() == -1 ? "(default " + AuthorizationRequest.port(u) + ")" : String.valueOf(u.getPort());
  }

  /** Without a registered value: a redirect_uri on another host or port than the page (scheme aside). */
  static @Nullable String againstOrigin(AuthorizationRequest a, URI page) {
    URI r = a.redirectTarget().orElse(null);
    if (r == null || page.getHost() == null) return null;
    List<String> d = new ArrayList<>();
    if (!r.getHost().toLowerCase(Locale.ROOT).equals(page.getHost().toLowerCase(Locale.ROOT))) {
      d.add("host " + r.getHost() + ", the login started on " + page.getHost());
    } else if (r.getScheme().equalsIgnoreCase(page.getScheme())
        ? AuthorizationRequest.port(r) != AuthorizationRequest.port(page) : r.getPort() != page.getPort()) {
      d.add("port " + shownPort(r) + ", the login started on " + shownPort(page));
    }
    return d.isEmpty() ? null : String.join("; ", d);
  }
}
