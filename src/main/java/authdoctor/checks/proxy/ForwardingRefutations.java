package authdoctor.checks.proxy;

import authdoctor.check.CheckContext;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.Observations;
import java.util.Optional;

/**
 * What the forwarding trials show against a configuration finding ({@code probe --config}): through the
 * public URL the app answered with the public scheme or host, and sent directly without forwarded headers
 * it did not (so its answers follow the request, not a configured base URL) — the proxy's headers arrive
 * and are trusted, whatever a file that looks like the proxy's configuration says.
 */
final class ForwardingRefutations {
  private ForwardingRefutations() {}

  /**
   * The app answered through the proxy as it does when told https, while asked directly over http without
   * forwarded headers it answered as http (an http URL, or its own redirect to https): its scheme follows
   * the request, and through the proxy it learnt https — {@code X-Forwarded-Proto: https} arrives.
   */
  static Optional<String> scheme(Observations observations, CheckContext ctx) {
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      ForwardingTrial pub = c.pub();
      ForwardingTrial direct = c.direct();
      ForwardingTrial told = c.forwarded();
      if (direct == null || !"https".equalsIgnoreCase(pub.publicUrl().getScheme()) || Forwarding.configuredBaseUrl(c)) continue;
      if (!Forwarding.schemeWrong(direct, told) || Forwarding.schemeWrong(pub, told)) continue;
      boolean alike = told != null
          ? pub.status() > 0 && pub.status() / 100 == told.status() / 100
          : pub.appUrl() != null && "https".equalsIgnoreCase(pub.appUrl().getScheme());
      if (!alike) continue;
      return Optional.of("step " + pub.step() + ": through the public URL the app answered " + pub.request() + " with "
          + answer(pub, ctx) + (told == null ? "" : ", as when told X-Forwarded-Proto: https directly (step " + told.step() + ")")
          + ", while asked directly over http (step " + direct.step() + ") it answered as http (" + answer(direct, ctx)
          + "): the proxy's X-Forwarded-Proto arrives and is trusted");
    }
    return Optional.empty();
  }

  private static String answer(ForwardingTrial t, CheckContext ctx) {
    return t.status() + (t.appUrl() == null ? "" : " " + t.appUrlSource() + " " + ctx.redactor().url(t.appUrl().toString()));
  }

  /**
   * Through the proxy the app built a URL on the public host, while asked directly without the public
   * {@code Host} it built one on another: its host follows the request, and the proxy passes the public one.
   */
  static Optional<String> host(Observations observations, CheckContext ctx) {
    for (Forwarding.Comparison c : Forwarding.comparisons(observations)) {
      ForwardingTrial pub = c.pub();
      ForwardingTrial direct = c.direct();
      if (pub.appUrl() == null || direct == null || !Forwarding.hostWrong(direct) || Forwarding.hostWrong(pub)) continue;
      return Optional.of("step " + pub.step() + ": through the public URL the app built " + answer(pub, ctx)
          + ", while asked directly (step " + direct.step() + ") it built " + answer(direct, ctx)
          + ": the proxy passes the public Host (or X-Forwarded-Host) and the app uses it");
    }
    return Optional.empty();
  }
}
