package authdoctor.checks.cookie;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * {@code cookie.samesite-blocks-flow} in application settings: the session cookie's {@code SameSite} in
 * effect withholds it on the identity provider's return to the app (RFC 6265bis §5.8.3): {@code Strict}
 * on any cross-site callback, {@code Lax} on one the provider posts (SAML POST binding, OIDC {@code
 * form_post}); the session that holds the login's state is missing there, so the login fails.
 */
@CheckSpec(id = "cookie.samesite-blocks-flow", severity = Severity.ERROR, needs = AppSetting.class)
public final class CookieSamesiteBlocksFlowInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<AppSetting> callbacks = observations.of(AppSetting.class).stream()
        .filter(s -> s.concept() == AppSetting.Concept.LOGIN_CALLBACK && s.literal() != null).toList();
    if (callbacks.isEmpty()) return List.of();
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.SESSION_COOKIE_SAMESITE)) {
      String sameSite = r.value().strip().toLowerCase(Locale.ROOT);
      for (AppSetting cb : callbacks) {
        if (!cb.framework().equals(r.setting().framework())) continue;
        boolean post = cb.literal().startsWith("POST ");
        if (!(sameSite.equals("strict") || (sameSite.equals("lax") && post))) continue;
        List<Evidence> e = InEffect.withSource(ctx, r, "SameSite=" + r.value() + " withholds the session cookie on the provider's "
            + (post ? "cross-site POST" : "cross-site redirect") + " to " + cb.literal().substring(cb.literal().indexOf(' ') + 1)
            + ": the login's state is lost there");
        out.addAll(e);
        out.add(InEffect.related(ctx, cb, e.get(0)));
        break;
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
