package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.AppLayer;
import authdoctor.checks.app.InEffect;
import authdoctor.checks.proxy.NginxEvidence;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code cookie.secure-over-http} across the app's settings and nginx: the app marks its session (or
 * CSRF) cookie {@code Secure} ({@code SESSION_COOKIE_SECURE}, {@code https_only=True}), while every nginx
 * route to it serves plain http with nothing in front that could terminate TLS (no TLS listen, no {@code
 * set_real_ip_from}, no client {@code X-Forwarded-Proto} passed on): browsers refuse a {@code Secure}
 * cookie from an {@code http://} origin other than localhost (RFC 6265bis §5.7, step 14), so no one
 * stays signed in. Evidence: the setting, the deployment line that gives it its value, and a route.
 */
@CheckSpec(id = "cookie.secure-over-http", severity = Severity.ERROR, needs = {AppSetting.class, NginxProxyRoute.class})
public final class CookieSecureOverHttpInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<AppLayer.Route> routes = AppLayer.routes(observations);
    if (routes.isEmpty() || !routes.stream().allMatch(CookieSecureOverHttpInApp::plainOnly)) return List.of();
    List<Evidence> out = new ArrayList<>();
    for (Concept c : List.of(Concept.SESSION_COOKIE_SECURE, Concept.CSRF_COOKIE_SECURE)) {
      for (AppSetting s : AppLayer.settings(observations, c)) {
        if (!Boolean.TRUE.equals(AppLayer.truth(AppLayer.value(s, observations)))) continue;
        Evidence primary = AppLayer.at(ctx, s, "the cookie is Secure, and the app is served over plain http only: browsers refuse it");
        out.add(primary);
        DeploySetting given = AppLayer.givenBy(s, observations);
        if (given != null) {
          out.add(InEffect.related(ctx.evidence(given, "config", given.key() + (given.instance() == null ? " in " + given.file() : " of " + given.instance()),
              given.excerpt(ctx.redactor()), Map.of("note", "gives " + s.key() + " its value")), primary));
        }
        AppLayer.Route r = routes.get(0);
        out.add(InEffect.related(NginxEvidence.route(ctx, r.route(), "serves the app over plain http"), primary));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** A route of a plain-http server nothing terminates TLS in front of, for a host that is not localhost. */
  private static boolean plainOnly(AppLayer.Route r) {
    NginxProxyRoute route = r.route();
    if (route.server().tls() || !route.server().behindProxy().isEmpty()) return false;
    if (!route.server().names().isEmpty() && route.server().names().stream().allMatch(n -> local(n))) return false;
    NginxDirective proto = route.setsHeader("X-Forwarded-Proto");
    // passing on a client's (a load balancer's) X-Forwarded-Proto says TLS may end in front
    return proto != null && !proto.arg(1).toLowerCase(Locale.ROOT).contains("$http_");
  }

  private static boolean local(String name) {
    return name.equals("localhost") || name.endsWith(".localhost") || name.startsWith("127.") || name.equals("[::1]");
  }
}
