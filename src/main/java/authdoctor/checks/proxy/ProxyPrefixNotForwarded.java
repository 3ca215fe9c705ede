package authdoctor.checks.proxy;

import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.internal.Hosts;
import authdoctor.oauth.OidcDiscovery;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import authdoctor.observation.Redirects;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * {@code proxy.prefix-not-forwarded}: a page under a mount ({@code /app/login}) redirects to a path of
 * the same origin outside it ({@code /dashboard}), that path answers 404, and the same path under the
 * mount ({@code /app/dashboard}) answers — the proxy strips the prefix and the app builds its URLs as
 * if it lived at {@code /}. All three are needed: an app may well redirect out of a sub-path on purpose.
 * An identity provider behind such a proxy is found by its discovery document: fetched under the mount,
 * it names itself outside it, and its page outside the mount answered 404.
 */
@CheckSpec(id = "proxy.prefix-not-forwarded", severity = Severity.ERROR, needs = HttpExchange.class)
public final class ProxyPrefixNotForwarded implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<HttpExchange> all = observations.of(HttpExchange.class);
    for (HttpExchange x : all) {
      URI t = Redirects.target(x).orElse(null);
      if (t == null || !Hosts.sameOrigin(t, x.url())) continue;
      String from = path(x.url());
      String to = path(t);
      for (int i = from.indexOf('/', 1); i > 0; i = from.indexOf('/', i + 1)) {
        String mount = from.substring(0, i);
        if (to.equals(mount) || to.startsWith(mount + "/")) break; // the redirect stays under this mount
        Optional<HttpExchange> outside = find(all, x.url(), to, true);
        Optional<HttpExchange> inside = find(all, x.url(), mount + to, false);
        if (outside.isEmpty() || inside.isEmpty()) continue;
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("mount", mount + "/ (the public path of the app)");
        facts.put("outside the mount", "GET " + to + " → " + outside.get().status() + " (step " + outside.get().step() + ")");
        facts.put("under the mount", "GET " + mount + to + " → " + inside.get().status() + " (step " + inside.get().step() + ")");
        return List.of(ctx.finding(ctx.evidence(x, "header",
            x.method() + " " + ctx.redactor().url(x.url().toString()) + " → " + x.status(),
            ctx.redactor().header("Location", x.responseHeader("Location").orElseThrow()),
            facts)));
      }
    }
    return provider(all, ctx);
  }

  /**
   * An identity provider behind the prefix: its discovery document, fetched under a mount
   * ({@code /auth/realms/app/.well-known/…}), names itself without it ({@code /realms/app}), and a request
   * for a path it names outside the mount answered 404 (the browser sent to its login page).
   */
  private static List<Finding> provider(List<HttpExchange> all, CheckContext ctx) {
    for (HttpExchange x : all) {
      OidcDiscovery d = OidcDiscovery.of(x).orElse(null);
      if (d == null || d.issuer() == null) continue;
      URI issuer;
      try {
        issuer = new URI(d.issuer());
      } catch (java.net.URISyntaxException e) {
        continue;
      }
      if (!Hosts.sameOrigin(issuer, x.url())) continue;
      String expected = path(URI.create(d.expectedIssuer())).replaceAll("/+$", "");
      String named = path(issuer).replaceAll("/+$", "");
      if (named.isEmpty() || !expected.endsWith(named) || expected.length() == named.length()) continue;
      String mount = expected.substring(0, expected.length() - named.length());
      if (!mount.startsWith("/") || mount.endsWith("/")) continue;
      Optional<HttpExchange> outside = all.stream()
          .filter(y -> y.answered() && y.status() == 404 && Hosts.sameOrigin(y.url(), x.url()))
          .filter(y -> path(y.url()).startsWith(named + "/") && !path(y.url()).startsWith(mount + "/")).findFirst();
      if (outside.isEmpty()) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("mount", mount + "/ (the public path of the identity provider)");
      facts.put("the provider names itself", ctx.redactor().url(d.issuer()));
      facts.put("outside the mount", outside.get().method() + " " + path(outside.get().url()) + " → 404 (step "
          + outside.get().step() + ")");
      return List.of(ctx.finding(ctx.evidence(x, "body",
          "GET " + ctx.redactor().url(x.url().toString()) + " → " + x.status(),
          ctx.redactor().plain("\"issuer\": \"" + d.issuer() + "\""), facts)));
    }
    return List.of();
  }

  /** An answered exchange for {@code path} on the origin of {@code like}: a 404 when {@code missing}, else not. */
  private static Optional<HttpExchange> find(List<HttpExchange> all, URI like, String path, boolean missing) {
    return all.stream()
        .filter(y -> y.answered() && Hosts.sameOrigin(y.url(), like) && path(y.url()).equals(path))
        .filter(y -> missing ? y.status() == 404 : y.status() != 404 && y.status() < 500)
        .findFirst();
  }

  private static String path(@Nullable URI u) {
    String p = u == null ? null : u.getRawPath();
    return p == null || p.isEmpty() ? "/" : p;
  }
}
