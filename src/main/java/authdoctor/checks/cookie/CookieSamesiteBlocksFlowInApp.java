package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observations;
import com.google.common.net.InternetDomainName;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * {@code cookie.samesite-blocks-flow} in application settings: the session cookie's {@code SameSite} in
 * effect withholds it where the app's own flows need it (RFC 6265bis §5.8.3): on the identity provider's
 * return ({@code Strict} on any cross-site callback, {@code Lax} on one the provider posts: SAML POST
 * binding, OIDC {@code form_post}), so the session that holds the login's state is missing; or inside
 * the frame of another site the app lets embed it (CSP {@code frame-ancestors} naming another site, or
 * {@code *}), where neither {@code Lax} nor {@code Strict} cookies are sent. An ancestor is another
 * site when its registrable domain is none of the hosts nginx serves.
 */
@CheckSpec(id = "cookie.samesite-blocks-flow", severity = Severity.ERROR, needs = AppSetting.class)
public final class CookieSamesiteBlocksFlowInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<AppSetting> flows = observations.of(AppSetting.class).stream()
        .filter(s -> (s.concept() == AppSetting.Concept.LOGIN_CALLBACK || s.concept() == AppSetting.Concept.FRAME_ANCESTORS) && s.literal() != null)
        .toList();
    if (flows.isEmpty()) return List.of();
    Set<String> sites = new LinkedHashSet<>();
    for (NginxServer s : observations.of(NginxServer.class)) for (String h : InEffect.hosts(s)) sites.add(site(h.replaceFirst("^\\*?\\.", "")));
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.SESSION_COOKIE_SAMESITE)) {
      String sameSite = r.value().strip().toLowerCase(Locale.ROOT);
      if (!sameSite.equals("strict") && !sameSite.equals("lax")) continue;
      for (AppSetting flow : flows) {
        if (!flow.framework().equals(r.setting().framework())) continue;
        String note = flow.concept() == AppSetting.Concept.LOGIN_CALLBACK ? callback(sameSite, flow.literal()) : embed(flow.literal(), sites);
        if (note == null) continue;
        List<Evidence> e = InEffect.withSource(ctx, r, "SameSite=" + r.value() + " withholds the session cookie " + note);
        out.addAll(e);
        out.add(InEffect.related(ctx, flow, e.get(0)));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static @Nullable String callback(String sameSite, String callback) {
    boolean post = callback.startsWith("POST ");
    if (!(sameSite.equals("strict") || post)) return null;
    return "on the provider's " + (post ? "cross-site POST" : "cross-site redirect") + " to " + callback.substring(callback.indexOf(' ') + 1)
        + ": the login's state is lost there";
  }

  /** Why an embedding by another site loses the cookie, or null when every ancestor is this site. */
  private static @Nullable String embed(String ancestors, Set<String> sites) {
    for (String a : InEffect.list(ancestors)) {
      String v = a.strip().toLowerCase(Locale.ROOT);
      if (v.equals("*") || v.equals("https:") || v.equals("http:")) return "in frames of any site (frame-ancestors " + a + ")";
      if (v.startsWith("'") || sites.isEmpty()) continue;
      String origin = InEffect.origin(v.replace("*.", "x."));
      if (origin == null) continue;
      String site = site(java.net.URI.create(origin).getHost());
      if (!site.isEmpty() && !sites.contains(site)) return "in frames of " + a + ", another site the app lets embed it";
    }
    return null;
  }

  /** The registrable domain of a host, or the host itself when it has none. */
  private static String site(String host) {
    try {
      InternetDomainName d = InternetDomainName.from(host);
      return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : host;
    } catch (IllegalArgumentException | IllegalStateException e) {
      return host;
    }
  }
}
