package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.host-not-forwarded}: through the public URL the app generates URLs on another host (its
 * upstream address, {@code 127.0.0.1:8000}) than the public one. With {@code --direct}, the same request
 * sent with the public {@code Host} and {@code X-Forwarded-Host} says whether the proxy (it fixes it)
 * or the app (it does not) is at fault.
 */
@CheckSpec(id = "proxy.host-not-forwarded", severity = Severity.ERROR, needs = authdoctor.observation.ForwardingTrial.class)
public final class ProxyHostNotForwarded implements Check, authdoctor.check.Refuting {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<Evidence> ev = new ArrayList<>();
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      if (!Forwarding.hostWrong(c.pub())) continue;
      Evidence pub = Forwarding.evidence(ctx, c.pub());
      Map<String, String> facts = new LinkedHashMap<>(pub.facts());
      facts.put("public host", c.pub().publicUrl().getHost());
      if (c.forwarded() != null) {
        facts.put("decided by", Forwarding.hostWrong(c.forwarded())
            ? "the app ignores Host/X-Forwarded-Host even when sent: make it trust the proxy's host header"
            : "sent directly with the public Host the app gets it right: the proxy does not pass Host");
      }
      ev.add(new Evidence(pub.kind(), pub.subject(), pub.excerpt(), pub.location(), facts));
      if (c.forwarded() != null) ev.add(Forwarding.evidence(ctx, c.forwarded()));
    }
    return ev.isEmpty() ? List.of() : List.of(ctx.finding(ev));
  }

  /** The live run shows the opposite of this id (see {@link ForwardingRefutations}). */
  @Override
  public java.util.Optional<String> refutation(Observations observations, CheckContext ctx) {
    return ForwardingRefutations.host(observations, ctx);
  }
}
