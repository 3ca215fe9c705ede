package authdoctor.collect.probe;

import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.collect.browsing.RequestKind;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.RedirectUriExpectation;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * An OAuth / OIDC login as a browser does it: the app's start URL redirects to the provider's
 * authorization endpoint (the request is recorded: redirect_uri, state, nonce, PKCE); with {@code
 * --idp-user} the provider's login form is filled in and the provider's answer followed back to the
 * redirect_uri — a cross-site top-level navigation (GET for {@code query}, POST for {@code form_post}), so
 * the cookie model decides what the callback carries.
 */
final class OAuthPhase {
  private static final HeaderField FORM = new HeaderField("Content-Type", "application/x-www-form-urlencoded");

  private final ProbeSession s;

  OAuthPhase(ProbeSession s) {
    this.s = s;
  }

  void run(ProbeConfig.OAuthStart o) {
    if (o.idpPassword() != null) s.redactor.credential(o.idpPassword());
    if (o.expectRedirectUri() != null) s.add(new RedirectUriExpectation(o.expectRedirectUri(), "--expect-redirect-uri"));
    if (s.config.tokens().oidcIssuer() != null) discovery(s.config.tokens().oidcIssuer());
    URI start = s.url(o.start());
    HttpExchange first = s.send("oauth start", "GET", start, Navigation.typed(), List.of(), null, true);
    if (!first.answered()) return;
    AuthorizationRequest a = AuthorizationRequest.redirectedTo(first).orElse(null);
    if (a == null) {
      s.problem("oauth", "--oauth-start " + s.redactor.url(start.toString()) + " answered " + first.status()
          + ", not a redirect to an authorization request (response_type, client_id)");
      return;
    }
    s.provider(a.url());
    if (!s.allowed(a.url())) {
      s.note("oauth provider", "not followed: " + s.redactor.url(a.url().toString()) + " is outside the deployment (not pinned by --resolve)");
      return;
    }
    // The redirect hop of the start navigation: the browser arrives on the provider's login page.
    ProbeSession.Chain idp = s.follow("oauth provider", "GET", a.url(), Navigation.typed(), List.of(), null, true);
    if (o.idpUser() == null || s.overTime()) return;
    URI pageUrl = idp.finalUrl();
    Html.Form form = Html.forms(idp.last().body()).stream()
        .filter(f -> f.method().equals("POST") && (f.user().isPresent() || f.password().isPresent())).findFirst().orElse(null);
    if (form == null) {
      HttpExchange page = idp.last();
      if (page.answered() && page.status() >= 400) {
        // Say what failed: the provider refused the authorization request itself (a redirect_uri it does not
        // accept, an unknown client), not its login form.
        String said = LoginFailures.refusal(page, s.redactor);
        s.problem("oauth", "the provider refused the authorization request: GET " + s.redactor.url(pageUrl.toString())
            + " answered " + page.status() + (said.isEmpty() ? "" : ": " + said) + "; the callback was not reached");
        return;
      }
      s.problem("oauth", "the provider's page " + s.redactor.url(pageUrl.toString())
          + " has no login form the probe can fill in; the callback was not reached");
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Html.Input i : form.hidden()) fields.put(i.name(), i.value());
    form.user().ifPresent(i -> fields.put(i.name(), o.idpUser()));
    form.password().ifPresent(i -> fields.put(i.name(), Optional.ofNullable(o.idpPassword()).orElse("")));
    URI action = Urls.formAction(pageUrl, form.action()).orElse(null);
    if (action == null) {
      s.problem("oauth", "the provider's login form has an action a browser cannot parse; the callback was not reached");
      return;
    }
    if (o.idpPassword() != null) {
      String refused = s.credentials.idpPassword(a.url(), pageUrl, action).orElse(null);
      if (refused != null) {
        s.withheld("oauth provider login", "identity provider password", pageUrl, action, refused);
        s.problem("oauth", "the identity provider password was not sent (" + refused + "); the callback was not reached");
        return;
      }
    }
    ProbeSession.Chain back = s.follow("oauth provider login", "POST", action, Navigation.form("POST", pageUrl, Referrer.FULL),
        List.of(FORM), Urls.form(fields), true, o.idpPassword() == null ? null : "identity provider password");
    // form_post: the provider answers a page whose form posts code and state to the redirect_uri.
    HttpExchange last = back.last();
    if (last.answered() && !last.isRedirect() && !a.isCallback(back.finalUrl())) {
      Html.Form post = Html.forms(last.body()).stream().filter(f -> f.method().equals("POST")).findFirst().orElse(null);
      URI cb = post == null || post.action().isBlank() ? null : Urls.formAction(back.finalUrl(), post.action()).orElse(null);
      if (cb != null) {
        Map<String, String> f = new LinkedHashMap<>();
        for (Html.Input i : post.inputs()) f.put(i.name(), i.value());
        if (s.allowed(cb)) {
          // The auto-submitted page sends its origin, not its URL.
          s.follow("oauth callback (form_post)", "POST", cb, Navigation.form("POST", back.finalUrl(), Referrer.NONE),
              List.of(FORM), Urls.form(f), true);
        }
      }
    }
  }

  /** The provider's OIDC discovery document (a server-side fetch: no browser cookies). */
  private void discovery(URI issuer) {
    URI d = JwtCollector.discoveryUrl(issuer);
    if (!s.allowed(d)) {
      s.note("OIDC discovery", "not requested: " + s.redactor.url(d.toString()) + " is not pinned by --resolve");
      return;
    }
    s.send("OIDC discovery", "GET", d, new RequestKind.Raw(), List.of(new HeaderField("Accept", "application/json")), null, false);
  }
}
