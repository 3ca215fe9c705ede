package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.forwarded-proto-missing}: the public site is https, the app answers as if it were http
 * (http URLs, Secure cookies withheld), and the same request sent directly with
 * {@code X-Forwarded-Proto: https} is answered correctly — so the app trusts the header and the proxy
 * does not send it. Without {@code --direct} the split between "missing" and "untrusted" cannot be
 * measured; the finding then says so.
 */
@CheckSpec(id = "proxy.forwarded-proto-missing", severity = Severity.ERROR, needs = ForwardingTrial.class)
public final class ProxyForwardedProtoMissing implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    boolean verified = false;
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      if (Forwarding.configuredBaseUrl(c)) continue;
      if (Forwarding.claimOverwritten(c)) continue; // the proxy sends one, the wrong one: proxy.forwarded-proto-overwritten
      if (!Forwarding.schemeWrong(c.pub(), c.forwarded())) continue;
      if (c.forwarded() != null) {
        if (!Forwarding.answersHttps(c.pub(), c.forwarded())) continue;
        if (verified) continue; // one comparison proves it; the others would repeat it
        ev.clear();
        ev.add(Forwarding.evidence(ctx, c.pub()));
        if (c.direct() != null) ev.add(Forwarding.evidence(ctx, c.direct()));
        ev.add(Forwarding.evidence(ctx, c.forwarded()));
        verified = true;
      } else if (ev.isEmpty()) {
        ev.add(Forwarding.evidence(ctx, c.pub()));
      }
    }
    if (ev.isEmpty()) return List.of();
    if (!verified) {
      ev.add(new Evidence("note", "not verified", ctx.redactor().plain(
          "could not verify whether the proxy omits X-Forwarded-Proto or the app ignores it "
              + "(proxy.forwarded-proto-untrusted): run again with --direct URL of the app"),
          (Location) null, Map.of()));
    }
    return List.of(ctx.finding(ev));
  }
}
