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
import java.util.List;
import java.util.Map;

/**
 * {@code proxy.forwarded-proto-overwritten}: through the public https URL the app answers as if the
 * request were http; sent directly with {@code X-Forwarded-Proto: https} it answers as https (it trusts
 * the header); and through the public URL with the client's own {@code X-Forwarded-Proto: https} it
 * still answers as http — so a proxy between the client and the app sets the header itself, to
 * {@code http}: an inner hop that writes {@code $scheme} over the value of the TLS-terminating one.
 * (When no proxy sets it, the client's header passes through and the app answers as https:
 * {@code proxy.forwarded-proto-missing}.)
 */
@CheckSpec(id = "proxy.forwarded-proto-overwritten", severity = Severity.ERROR, needs = ForwardingTrial.class)
public final class ProxyForwardedProtoOverwritten implements Check, authdoctor.check.Refuting {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      if (Forwarding.configuredBaseUrl(c)) continue;
      if (!Forwarding.schemeWrong(c.pub(), c.forwarded()) || !Forwarding.claimOverwritten(c)) continue;
      return List.of(ctx.finding(List.of(Forwarding.evidence(ctx, c.pub()),
          Forwarding.evidence(ctx, c.forwarded()), Forwarding.evidence(ctx, c.claimed()),
          new Evidence("note", "could not verify", ctx.redactor().plain(
              "a proxy that drops the client's X-Forwarded-Proto and sends none answers alike (nginx passes it "
                  + "through unless it sets its own): the hop next to the app must send the TLS hop's scheme"),
              (Location) null, Map.of()))));
    }
    return List.of();
  }

  /** The live run shows the opposite of this id (see {@link ForwardingRefutations}). */
  @Override
  public java.util.Optional<String> refutation(Observations observations, CheckContext ctx) {
    return ForwardingRefutations.scheme(observations, ctx);
  }
}
