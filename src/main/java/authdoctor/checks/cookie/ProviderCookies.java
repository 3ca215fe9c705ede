package authdoctor.checks.cookie;

import authdoctor.cookie.StoredCookie;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observations;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The identity provider's own cookies in an OAuth / OIDC flow: those scoped to the host of the provider's
 * authorization endpoint (RFC 6749 §3.1), which the flow visited. They keep the provider's login state on
 * the provider's host; that the browser does not send them to the app's host is how it should be, and how
 * the provider writes them (a session-state cookie its check-session iframe reads by script, OpenID Connect
 * Session Management 1.0 §3) is the provider's design, not the app's setting.
 *
 * @param hosts the hosts (lower case) of the authorization endpoints the flow requested or was redirected to
 */
public record ProviderCookies(Set<String> hosts) {
  public ProviderCookies {
    hosts = Set.copyOf(hosts);
  }

  /** The providers of the flow in {@code o}: every authorization request an exchange made or redirected to. */
  public static ProviderCookies of(Observations o) {
    Set<String> hosts = new HashSet<>();
    // Only the user's flow: a trial of the probe's own (the app asked directly) names no provider of the user's.
    Set<Integer> trials = ForwardingTrial.offPathSteps(o);
    for (HttpExchange x : o.of(HttpExchange.class)) {
      if (trials.contains(x.step())) continue;
      AuthorizationRequest.of(x.url()).ifPresent(a -> add(hosts, a.url()));
      AuthorizationRequest.redirectedTo(x).ifPresent(a -> add(hosts, a.url()));
    }
    return new ProviderCookies(hosts);
  }

  private static void add(Set<String> hosts, URI u) {
    if (u.getHost() != null) hosts.add(u.getHost().toLowerCase(Locale.ROOT));
  }

  /** Whether {@code c} is a provider's cookie and {@code request} goes to another host (the app's). */
  public boolean awayFromProvider(StoredCookie c, URI request) {
    String host = request.getHost() == null ? "" : request.getHost().toLowerCase(Locale.ROOT);
    return hosts.contains(c.domainWithoutDot()) && !hosts.contains(host);
  }

  /** Whether the provider itself set the cookie of {@code e}: a response of the provider's host. */
  public boolean setByProvider(CookieSetEvent e) {
    return e.url().getHost() != null && hosts.contains(e.url().getHost().toLowerCase(Locale.ROOT));
  }
}
