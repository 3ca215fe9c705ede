package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code proxy.forwarded-proto-untrusted}: the public site is https and the app answers as if it were
 * http — and it still does when the request is sent directly with {@code X-Forwarded-Proto: https}: the
 * app ignores the header (no ProxyFix, trust proxy, --proxy-headers, forward-headers-strategy).
 * Needs {@code --direct}.
 */
@CheckSpec(id = "proxy.forwarded-proto-untrusted", severity = Severity.ERROR, needs = ForwardingTrial.class)
public final class ProxyForwardedProtoUntrusted implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      if (Forwarding.configuredBaseUrl(c)) continue;
      ForwardingTrial f = c.forwarded();
      if (f == null || !Forwarding.schemeWrong(c.pub(), f)) continue;
      if (!Forwarding.schemeWrong(f, f)) continue;
      ev.add(Forwarding.evidence(ctx, c.pub()));
      ev.add(Forwarding.evidence(ctx, f));
    }
    if (ev.isEmpty()) ev.addAll(silentSecureCookie(observations, ctx));
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }

  /**
   * express-session's case: with {@code cookie.secure} and no {@code trust proxy} it silently sets no
   * cookie at all, so there is no URL or cookie to compare — the login succeeds over https without a
   * Set-Cookie, and sending the request directly with {@code X-Forwarded-Proto: https} changes nothing.
   * Decided only for a detected Express stack, where this is the documented behaviour.
   */
  private static List<Evidence> silentSecureCookie(Observations o, CheckContext ctx) {
    if (!"express".equals(ctx.stack().framework())) return List.of();
    boolean cookieless = o.of(LoginAttempt.class).stream()
        .anyMatch(l -> l.succeeded() && l.setCookieLines() == 0 && !l.tokenReturned()
            && "https".equalsIgnoreCase(l.url().getScheme()));
    if (!cookieless) return List.of();
    for (Forwarding.Comparison c : Forwarding.comparisons(o)) {
      ForwardingTrial f = c.forwarded();
      if (f == null || !c.pub().request().startsWith("POST") || !f.secureCookies().isEmpty() || f.status() / 100 != c.pub().status() / 100) continue;
      Evidence pub = Forwarding.evidence(ctx, c.pub());
      Evidence fwd = Forwarding.evidence(ctx, f);
      return List.of(pub, new Evidence(fwd.kind(), fwd.subject(), ctx.redactor().plain(
          "still no session cookie: express-session withholds a Secure cookie on what it believes is http, "
              + "and the app does not read X-Forwarded-Proto ('trust proxy' unset)"), fwd.location(), fwd.facts()));
    }
    return List.of();
  }
}
