package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.http.Resolve;
import authdoctor.internal.Hosts;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Where the user's secrets may go: the probe asks before each request that would carry one. The rules
 * (README "Where credentials go"):
 *
 * <table>
 *   <tr><th>secret</th><th>may go to</th></tr>
 *   <tr><td>{@code --password-*}</td><td>the login form's or {@code --login}/{@code --login-json} target's
 *       origin, when the login page is on an origin the user named and so is the target: the target URL's, a
 *       {@code --login}/{@code --api}/{@code --second-login} URL's, {@code --direct}, {@code --instance}, or a
 *       host and port pinned by {@code --resolve}</td></tr>
 *   <tr><td>{@code --idp-password-*}</td><td>only the form of the provider the app's own authorization redirect
 *       led to, posted to that provider's origin (with {@code --oidc-issuer}, only that issuer's origin); never
 *       a later hop</td></tr>
 *   <tr><td>{@code -H} credentials, the login's bearer token</td><td>the origins the user named, as curl does on
 *       redirects; with {@code --location-trusted} also the origins redirects lead to</td></tr>
 * </table>
 *
 * <p>A redirect that would re-send the password body (307/308, RFC 9110 §15.4.8-9) to an origin other than
 * the named ones is not followed; 301/302/303 become a GET without the body, as browsers do.
 */
final class CredentialPolicy {
  private final Set<String> named;
  private final Set<String> pinned;
  private final boolean locationTrusted;
  private final @Nullable String issuer;

  /**
   * @param named the URLs the user named (their origins count)
   * @param resolve the {@code --resolve} entries (their host and port count, for either scheme)
   * @param locationTrusted curl's {@code --location-trusted}: {@code -H} credentials follow redirects
   * @param oidcIssuer {@code --oidc-issuer}, or null
   */
  CredentialPolicy(List<URI> named, List<Resolve> resolve, boolean locationTrusted, @Nullable URI oidcIssuer) {
    Set<String> n = new LinkedHashSet<>();
    for (URI u : named) if (u.getHost() != null) n.add(Hosts.origin(u));
    this.named = Set.copyOf(n);
    Set<String> p = new LinkedHashSet<>();
    for (Resolve r : resolve) p.add(r.host().toLowerCase(Locale.ROOT) + ":" + r.port());
    this.pinned = Set.copyOf(p);
    this.locationTrusted = locationTrusted;
    this.issuer = oidcIssuer == null || oidcIssuer.getHost() == null ? null : Hosts.origin(oidcIssuer);
  }

  /** The policy of a probe's configuration. */
  static CredentialPolicy of(ProbeConfig c, List<Resolve> resolve, boolean locationTrusted) {
    List<URI> named = new java.util.ArrayList<>();
    named.add(c.base());
    if (c.login() != null) named.add(Urls.resolve(c.base(), requireNonNull(c.login())));
    if (c.secondLogin() != null) named.add(Urls.resolve(c.base(), requireNonNull(c.secondLogin())));
    for (String a : c.tokens().apis()) named.add(Urls.resolve(c.base(), a));
    if (c.direct() != null) named.add(requireNonNull(c.direct()));
    named.addAll(c.instances());
    return new CredentialPolicy(named, resolve, locationTrusted, c.tokens().oidcIssuer());
  }

  /** Whether the user named this URL's origin (see the table). */
  boolean named(URI u) {
    if (u.getHost() == null || !Urls.isHttp(u)) return false;
    return named.contains(Hosts.origin(u)) || pinned.contains(u.getHost().toLowerCase(Locale.ROOT) + ":" + Hosts.port(u));
  }

  /**
   * Why the password may not go to {@code target} from the login page {@code page}, or empty when it may.
   *
   * @param page the login page as the browser ended up on it (after its redirects)
   * @param target where the form posts, or the {@code --login-json} target
   */
  Optional<String> password(URI page, URI target) {
    if (!named(page)) {
      return Optional.of("the login page is on " + Hosts.origin(page) + ", an origin not named on the command line"
          + " (the target, --login, --direct, --instance or --resolve)");
    }
    if (!named(target)) {
      return Optional.of("the login posts to " + shown(target) + ", an origin other than the login page's ("
          + Hosts.origin(page) + ") and not named on the command line");
    }
    return Optional.empty();
  }

  /**
   * Why the identity provider's password may not go to {@code action}, or empty when it may.
   *
   * @param authorization the authorization URL the app's own redirect led to
   * @param page the provider's page with the form, after its redirects
   * @param action where that form posts
   */
  Optional<String> idpPassword(URI authorization, URI page, URI action) {
    String provider = Hosts.origin(authorization);
    if (issuer != null && !issuer.equals(provider)) {
      return Optional.of("the app redirected to " + provider + ", not to --oidc-issuer " + issuer);
    }
    if (!Hosts.origin(page).equals(provider)) {
      return Optional.of("the provider's login page is on " + Hosts.origin(page) + ", a later hop away from "
          + provider + " where the app's authorization redirect led");
    }
    if (!Urls.isHttp(action) || !Hosts.origin(action).equals(provider)) {
      return Optional.of("the provider's form posts to " + shown(action) + ", not to " + provider);
    }
    return Optional.empty();
  }

  /** Why a redirect that keeps the method and body (307/308) may not carry the password to {@code next}, or empty. */
  Optional<String> resend(int status, URI from, URI next) {
    if (named(next)) return Optional.empty();
    return Optional.of(status + " would re-send the password body to " + shown(next) + ", an origin other than "
        + Hosts.origin(from) + " the user named");
  }

  /**
   * Whether {@code -H} credentials (and the login's bearer token) may go to {@code url}.
   *
   * @param redirected whether the request is a redirect hop, or goes to an origin a redirect led to
   */
  boolean headers(URI url, boolean redirected) {
    return named(url) || (redirected && locationTrusted && Urls.isHttp(url));
  }

  boolean locationTrusted() {
    return locationTrusted;
  }

  /** A URL as the reason shows it: its origin, or the scheme alone for a non-http URL. */
  private static String shown(URI u) {
    return Urls.isHttp(u) && u.getHost() != null ? Hosts.origin(u) : "a " + String.valueOf(u.getScheme()) + ": URL";
  }
}
