package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browser.BrowserException;
import authdoctor.collect.browser.BrowserLogin;
import authdoctor.collect.browser.LoginRun;
import authdoctor.collect.browser.SendOutcome;
import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.collect.http.PeerKeys;
import authdoctor.collect.http.Resolve;
import authdoctor.cookie.Relevance;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.StoredCookie;
import authdoctor.framework.Frameworks;
import authdoctor.internal.Hosts;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The login performed by real headless Chromium ({@code --browser chromium}), for logins a script draws or
 * completes: {@link BrowserLogin} signs in; every request the browser sent becomes a step of the trace
 * (its real headers, the model's cookie decisions next to Chromium's own verdicts); the login request
 * gives the {@link LoginAttempt} and {@link CsrfAttempt} the raw login gives; the browser's cookies (also
 * those a script set) seed the probe's jar and a token the page stored becomes the bearer token, so every
 * later phase runs on the browser's session.
 */
final class BrowserLoginPhase {
  /** What the raw probe says when a login page has no form it can post. */
  static final String HINT = "--browser chromium signs in with real headless Chromium when a script draws the login";

  private static final String LABEL = "login (Chromium)";
  private static final Pattern JWT = Pattern.compile("[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*");
  private static final Pattern TOKEN_KEY = Pattern.compile("(?i).*(token|jwt|auth).*");
  /** Headers the browser adds for its own connection; a replay by the probe's client sets its own. */
  private static final Set<String> CONNECTION_HEADERS =
      Set.of("cookie", "host", "content-length", "connection", "accept-encoding", "sec-fetch-mode");

  private final ProbeSession s;
  private final LoginPhase login;
  private final ProxyPhase proxy;
  private final LoginBrowser browser;

  /** The login page as the browser saw it, and the login's result (null when nothing was submitted). */
  record Outcome(LoginPhase.Page page, LoginPhase.@Nullable Result result) {}

  BrowserLoginPhase(ProbeSession s, LoginPhase login, ProxyPhase proxy, LoginBrowser browser) {
    this.s = s;
    this.login = login;
    this.proxy = proxy;
    this.browser = browser;
  }

  Outcome login(LoginPhase.Page page, Consumer<String> progress) {
    ProbeConfig c = s.config;
    LoginRun run;
    try {
      run = BrowserLogin.run(browser.executable(), network(page.url()),
          new BrowserLogin.Login(page.url(), requireNonNull(c.user()), Optional.ofNullable(c.password()).orElse(""),
              c.userField(), c.passwordField()),
          s.deadline, progress);
    } catch (BrowserException e) {
      s.problem("login", "the browser failed: " + s.redactor.scrub(e.getMessage()) + "; later steps ran signed out");
      return new Outcome(page, null);
    }
    for (LoginRun.Cookie k : run.cookies()) s.redactor.remember(k.value());
    run.storage().values().forEach(s.redactor::remember);
    s.note(LABEL, run.version() + " headless, started in " + run.startup().toMillis() + " ms"
        + (run.fields() == null ? "" : "; " + run.fields()));
    Recorded rec = record(run, page.url());
    // What Chromium's console said about cookies: notes of the trace after its requests, redacted.
    for (String m : run.console()) s.note(LABEL, "console " + s.redactor.scrub(m));
    LoginPhase.Page browserPage = rec.loginPage != null
        ? new LoginPhase.Page(rec.loginPage.url(), rec.loginPage) : page;
    if (run.failure() != null) {
      s.problem("login", s.redactor.scrub(run.failure()) + "; nothing was submitted; later steps ran signed out");
      return new Outcome(browserPage, null);
    }
    seed(run);
    return new Outcome(browserPage, result(run, rec, browserPage));
  }

  /** The browser may resolve the pinned hosts and the hosts named on the command line, nothing else. */
  private BrowserLogin.Network network(URI loginPage) {
    Map<String, String> maps = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    boolean insecure = s.http.options().insecure();
    for (Resolve r : s.http.options().resolve()) {
      maps.putIfAbsent(r.host(), r.address());
      if (!insecure) PeerKeys.verifiedSpki(s.http.options(), r.host(), r.port(), r.address()).ifPresent(keys::add);
    }
    if (!insecure && "https".equalsIgnoreCase(loginPage.getScheme()) && !maps.containsKey(loginPage.getHost())) {
      PeerKeys.verifiedSpki(s.http.options(), loginPage.getHost(), Hosts.port(loginPage), loginPage.getHost())
          .ifPresent(keys::add);
    }
    List<String> named = new ArrayList<>();
    for (URI u : List.of(s.config.base(), loginPage)) if (!maps.containsKey(u.getHost())) named.add(u.getHost());
    return new BrowserLogin.Network(maps, named, insecure, keys, (url, body) -> mayGo(loginPage, url, body));
  }

  /** A request may go to a named or pinned origin, or loopback; the password only where the raw login may send it. */
  private boolean mayGo(URI loginPage, URI url, @Nullable String body) {
    if (url.getHost() == null) return false;
    if (!s.credentials.named(url) && !Hosts.isLoopback(url.getHost())) return false;
    if (body == null || !carriesPassword(body)) return true;
    String refused = s.credentials.password(loginPage, url).orElse(null);
    if (refused == null) return true;
    s.withheld(LABEL, "password", loginPage, url, refused);
    return false;
  }

  private boolean carriesPassword(@Nullable String body) {
    String pw = s.config.password();
    if (body == null || pw == null || pw.isEmpty()) return false;
    return body.contains(pw) || body.contains(URLEncoder.encode(pw, StandardCharsets.UTF_8)) || body.contains(Urls.jsonEscape(pw));
  }

  /** The trace steps of the browser's requests, and the ones the login reads. */
  private static final class Recorded {
    @Nullable HttpExchange loginPage;
    final Map<Integer, HttpExchange> byHop = new HashMap<>();
  }

  private Recorded record(LoginRun run, URI loginPage) {
    Recorded rec = new Recorded();
    URI document = loginPage;
    Map<String, RequestKind> kinds = new HashMap<>();
    List<LoginRun.Hop> hops = run.hops();
    for (int i = 0; i < hops.size(); i++) {
      LoginRun.Hop h = hops.get(i);
      // The browser's own request for the tab's icon is not the page's doing.
      if (h.type().equals("Other") && "/favicon.ico".equals(h.url().getPath())) continue;
      RequestKind previous = kinds.get(h.requestId());
      RequestKind kind = h.redirectOf() && previous != null ? previous.redirected(h.method()) : kind(h, document);
      kinds.put(h.requestId(), kind);
      int step = s.steps.next();
      String label = label(h);
      HttpExchange x = new HttpExchange(step, label, h.method(), h.url(), wire(h.requestHeaders()), h.status(),
          h.protocol(), wire(h.responseHeaders()), h.body(), false, h.elapsed(), null,
          h.status() == 0 ? Optional.ofNullable(h.failure()).orElse("no response") : null, h.postData(), List.of(), null, null);
      List<CookieSetEvent> model = s.observed(x, kind, true);
      verdicts(step, h, model);
      rec.byHop.put(i, x);
      if (h.document() && h.status() >= 200 && h.status() < 300) {
        document = h.url();
        if (!h.afterSubmit()) rec.loginPage = x;
      }
    }
    return rec;
  }

  private static String label(LoginRun.Hop h) {
    String what = h.document() ? (h.afterSubmit() ? "login" : "login page") : h.type().toLowerCase(Locale.ROOT);
    return what + " (Chromium" + (h.redirectOf() ? ", redirect" : "") + ")";
  }

  /** How the model sees a hop the browser sent from the page at {@code document}. */
  private static RequestKind kind(LoginRun.Hop h, URI document) {
    if (h.document()) {
      if (!h.afterSubmit()) return Navigation.typed(h.method());
      return h.method().equals("GET") ? Navigation.link("GET", document) : Navigation.form(h.method(), document, Referrer.FULL);
    }
    if (h.type().equals("Preflight")) return new RequestKind.Raw();
    boolean same = Hosts.origin(h.url()).equals(Hosts.origin(document));
    return new Fetch(h.method(), document, same ? Fetch.Mode.SAME_ORIGIN : Fetch.Mode.CORS, true, Referrer.FULL);
  }

  /** HTTP/2 pseudo-headers as the probe's own exchanges show them: {@code host} for {@code :authority}. */
  private static List<HeaderField> wire(List<HeaderField> headers) {
    List<HeaderField> out = new ArrayList<>();
    for (HeaderField f : headers) {
      if (f.is(":authority")) out.add(new HeaderField("host", f.value()));
      else if (!f.name().startsWith(":")) out.add(f);
    }
    return out;
  }

  /** Chromium's refusals as notes, and where the model disagrees with Chromium, both verdicts. */
  private void verdicts(int step, LoginRun.Hop h, List<CookieSetEvent> model) {
    List<String> lines = new ArrayList<>();
    for (CookieSetEvent e : model) {
      String line = e.line();
      List<String> reasons = h.blocked().stream().filter(b -> b.cookieLine().equals(line)).findFirst()
          .map(LoginRun.Blocked::reasons).orElse(List.of());
      boolean chromiumRefused = !reasons.isEmpty();
      // A line that deletes a cookie (or expires at once) is refused by neither.
      boolean modelRefused = !e.result().stored() && !e.result().exclusions().isEmpty();
      String name = e.result().name();
      if (chromiumRefused) lines.add("Chromium did not store " + name + ": " + String.join(", ", reasons));
      if (chromiumRefused != modelRefused && h.status() != 0) {
        lines.add("the model and Chromium disagree on " + name + ": Chromium " + (chromiumRefused ? "refused it" : "took it")
            + ", the model " + e.result().verdict() + " (Chromium's answer is the browser's truth)");
      }
    }
    for (SendOutcome o : h.associated()) {
      if (!o.sent()) lines.add("Chromium did not send " + o.name() + ": " + String.join(", ", o.reasons()));
    }
    for (String l : lines) s.add(new authdoctor.observation.StepNote(step, "Chromium's cookies", l));
  }

  /**
   * Puts each cookie Chromium holds into the probe's jar when the jar lacks it or holds another value (a
   * cookie a script set, which no response header showed), as a response to a typed navigation would.
   */
  private void seed(LoginRun run) {
    List<String> seeded = new ArrayList<>();
    for (LoginRun.Cookie k : run.cookies()) {
      String host = k.domain().startsWith(".") ? k.domain().substring(1) : k.domain();
      boolean held = s.browser.cookies().stream().anyMatch(c -> c.name().equals(k.name()) && c.value().equals(k.value())
          && c.domain().equalsIgnoreCase(host) && c.path().equals(k.path()));
      if (held || host.isEmpty()) continue;
      StringBuilder line = new StringBuilder(k.name()).append('=').append(k.value()).append("; Path=").append(k.path());
      if (k.domain().startsWith(".")) line.append("; Domain=").append(host);
      if (k.secure()) line.append("; Secure");
      if (k.httpOnly()) line.append("; HttpOnly");
      if (!k.sameSite().isEmpty()) line.append("; SameSite=").append(k.sameSite());
      if (k.expires() != null) {
        line.append("; Expires=").append(DateTimeFormatter.RFC_1123_DATE_TIME.format(k.expires().atZone(ZoneOffset.UTC)));
      }
      URI at = URI.create((k.secure() ? "https" : "http") + "://" + host + k.path());
      s.browser.response(0, at, Navigation.typed(), List.of(line.toString()), null);
      seeded.add(k.name());
    }
    if (!seeded.isEmpty()) {
      s.note(LABEL, "the probe's jar took " + String.join(", ", seeded) + " from Chromium's (set by the page's script,"
          + " or stored where the model refused it)");
    }
  }

  /** The login request among the hops: the first one after the submit that carries the password, else the first non-GET. */
  private @Nullable Integer loginHop(List<LoginRun.Hop> hops) {
    Integer fallback = null;
    for (int i = 0; i < hops.size(); i++) {
      LoginRun.Hop h = hops.get(i);
      if (!h.afterSubmit() || h.redirectOf()) continue;
      if (carriesPassword(h.postData())) return i;
      if (fallback == null && !h.method().equals("GET")) fallback = i;
    }
    return fallback;
  }

  private LoginPhase.@Nullable Result result(LoginRun run, Recorded rec, LoginPhase.Page page) {
    ProbeConfig config = s.config;
    List<LoginRun.Hop> hops = run.hops();
    Integer at = loginHop(hops);
    if (at == null) {
      s.problem("login", "Chromium submitted the login but sent no request with it; later steps ran signed out");
      return null;
    }
    LoginRun.Hop h = hops.get(at);
    HttpExchange first = requireNonNull(rec.byHop.get(at));
    List<HttpExchange> chain = new ArrayList<>(List.of(first));
    for (int i = at + 1; i < hops.size(); i++) {
      if (hops.get(i).requestId().equals(h.requestId()) && hops.get(i).redirectOf()) chain.add(requireNonNull(rec.byHop.get(i)));
    }
    URI postUrl = h.url();
    if (!first.answered()) {
      s.problem("login", LoginFailures.message(first, postUrl, SignedIn.login(first, page.url(), s.redactor), false, s.redactor));
      return null;
    }
    boolean json = first.requestHeader("Content-Type").map(t -> t.toLowerCase(Locale.ROOT).contains("json")).orElse(false);
    LoginPhase.Issued answers = LoginPhase.issued(s, chain);
    int setLines = answers.setLines();
    List<String> names = answers.names();
    boolean token = answers.bodyToken();
    if (!token && !config.tokens().apis().isEmpty()) token = storedToken(run);
    SignedIn.Outcome o = SignedIn.login(first, page.url(), s.redactor);
    int stored = (int) s.browser.cookies().stream().filter(sc -> Relevance.concerns(sc, page.url())).count();
    s.add(new LoginAttempt(first.step(), postUrl, json ? "json" : "form", first.status(), o.succeeded(), o.reason(),
        setLines, names, stored, token));
    CsrfTokens.Token csrf = login.csrf(page);
    String said = CsrfRefusals.serverSaid(first.status(), first.body());
    s.add(new CsrfAttempt(first.step(), "login", postUrl, Hosts.origin(page.url()), csrf.source(), csrfSentAs(first),
        first.status(), CsrfRefusals.of(first), said == null ? null : s.redactor.scrub(said)));
    proxy.trial(first, "POST " + postUrl.getRawPath(), ForwardingTrial.Via.PUBLIC, postUrl, Map.of());
    if (!o.succeeded()) s.problem("login", LoginFailures.message(first, postUrl, o, token, s.redactor));
    String cookieHeader = first.requestHeader("Cookie").orElse(null);
    String issued = chain.size() > 1 ? chain.get(1).requestHeader("Cookie").orElse(null) : null;
    if (issued == null) issued = s.browser.cookieHeader(postUrl, RequestContext.typed());
    URI landing = null;
    if (o.succeeded()) {
      if (chain.size() > 1) landing = chain.get(chain.size() - 1).url();
      else if (run.finalUrl() != null && Urls.isHttp(requireNonNull(run.finalUrl())) && !Urls.samePath(requireNonNull(run.finalUrl()), page.url())) {
        landing = run.finalUrl();
      }
    }
    List<HeaderField> replay = first.requestHeaders().stream()
        .filter(f -> !CONNECTION_HEADERS.contains(f.name().toLowerCase(Locale.ROOT))).toList();
    byte[] body = Optional.ofNullable(h.postData()).orElse("").getBytes(StandardCharsets.UTF_8);
    return new LoginPhase.Result(postUrl, body, replay, landing, o.succeeded(), cookieHeader, issued, token);
  }

  /** How the browser sent a CSRF token with the login, if it did: a csrf-like form field or header. */
  private static @Nullable String csrfSentAs(HttpExchange login) {
    List<String> how = new ArrayList<>();
    String body = Optional.ofNullable(login.requestBody()).orElse("");
    boolean form = login.requestHeader("Content-Type").map(t -> t.contains("x-www-form-urlencoded")).orElse(false);
    if (form) {
      for (String pair : body.split("&")) {
        String name = java.net.URLDecoder.decode(pair.split("=", 2)[0], StandardCharsets.UTF_8);
        if (Frameworks.csrfLike(name)) how.add("field " + name);
      }
    }
    for (HeaderField f : login.requestHeaders()) if (Frameworks.csrfLike(f.name())) how.add("header " + f.name());
    return how.isEmpty() ? null : String.join(", ", how);
  }

  /** A token the page kept in localStorage or sessionStorage becomes the client's bearer token. */
  private boolean storedToken(LoginRun run) {
    for (Map.Entry<String, String> e : run.storage().entrySet()) {
      String v = e.getValue().strip();
      if (v.startsWith("\"") && v.endsWith("\"") && v.length() > 2) v = v.substring(1, v.length() - 1);
      if (JWT.matcher(v).matches() || TOKEN_KEY.matcher(e.getKey()).matches() && v.length() >= 16 && !v.contains(" ")) {
        s.redactor.remember(v);
        s.tokenFromLogin(v);
        s.note(LABEL, "the bearer token for --api is the one the page kept in its storage under " + e.getKey());
        return true;
      }
    }
    return false;
  }
}
