package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.check.CheckContext;
import authdoctor.check.Observations;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.ForwardingTrial.Via;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The trials of one request side by side: through the public URL, directly to the app, and directly
 * with the forwarded headers a correct proxy adds. What the app generated in each (scheme and host of
 * its absolute URLs, the Secure cookies it set) says whether the proxy or the app is at fault.
 */
public final class Forwarding {
  private Forwarding() {}

  /** The trials of one request; {@code direct} and {@code forwarded} are null without {@code --direct}. */
  public record Comparison(ForwardingTrial pub, @Nullable ForwardingTrial direct, @Nullable ForwardingTrial forwarded) {}

  public static List<Comparison> comparisons(Observations o) {
    Map<String, ForwardingTrial[]> byRequest = new LinkedHashMap<>();
    for (ForwardingTrial t : o.of(ForwardingTrial.class)) {
      byRequest.computeIfAbsent(t.request(), k -> new ForwardingTrial[3])[t.via().ordinal()] = t;
    }
    List<Comparison> out = new ArrayList<>();
    for (ForwardingTrial[] t : byRequest.values()) {
      if (t[Via.PUBLIC.ordinal()] != null) out.add(new Comparison(t[0], t[1], t[2]));
    }
    return out;
  }

  /** The public site is https but the app generated an http URL (or set no Secure cookie where a proxied https request would get one). */
  public static boolean schemeWrong(ForwardingTrial t, @Nullable ForwardingTrial forwarded) {
    if (!"https".equalsIgnoreCase(t.publicUrl().getScheme())) return false;
    if (t.appUrl() != null) return "http".equalsIgnoreCase(t.appUrl().getScheme());
    return forwarded != null && t != forwarded && forwarded.secureCookies().stream().anyMatch(n -> !t.secureCookies().contains(n));
  }

  /** The app generated a URL on another host than the public one. */
  public static boolean hostWrong(ForwardingTrial t) {
    URI a = t.appUrl();
    return a != null && a.getHost() != null && !a.getHost().equalsIgnoreCase(t.publicUrl().getHost());
  }

  /** Evidence for one trial: what was sent (subject) and what the app generated (excerpt). */
  public static Evidence evidence(CheckContext ctx, ForwardingTrial t) {
    Map<String, String> facts = new LinkedHashMap<>();
    String via = switch (t.via()) {
      case PUBLIC -> "through the public URL";
      case DIRECT -> "direct to the app, no forwarded headers";
      case DIRECT_FORWARDED -> "direct to the app with " + String.join(", ", t.sent().entrySet().stream()
          .filter(e -> !e.getKey().equals("X-Forwarded-For") && !e.getKey().equals("Host"))
          .map(e -> e.getKey() + ": " + e.getValue()).toList());
    };
    if (!t.secureCookies().isEmpty()) facts.put("Secure cookies set", String.join(", ", t.secureCookies()));
    String what = t.appUrl() != null
        ? t.appUrlSource() + ": " + ctx.redactor().url(t.appUrl().toString())
        : t.secureCookies().isEmpty() ? "no absolute URL, no Secure cookie" : "no absolute URL";
    return new Evidence("header", t.request() + " " + via,
        ctx.redactor().plain(what), new Location.ExchangeRef(t.step()), facts);
  }
}
