package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetCookieParser;
import authdoctor.cookie.StoredCookie;
import authdoctor.framework.Frameworks;
import authdoctor.internal.Hosts;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * The login page (its redirects, its form, its CSRF token) and the login itself: a form POST or a JSON
 * fetch with the token where the framework wants it, the redirect hops followed through the browser.
 * Records the {@link LoginAttempt} and the login's {@link CsrfAttempt}.
 */
final class LoginPhase {
  private final ProbeSession s;
  private final ProxyPhase proxy;
  /** One line when the target never answered (exit 3), else null. */
  @Nullable String unreachable;
  /** The login page URL whose redirects looped, else null: the login was not attempted. */
  @Nullable URI looped;

  LoginPhase(ProbeSession s, ProxyPhase proxy) {
    this.s = s;
    this.proxy = proxy;
  }

  /**
   * A page as the browser ended up on it.
   *
   * @param exchange its answer; null for an API login, which has no page: {@code --login-json}, or a login
   *     URL that answers 404/405 to GET (a token endpoint that only takes the POST)
   */
  record Page(URI url, @Nullable HttpExchange exchange) {
    Optional<Html.Form> form() {
      return exchange == null ? Optional.empty() : Html.loginForm(exchange.body());
    }

    /** Whether this is the login's endpoint, not a page: nothing to read a form or token from. */
    boolean api() {
      return exchange == null;
    }
  }

  /** Whether the login is a JSON API given by URL ({@code --login-json} with {@code --login}): no page to load. */
  static boolean apiOnly(ProbeConfig config) {
    return config.loginJson() != null && config.login() != null;
  }

  /**
   * What the login sent and got.
   *
   * @param headers the login POST's headers but the browser's own (Cookie, Sec-Fetch-Mode)
   * @param cookieHeader the Cookie header the login POST carried
   * @param issuedSession the session as issued: the Cookie header right after the login answered
   */
  record Result(URI postUrl, byte[] body, List<HeaderField> headers, @Nullable URI landing, boolean succeeded,
      @Nullable String cookieHeader, @Nullable String issuedSession, boolean token) {}

  /** The login page after its redirects; null when the target is unreachable or loops (then recorded). */
  @Nullable Page page() {
    ProbeConfig config = s.config;
    // A JSON login is a fetch from the app's own page: the login URL is an endpoint, not a page to load.
    if (apiOnly(config)) return new Page(s.url(requireNonNull(config.login())), null);
    List<URI> candidates = new ArrayList<>();
    if (config.login() != null) candidates.add(s.url(config.login()));
    else {
      candidates.add(config.base());
      candidates.add(config.base().resolve("/login"));
    }
    Page first = null;
    for (URI u : candidates) {
      ProbeSession.Chain c = s.follow("login page", "GET", u, Navigation.typed(), List.of(), null, false);
      HttpExchange last = c.last();
      if (c.hops() == 0 && !last.answered()) {
        unreachable = s.redactor.scrub(Optional.ofNullable(last.error()).orElse("no response from " + u));
        return null;
      }
      if (c.loop()) {
        // "Too many redirects": the browser gives up. Often the app's own https redirect behind a proxy
        // that does not say https, so record what the app generated and compare with the app direct.
        s.problem("login page", "redirect loop: " + s.redactor.url(u.toString()) + " still redirected after "
            + ProbeSession.MAX_HOPS + " hops (the browser shows 'too many redirects'); the login was not attempted,"
            + " only the steps that need no login page ran (the app direct, instance replays, http → https)");
        proxy.loop(c.first(), u);
        looped = u;
        return null;
      }
      if (config.login() != null && c.hops() == 0 && (last.status() == 404 || last.status() == 405)
          && Html.loginForm(last.body()).isEmpty()) {
        // RFC 9110 §15.5.6: 405 to GET on a URL that takes the POST; a token endpoint (an OAuth2 password
        // grant) or a login API has no page. Its POST is the login; this answer says nothing about the site.
        s.note("login page", "none: GET " + s.redactor.url(u.toString()) + " answered " + last.status()
            + "; the login is its POST alone (an API endpoint)");
        return new Page(u, null);
      }
      Page p = new Page(c.finalUrl(), last);
      // Not followed: no form to send the password to, but the redirect itself is what to diagnose.
      if (last.isRedirect() && config.direct() != null) proxy.unfollowed(last, c.finalUrl());
      if (first == null) first = p;
      if (p.form().isPresent() || config.loginJson() != null || config.login() != null) return p;
    }
    return first;
  }

  /**
   * The CSRF token {@code page} offers (a hidden input, a meta, a script's state or variable, the site's token
   * cookie), remembered as a secret.
   */
  CsrfTokens.Token csrf(Page page) {
    Map<String, String> cookies = new LinkedHashMap<>();
    for (StoredCookie c : s.browser.cookies()) if (Relevance.concerns(c, page.url())) cookies.putIfAbsent(c.name(), c.value());
    HttpExchange x = page.exchange();
    var doc = Html.parse(x == null ? "" : x.body());
    CsrfTokens.Token t = CsrfTokens.find(page.form(), Html.metas(doc), ScriptTokens.find(doc), cookies, s.config.csrf());
    if (t.value() != null) s.redactor.remember(t.value());
    return t;
  }

  /**
   * Why the login cannot be sent as a browser would, or null: the login page is an HTML page without a login
   * form, and no flag says what to post instead ({@code --login-json}, the form's field names). A page whose
   * form a script renders is the usual cause; no credential is sent anywhere then.
   */
  @Nullable String noForm(Page page) {
    ProbeConfig c = s.config;
    if (c.loginJson() != null || !c.formFields().isEmpty() || c.userField() != null || c.passwordField() != null) return null;
    HttpExchange x = page.exchange();
    if (x == null) return null;
    boolean html = x.responseHeader("Content-Type").map(t -> t.toLowerCase(java.util.Locale.ROOT).contains("html")).orElse(false);
    if (!x.answered() || x.status() < 200 || x.status() >= 300 || !html || page.form().isPresent()) return null;
    var doc = Html.parse(x.body());
    String url = s.redactor.url(page.url().toString());
    boolean scripted = !doc.select("script").isEmpty();
    return "no login form at " + url + (scripted ? ": the page is rendered by JavaScript" : "")
        + "; no credential was sent. Give the API the page's script calls with --login URL --login-json "
        + "'{\"username\":\"{user}\",\"password\":\"{password}\"}' (the browser's network panel shows it), or the "
        + "form's fields with --user-field/--password-field; or " + BrowserLoginPhase.HINT;
  }

  /**
   * Signs in on {@code page}; null when nothing was sent (no form and no {@code --login-json}, or the
   * password may not go where the form posts: {@link CredentialPolicy}) or the login got no answer.
   */
  @Nullable Result login(Page page) {
    ProbeConfig config = s.config;
    URI postUrl;
    String contentType;
    String body;
    CsrfTokens.Token csrf = csrf(page);
    Map<String, String> fields = new LinkedHashMap<>();
    boolean json = config.loginJson() != null;
    if (json) {
      postUrl = config.login() != null ? s.url(config.login()) : page.url();
      contentType = "application/json";
      body = requireNonNull(config.loginJson()).replace("{user}", Urls.jsonEscape(requireNonNull(config.user())))
          .replace("{password}", Urls.jsonEscape(Optional.ofNullable(config.password()).orElse("")));
    } else {
      Html.Form f = page.form().orElse(null);
      // No form, nothing sent (README "Where credentials go"): a page rendered by JavaScript, a login URL whose
      // redirect was not followed. The one exception is an endpoint without a page (404/405 to GET) whose
      // request the user described (--user-field, --password-field, --form-field): a token endpoint.
      if (f == null && !(page.api() && describedByUser(config))) {
        boolean drawn = page.exchange() != null && !requireNonNull(page.exchange()).isRedirect();
        s.problem("login", whyNoForm(page) + ": nothing was sent; later steps ran signed out"
            + (drawn ? "; " + BrowserLoginPhase.HINT : ""));
        return null;
      }
      postUrl = f == null ? page.url() : Urls.formAction(page.url(), f.action()).orElse(null);
      if (postUrl == null) {
        s.problem("login", "the login form's action is not a URL a browser can parse, so a browser does not submit"
            + " it: nothing was sent; later steps ran signed out");
        return null;
      }
      if (f != null) for (Html.Input i : f.hidden()) fields.put(i.name(), i.value());
      String userField = config.userField() != null ? config.userField()
          : f != null ? f.user().map(Html.Input::name).orElse("username") : "username";
      String passwordField = config.passwordField() != null ? config.passwordField()
          : f != null ? f.password().map(Html.Input::name).orElse("password") : "password";
      fields.put(userField, requireNonNull(config.user()));
      fields.put(passwordField, Optional.ofNullable(config.password()).orElse(""));
      if (csrf.field() != null && !fields.containsKey(csrf.field()) && csrf.value() != null) {
        fields.put(csrf.field(), csrf.value());
      }
      for (Map.Entry<String, String> e : config.formFields()) fields.put(e.getKey(), e.getValue());
      contentType = "application/x-www-form-urlencoded";
      body = new String(Urls.form(fields), StandardCharsets.UTF_8);
    }
    List<HeaderField> headers = new ArrayList<>();
    headers.add(new HeaderField("Content-Type", contentType));
    String sentAs = null;
    if (csrf.value() != null) {
      if (csrf.header() != null) headers.add(new HeaderField(csrf.header(), csrf.value()));
      List<String> how = new ArrayList<>();
      if (!json && csrf.field() != null && fields.containsKey(csrf.field())) how.add("field " + csrf.field());
      if (csrf.header() != null) how.add("header " + csrf.header());
      sentAs = how.isEmpty() ? null : String.join(", ", how);
    } else if (!json) {
      for (String n : fields.keySet()) if (Frameworks.csrfLike(n)) sentAs = "field " + n;
    }
    if (json) headers.add(new HeaderField("Accept", "application/json"));
    // A JSON login is the frontend's fetch: from --frontend-origin when there is one, preflight first.
    FrontendFetch frontend = json && config.frontendOrigin() != null ? new FrontendFetch(s) : null;
    RequestKind kind = frontend != null ? frontend.kind("POST", postUrl, frontend.credentials())
        : json ? new Fetch("POST", page.url(), Fetch.Mode.SAME_ORIGIN, true, Referrer.FULL)
        : Navigation.form("POST", page.url(), Referrer.FULL);
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    String refused = s.credentials.password(page.url(), postUrl).orElse(null);
    if (refused != null) {
      s.withheld("login", "password", page.url(), postUrl, refused);
      s.problem("login", "the password was not sent (" + refused + "); later steps ran signed out");
      return null;
    }
    ProbeSession.Chain c;
    if (frontend != null) {
      FrontendFetch.Sent sent = frontend.send("login", "POST", postUrl, headers, bytes, frontend.credentials());
      if (sent.chain() == null) return refusedByPreflight(requireNonNull(sent.preflight()), postUrl, bytes, kind, headers);
      c = sent.chain();
    } else {
      c = s.follow("login", "POST", postUrl, kind, headers, bytes, true, "password");
    }
    HttpExchange first = c.first();
    if (!first.answered()) {
      // A transport failure says nothing about the credentials or the site: no login to judge, and the later
      // steps must not read a signed-out flow as a diagnosis (a page served to "another visitor").
      if (page.api() && c.hops() == 0) {
        unreachable = s.redactor.scrub(Optional.ofNullable(first.error()).orElse("no response from " + postUrl));
      }
      s.problem("login", LoginFailures.message(first, postUrl, SignedIn.login(first, page.url(), s.redactor), false,
          s.redactor));
      return null;
    }
    Issued answers = issued(s, c.exchanges());
    int setLines = answers.setLines();
    List<String> names = answers.names();
    boolean token = answers.bodyToken();
    for (HttpExchange x : c.exchanges()) {
      if (config.tokens().tokenPath().isEmpty() && x.responseHeader("Authorization").isPresent()) token = true;
    }
    if (!token && s.authorization() == null) token = cookieToken(c);
    SignedIn.Outcome o = SignedIn.login(first, page.url(), s.redactor);
    int stored = (int) s.browser.cookies().stream().filter(sc -> Relevance.concerns(sc, page.url())).count();
    int step = first.step();
    s.add(new LoginAttempt(step, postUrl, json ? "json" : "form", first.status(), o.succeeded(), o.reason(), setLines,
        names, stored, token));
    String said = CsrfRefusals.serverSaid(first.status(), first.body());
    s.add(new CsrfAttempt(step, "login", postUrl, Hosts.origin(page.url()), csrf.source(), sentAs, first.status(),
        CsrfRefusals.of(first), said == null ? null : s.redactor.scrub(said)));
    proxy.trial(first, "POST " + postUrl.getRawPath(), ForwardingTrial.Via.PUBLIC, postUrl, Map.of());
    if (!o.succeeded()) {
      if (page.api() && c.hops() == 0 && !first.answered()) {
        unreachable = s.redactor.scrub(Optional.ofNullable(first.error()).orElse("no response from " + postUrl));
      }
      s.problem("login", LoginFailures.message(first, postUrl, o, token, s.redactor));
    }
    String cookieHeader = first.requestHeader("Cookie").orElse(null);
    // The session as issued: what the browser sent right after the login answered (before a backend that
    // does not know the session could delete it, as Django does).
    String issued = c.exchanges().size() > 1 ? c.exchanges().get(1).requestHeader("Cookie").orElse(null) : null;
    if (issued == null) issued = s.browser.cookieHeader(postUrl, RequestContext.typed());
    URI landing = o.succeeded() && c.hops() > 0 && !c.loop() ? c.finalUrl() : null;
    List<HeaderField> sent = new ArrayList<>(kind.initiatorHeaders(postUrl));
    sent.addAll(headers);
    return new Result(postUrl, bytes, sent, landing, o.succeeded(), cookieHeader, issued, token);
  }

  /** What a login's answers carried: their Set-Cookie lines, the cookie names in order, and a bearer token in a body. */
  record Issued(int setLines, List<String> names, boolean bodyToken) {}

  /**
   * The cookies and the bearer token a login's chain of answers issued. A token found in a body is
   * remembered for redaction and becomes the client's bearer token, as a SPA sends back the token it got
   * (unless the user gave {@code -H Authorization}).
   */
  static Issued issued(ProbeSession s, List<HttpExchange> chain) {
    int setLines = 0;
    List<String> names = new ArrayList<>();
    boolean token = false;
    for (HttpExchange x : chain) {
      for (String l : x.responseHeaders("Set-Cookie")) {
        setLines++;
        String n = SetCookieParser.parse(l).name();
        if (!names.contains(n)) names.add(n);
      }
      String v = BearerTokens.in(x.body(), s.config.tokens().tokenPath());
      if (v != null) {
        token = true;
        s.redactor.remember(v);
        s.tokenFromLogin(v);
      }
    }
    return new Issued(setLines, names, token);
  }

  /** Whether the user described a form-encoded login request themselves, so that no page's form is needed. */
  private static boolean describedByUser(ProbeConfig config) {
    return config.userField() != null || config.passwordField() != null || !config.formFields().isEmpty();
  }

  /** Why {@code page} offers no form to fill in, in words. */
  private String whyNoForm(Page page) {
    String at = s.redactor.url(page.url().toString());
    HttpExchange x = page.exchange();
    if (x == null) {
      return "no login form: " + at + " is an endpoint without a page, and neither --login-json nor --user-field, "
          + "--password-field or --form-field describes the request to send it";
    }
    if (x.isRedirect()) {
      return "no login form: " + at + " answered " + x.status() + " (step " + x.step() + "), a redirect that was not "
          + "followed (the trace says why)";
    }
    return "no login form at " + at + " and no --login-json";
  }

  /**
   * A token the login answered in a cookie ({@link BearerTokens#inCookies}). Where the APIs expect a bearer
   * token ({@code --api}) and the frontend can read the cookie (not {@code HttpOnly}), it sends the token
   * as {@code Authorization: Bearer}, and so does the probe from then on (to the APIs, {@code --direct} and
   * each {@code --instance}); an {@code HttpOnly} one only the browser sends, as a cookie. Returns whether
   * the token became the client's bearer token; the trace says which.
   */
  private boolean cookieToken(ProbeSession.Chain c) {
    List<String> lines = new ArrayList<>();
    for (HttpExchange x : c.exchanges()) lines.addAll(x.responseHeaders("Set-Cookie"));
    BearerTokens.CookieToken t = BearerTokens.inCookies(lines);
    if (t == null) return false;
    s.redactor.remember(t.value());
    if (s.browser.cookies().stream().noneMatch(k -> k.name().equals(t.name()) && k.value().equals(t.value()))) {
      // A fetch with credentials: 'omit' stores no cookie (Fetch §4.6), nor does the jar keep a refused one.
      s.note("login", "the login answered a token in the cookie " + t.name() + ", but the browser did not keep it ("
          + (FrontendFetch.drives(s.config) && !new FrontendFetch(s).credentials() ? "the login's fetch has credentials: 'omit'"
              : "see the cookie's step") + "): the frontend never gets it");
      return false;
    }
    boolean bearer = !t.httpOnly() && !s.config.tokens().apis().isEmpty();
    if (bearer) s.tokenFromLogin(t.value());
    s.note("login", "the login answered a token in the cookie " + t.name() + (bearer
        ? ", which the frontend can read (not HttpOnly): sent as Authorization: Bearer to the --api URLs from now on"
        : t.httpOnly() ? " (HttpOnly: only the browser sends it, as a cookie)"
            : "; without --api it is left to go as a cookie (give --api to send it as Authorization: Bearer)"));
    return bearer;
  }

  /** The browser never sent the login: its preflight was refused (the CORS checks name what it refused). */
  private Result refusedByPreflight(HttpExchange preflight, URI postUrl, byte[] body, RequestKind kind, List<HeaderField> headers) {
    String why = "not sent: the browser's preflight (step " + preflight.step() + ") did not allow it";
    s.add(new LoginAttempt(preflight.step(), postUrl, "json", 0, false, why, 0, List.of(), 0, false));
    s.problem("login", "the login was " + why + "; later steps ran signed out");
    List<HeaderField> sent = new ArrayList<>(kind.initiatorHeaders(postUrl));
    sent.addAll(headers);
    return new Result(postUrl, body, sent, null, false, null, null, false);
  }
}
