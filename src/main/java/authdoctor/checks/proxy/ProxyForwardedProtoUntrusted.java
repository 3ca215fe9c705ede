package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.check.Observations;
import authdoctor.observation.ForwardingTrial;
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
      ForwardingTrial f = c.forwarded();
      if (f == null || !Forwarding.schemeWrong(c.pub(), f)) continue;
      boolean stillHttp = f.appUrl() != null && "http".equalsIgnoreCase(f.appUrl().getScheme());
      if (!stillHttp) continue;
      ev.add(Forwarding.evidence(ctx, c.pub()));
      ev.add(Forwarding.evidence(ctx, f));
    }
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }
}
