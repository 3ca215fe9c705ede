package authdoctor.checks.oauth;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.cookie.ParsedCookie;
import authdoctor.cookie.SetCookieParser;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code oauth.state-cookie-lost}: the response that sends the browser to the provider sets cookies
 * (state, nonce, PKCE verifier), and the browser's request to the redirect_uri comes back without one of
 * them — its Path, Domain, Secure or SameSite keeps it off the callback, so the app cannot check
 * {@code state} and refuses the login. The exchanges carry what the browser model sent in the callback's
 * real context (a cross-site top-level GET, or POST for {@code form_post}).
 */
@CheckSpec(id = "oauth.state-cookie-lost", severity = Severity.ERROR, needs = HttpExchange.class)
public final class OauthStateCookieLost implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<HttpExchange> xs = observations.of(HttpExchange.class);
    List<Evidence> evidence = new ArrayList<>();
    for (int i = 0; i < xs.size(); i++) {
      HttpExchange start = xs.get(i);
      AuthorizationRequest a = AuthorizationRequest.redirectedTo(start).orElse(null);
      if (a == null) continue;
      List<String> setLines = start.responseHeaders("Set-Cookie").stream().filter(l -> !deleting(l)).toList();
      if (setLines.isEmpty()) continue;
      for (HttpExchange cb : xs.subList(i + 1, xs.size())) {
        if (!a.isCallback(cb.url())) continue;
        List<String> sent = cookieNames(cb.requestHeader("Cookie").orElse(""));
        for (String line : setLines) {
          String name = name(line);
          if (name.isEmpty() || sent.contains(name)) continue;
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put("set at", "step " + start.step() + ", " + start.method() + " " + ctx.redactor().url(start.url().toString()));
          facts.put("Set-Cookie", ctx.redactor().header("Set-Cookie", line).text());
          facts.put("callback", cb.method() + " " + ctx.redactor().url(cb.url().toString()) + " → " + (cb.answered() ? String.valueOf(cb.status()) : "no answer"));
          facts.put("cookies sent", sent.isEmpty() ? "none" : String.join(", ", sent));
          facts.put("response_mode", a.responseMode());
          evidence.add(ctx.evidence(cb, "cookie", name, ctx.redactor().plain(name + " not sent to the callback"),
              facts));
        }
        break; // the first callback of this authorization request
      }
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }

  private static boolean deleting(String line) {
    // A deletion (empty value, Max-Age<=0, or an Expires in 1970 as frameworks write it) is not a cookie
    // the callback needs.
    ParsedCookie p = SetCookieParser.parse(line);
    return !p.valid() || p.value().isEmpty() || p.maxAge() != null && p.maxAge().strip().matches("-?0+|-\\d+")
        || p.expires() != null && p.expires().contains("1970");
  }

  private static String name(String line) {
    return SetCookieParser.parse(line).name();
  }

  private static List<String> cookieNames(String header) {
    List<String> out = new ArrayList<>();
    for (String pair : header.split(";")) {
      int eq = pair.indexOf('=');
      String n = (eq < 0 ? pair : pair.substring(0, eq)).strip();
      if (!n.isEmpty()) out.add(n);
    }
    return out;
  }
}
