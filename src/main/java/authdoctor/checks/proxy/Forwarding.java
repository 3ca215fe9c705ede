package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.ForwardingTrial.Via;
import authdoctor.observation.Observations;
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

  /**
   * The trials of one request; {@code direct} and {@code forwarded} are null without {@code --direct};
   * {@code claimed} (public, with the client's own {@code X-Forwarded-Proto}) is null when not sent.
   */
  public record Comparison(ForwardingTrial pub, @Nullable ForwardingTrial direct, @Nullable ForwardingTrial forwarded,
      @Nullable ForwardingTrial claimed) {
    public Comparison(ForwardingTrial pub, @Nullable ForwardingTrial direct, @Nullable ForwardingTrial forwarded) {
      this(pub, direct, forwarded, null);
    }
  }

  /**
   * The client's own {@code X-Forwarded-Proto: https} through the public URL did not make the app answer
   * as https, although the app honours the header (the forwarded trial): a proxy on the way replaced it.
   */
  public static boolean claimOverwritten(Comparison c) {
    return c.claimed() != null && c.forwarded() != null && schemeWrong(c.claimed(), c.forwarded())
        && answersHttps(c.pub(), c.forwarded());
  }

  public static List<Comparison> comparisons(Observations o) {
    Map<String, ForwardingTrial[]> byRequest = new LinkedHashMap<>();
    for (ForwardingTrial t : o.of(ForwardingTrial.class)) {
      byRequest.computeIfAbsent(t.request(), k -> new ForwardingTrial[Via.values().length])[t.via().ordinal()] = t;
    }
    List<Comparison> out = new ArrayList<>();
    for (ForwardingTrial[] t : byRequest.values()) {
      if (t[Via.PUBLIC.ordinal()] != null) out.add(new Comparison(t[0], t[1], t[2], t[3]));
    }
    return out;
  }

  /**
   * The public site is https but the app answered as if the request were http: it generated an http URL,
   * or redirected to the very URL it was asked for (its own "redirect to https": the loop browsers call
   * "too many redirects"), or set no Secure cookie where the same request marked https gets one.
   */
  public static boolean schemeWrong(ForwardingTrial t, @Nullable ForwardingTrial forwarded) {
    if (!"https".equalsIgnoreCase(t.publicUrl().getScheme())) return false;
    if (t.appUrl() != null) return "http".equalsIgnoreCase(t.appUrl().getScheme()) || selfRedirect(t);
    // Only when both were answered alike: a login refused for another reason (CSRF, credentials) sets no cookie either.
    return forwarded != null && t != forwarded && t.status() / 100 == forwarded.status() / 100
        && forwarded.secureCookies().stream().anyMatch(n -> !t.secureCookies().contains(n));
  }

  /**
   * A redirect of an https request to https and the same path — on the public host and port (the URL it
   * was asked for), or on an internal host the app took from the proxy's Host: the app's own "redirect
   * to https" rule fired, so it believes the request was http.
   */
  public static boolean selfRedirect(ForwardingTrial t) {
    URI a = t.appUrl();
    if (a == null || t.status() < 300 || t.status() >= 400) return false;
    URI p = t.publicUrl();
    String ah = host(a);
    if (a.getScheme() == null || !a.getScheme().equalsIgnoreCase(p.getScheme()) || ah == null) return false;
    if (!String.valueOf(a.getRawPath()).equals(String.valueOf(p.getRawPath()))) return false;
    boolean samePlace = ah.equalsIgnoreCase(p.getHost()) && authdoctor.internal.Hosts.port(a) == authdoctor.internal.Hosts.port(p);
    return samePlace || !ah.equalsIgnoreCase(p.getHost()) && authdoctor.internal.Hosts.isInternal(ah);
  }

  /** The forwarded trial shows the app on https: an https URL that is not a self-redirect, a Secure cookie, or a plain answer where the public one looped. */
  public static boolean answersHttps(ForwardingTrial pub, ForwardingTrial f) {
    if (schemeWrong(f, f)) return false;
    if (f.appUrl() != null && "https".equalsIgnoreCase(f.appUrl().getScheme())) return true;
    if (!f.secureCookies().isEmpty()) return true;
    return selfRedirect(pub) && f.status() > 0 && (f.status() < 300 || f.status() >= 400);
  }

  /**
   * The app's URLs come from its configuration (a {@code PUBLIC_URL}, {@code BASE_URL}), not from the
   * request: sent directly with the app's own Host, it still names the public host. Then neither the
   * proxy's headers nor the app's trust in them change anything, and the redirect checks say what is wrong.
   */
  public static boolean configuredBaseUrl(Comparison c) {
    ForwardingTrial d = c.direct();
    return d != null && d.appUrl() != null && host(d.appUrl()) != null
        && host(d.appUrl()).equalsIgnoreCase(d.publicUrl().getHost())
        && !d.url().getHost().equalsIgnoreCase(d.publicUrl().getHost());
  }

  /** The host of a URL, also an nginx upstream name Java's URI refuses ({@code app_pool}). */
  public static @Nullable String host(URI u) {
    return authdoctor.internal.Hosts.hostOf(u);
  }

  /** The app generated a URL on another host than the public one. */
  public static boolean hostWrong(ForwardingTrial t) {
    URI a = t.appUrl();
    return a != null && host(a) != null && !host(a).equalsIgnoreCase(t.publicUrl().getHost());
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
      case PUBLIC_CLAIMED -> "through the public URL, the client itself sending X-Forwarded-Proto: "
          + t.sent().getOrDefault("X-Forwarded-Proto", "?");
    };
    if (!t.secureCookies().isEmpty()) facts.put("Secure cookies set", String.join(", ", t.secureCookies()));
    String what = t.appUrl() != null
        ? t.appUrlSource() + ": " + ctx.redactor().url(t.appUrl().toString())
        : t.secureCookies().isEmpty() ? "no absolute URL, no Secure cookie" : "no absolute URL";
    return ctx.evidence(t, "header", t.request() + " " + via,
        ctx.redactor().plain(what), facts);
  }
}
