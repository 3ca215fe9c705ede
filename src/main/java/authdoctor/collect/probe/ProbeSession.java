package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.observation.Problem;
import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.cookie.CookieHeader;
import authdoctor.cookie.SetCookieParser;
import authdoctor.internal.Hosts;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HeaderField;
import authdoctor.observation.BrowserRequest;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoopedRedirects;
import authdoctor.observation.Observation;
import authdoctor.observation.Redirects;
import authdoctor.observation.StepNote;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * What the probe's phases share: the configuration, the emulated browser, the network, the deadline, and
 * what was seen so far (observations and problems: the trace is rendered from the observations). {@link #send} and {@link #follow} are the only
 * way a phase reaches the network; every request goes through the {@link BrowserSession} with its kind.
 */
final class ProbeSession {
  /** Redirect hops followed per request before calling it a loop. */
  static final int MAX_HOPS = 10;
  /**
   * Cookies of one response kept as observations and shown in the trace; the jar still receives every line
   * (and evicts as Chromium does), the rest are counted ("and 11,990 more cookies like these").
   */
  static final int COOKIES_KEPT_PER_STEP = CookieSetEvent.KEPT_PER_RESPONSE;

  final ProbeConfig config;
  final HttpCollector http;
  final Redactor redactor;
  final Clock clock;
  final BrowserSession browser;
  final StepNumbers steps;
  final Instant deadline;
  /** Where the user's secrets may go. */
  final CredentialPolicy credentials;
  /** Origins a followed redirect led to (with --location-trusted, -H credentials may go there). */
  private final Set<String> redirectedTo = ConcurrentHashMap.newKeySet();
  /** What was withheld where, each said once ("Authorization https://other.example"). */
  private final Set<String> withheldOnce = ConcurrentHashMap.newKeySet();
  private final List<Observation> observations = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  /** The OAuth providers' authorities (host:port) the flow visits, whose requests need none of the app's cookies. */
  private final Set<String> providers = ConcurrentHashMap.newKeySet();
  /** The Authorization value the client uses: the user's -H, else a token the login returned. */
  private volatile @Nullable String authorization;
  /** The cookies found to carry the session by ablation ({@link SessionAblation}); empty until then. */
  private volatile List<String> sessionCookies = List.of();

  ProbeSession(ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock) {
    this.config = requireNonNull(config);
    this.http = requireNonNull(http);
    this.redactor = requireNonNull(redactor);
    this.clock = requireNonNull(clock);
    this.browser = new BrowserSession(clock);
    this.steps = new StepNumbers(config.firstStep());
    // Wall time, as overTime() reads it: the clock may be fixed (a replayed run judges cookies at its own time).
    this.deadline = Instant.now().plus(config.runTime());
    this.credentials = CredentialPolicy.of(config, http.options().resolve(), http.options().locationTrusted());
    if (config.password() != null) redactor.credential(config.password());
    if (config.authorization() != null) redactor.credential(config.authorization());
    this.authorization = config.authorization();
  }

  // ------------------------------------------------------------------------------------ what was seen

  synchronized void add(Observation o) {
    observations.add(o);
  }

  synchronized List<Observation> observations() {
    return new ArrayList<>(observations);
  }

  /** Whether some observation so far satisfies {@code test}. */
  synchronized boolean seen(Predicate<Observation> test) {
    return observations.stream().anyMatch(test);
  }

  void problem(String source, String message) {
    synchronized (problems) {
      problems.add(new Problem(source, message));
    }
  }

  void problems(List<Problem> more) {
    synchronized (problems) {
      problems.addAll(more);
    }
  }

  List<Problem> problems() {
    synchronized (problems) {
      return List.copyOf(problems);
    }
  }

  /** A remark in the trace, as a step of its own; returns its step number. */
  int note(String label, String message) {
    int step = steps.next();
    add(new StepNote(step, label, message));
    return step;
  }

  /**
   * A credential not sent to {@code to}: a note in the trace and the observation the finding
   * {@code redirect.login-cross-origin} reads. Said once per secret and origin.
   */
  void withheld(String label, String secret, URI from, URI to, String reason) {
    String where = "http".equalsIgnoreCase(to.getScheme()) || "https".equalsIgnoreCase(to.getScheme())
        ? Hosts.origin(to) : String.valueOf(to.getScheme());
    if (!withheldOnce.add(secret.toLowerCase(Locale.ROOT) + " " + where)) return;
    int step = note(label, secret + " not sent: " + reason);
    add(new authdoctor.observation.CredentialWithheld(step, secret, redactor.url(from.toString()),
        redactor.url(to.toString()), reason));
  }

  // ---------------------------------------------------------------------------------- run conditions

  /** Whether --max-time has passed (then a problem says the later steps were not run). */
  boolean overTime() {
    if (Instant.now().isBefore(deadline)) return false;
    synchronized (problems) { // concurrent sends (refresh) may reach the deadline together
      if (problems.stream().noneMatch(p -> p.source().equals("run"))) {
        problems.add(new Problem("run", "stopped: the run took longer than --max-time; later steps were not run"));
      }
    }
    return true;
  }

  /** What is left of --max-time, at most {@code cap} and at least 1 ms. */
  int millisLeft(int cap) {
    return (int) Math.max(1, Math.min(cap, Duration.between(Instant.now(), deadline).toMillis()));
  }

  /** Whether the probe may connect to this URL's host and port (see {@link ProbeConfig#onlyResolvedHosts}). */
  boolean allowed(URI u) {
    String host = u.getHost();
    return host != null && allowed(host, Hosts.port(u));
  }

  boolean allowed(String host, int port) {
    if (http.options().resolveFor(host, port).isPresent()) return true;
    if (Hosts.isLoopback(host)) return true;
    if (config.onlyResolvedHosts()) return false;
    // A host pinned on another port would otherwise leak to the system DNS.
    return http.options().resolve().stream().noneMatch(r -> r.host().equalsIgnoreCase(host));
  }

  /** The address to connect to for {@code host:port}: the one --resolve pins, else the host itself. */
  String address(String host, int port) {
    return http.options().resolveFor(host, port).map(r -> r.address()).orElse(host);
  }

  // --------------------------------------------------------------------------------- the client's auth

  /** A flag's PATH or URL, resolved against the base URL. */
  URI url(String pathOrUrl) {
    return Urls.resolve(config.base(), pathOrUrl);
  }

  @Nullable String authorization() {
    return authorization;
  }

  /** The token the login answered becomes the client's bearer token, unless the user gave -H Authorization. */
  void tokenFromLogin(String token) {
    if (authorization == null) authorization = "Bearer " + token;
  }

  /** The client's Authorization header, if it has one. */
  List<HeaderField> auth() {
    String a = authorization;
    return a == null ? List.of() : List.of(new HeaderField("Authorization", a));
  }

  /** The cookies whose absence signs the user out, once the ablation found them; else empty. */
  List<String> sessionCookies() {
    return sessionCookies;
  }

  void sessionCookies(List<String> names) {
    sessionCookies = List.copyOf(names);
  }

  /** The bearer token the client sends (from the login's answer or {@code -H}), or null. */
  @Nullable String bearerToken() {
    String a = authorization;
    if (a == null || a.length() < 8 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return a.substring(7).strip();
  }

  void provider(URI authorizationUrl) {
    providers.add(String.valueOf(authorizationUrl.getRawAuthority()).toLowerCase(Locale.ROOT));
  }

  // ------------------------------------------------------------------------------------ the network

  /** The exchanges of a request and its followed redirects. */
  record Chain(List<HttpExchange> exchanges, URI finalUrl, boolean loop) {
    HttpExchange first() {
      return exchanges.get(0);
    }

    HttpExchange last() {
      return exchanges.get(exchanges.size() - 1);
    }

    int hops() {
      return exchanges.size() - 1;
    }
  }

  /**
   * Sends a request and follows its redirects by hand, each hop through the browser as the kind's redirect:
   * 301/302/303 turn a POST into a GET without body, 307/308 keep both; a hop carries none of the request's
   * own headers; at most {@link #MAX_HOPS} hops; never to a host {@link #allowed} refuses.
   */
  Chain follow(String label, String method, URI url, RequestKind kind, List<HeaderField> headers, byte @Nullable [] body,
      boolean needed) {
    return follow(label, method, url, kind, headers, body, needed, null);
  }

  /**
   * {@link #follow}, the body carrying {@code secret} (the password): a 307/308 that would re-send it to an
   * origin {@link CredentialPolicy#resend} refuses is not followed, and says so.
   */
  Chain follow(String label, String method, URI url, RequestKind kind, List<HeaderField> headers, byte @Nullable [] body,
      boolean needed, @Nullable String secret) {
    List<HttpExchange> out = new ArrayList<>();
    out.add(send(label, method, url, kind, headers, body, needed, false));
    URI current = url;
    String m = method;
    byte[] b = body;
    for (int hop = 1; ; hop++) {
      HttpExchange x = out.get(out.size() - 1);
      URI next = x.answered() ? Redirects.target(x).orElse(null) : null;
      if (next == null) return new Chain(out, current, false);
      if (hop > MAX_HOPS) {
        if (repeats(out)) add(new LoopedRedirects(out.get(0).step(), out.stream().map(HttpExchange::step).toList()));
        return new Chain(out, current, true);
      }
      if (!Urls.isHttp(next)) {
        // Fetch's "HTTP-redirect fetch" step 5: a redirect to a non-HTTP(S) URL is a network error.
        note(label + " (redirect " + hop + ")", "not followed: the browser refuses a redirect to a "
            + String.valueOf(next.getScheme()).toLowerCase(Locale.ROOT) + ": URL");
        return new Chain(out, current, false);
      }
      if (!allowed(next) || overTime()) {
        note(label + " (redirect " + hop + ")", "not followed: " + redactor.url(next.toString())
            + (allowed(next) ? "" : " is outside the deployment (not pinned by --resolve)"));
        return new Chain(out, current, false);
      }
      int st = x.status();
      if (!(st == 307 || st == 308)) {
        if (!m.equals("GET") && !m.equals("HEAD")) m = "GET";
        b = null;
      } else if (secret != null && b != null) {
        String refused = credentials.resend(st, current, next).orElse(null);
        if (refused != null) {
          withheld(label + " (redirect " + hop + ")", secret, current, next, refused + "; not followed");
          return new Chain(out, current, false);
        }
      }
      redirectedTo.add(Hosts.origin(next));
      out.add(send(label + " (redirect " + hop + ")", m, next, kind.redirected(m), List.of(), b, needed, true));
      current = next;
    }
  }

  /**
   * Whether the chain came back to a URL it had already requested and got the same redirect again (same
   * method, status and {@code Location}): the browser makes no progress, a loop rather than a long chain.
   */
  static boolean repeats(List<HttpExchange> chain) {
    for (int i = 0; i < chain.size(); i++) {
      for (int j = i + 1; j < chain.size(); j++) if (LoopedRedirects.sameRedirect(chain.get(i), chain.get(j))) return true;
    }
    return false;
  }

  /**
   * Sends one request: the browser adds what the kind and the jar decide ({@link BrowserSession#request})
   * and receives the response's Set-Cookie lines; a raw kind goes exactly as given. Recorded as the next
   * step: the exchange, the browser's part of the request and the cookie events.
   */
  HttpExchange send(String label, String method, URI url, RequestKind kind, List<HeaderField> headers,
      byte @Nullable [] body, boolean needed0) {
    return send(label, method, url, kind, headers, body, needed0, false);
  }

  private HttpExchange send(String label, String method, URI url, RequestKind kind, List<HeaderField> headers0,
      byte @Nullable [] body, boolean needed0, boolean hop) {
    List<HeaderField> headers = sendable(label, credentialHeaders(label, url, headers0, hop));
    int step = steps.next();
    // The app's cookies are not meant for the OAuth provider's pages: not sending them there is no fault.
    boolean needed = needed0 && !providers.contains(String.valueOf(url.getRawAuthority()).toLowerCase(Locale.ROOT));
    BrowserSession.Request request = browser.request(step, url, kind, needed);
    if (request.event() != null) add(request.event());
    List<HeaderField> h = request.headers(headers);
    if (credentials.headers(url, hop || redirectedTo.contains(Hosts.origin(url)))) h = withUserCredentials(h);
    HttpExchange x;
    if (!allowed(url)) {
      x = new HttpExchange(step, label, method, url, h, 0, "", List.of(), "", false, Duration.ZERO, null,
          "not requested: " + url.getHost() + ":" + Hosts.port(url) + " is not pinned by --resolve");
    } else {
      // Bounded by what is left of --max-time too: a slow answer late in the run cannot stretch it.
      x = http.send(new HttpRequestSpec(step, label, method, url, h, body), deadline);
      if (!x.answered()) overTime();
    }
    add(x);
    add(new BrowserRequest(step, request.context()));
    List<String> lines = x.responseHeaders("Set-Cookie");
    List<CookieSetEvent> received = browser.response(step, url, kind, lines, date(x));
    for (CookieSetEvent e : received) redactor.remember(e.result().parsed().value());
    List<CookieSetEvent> sets = List.copyOf(received.subList(0, Math.min(received.size(), COOKIES_KEPT_PER_STEP)));
    sets.forEach(this::add);
    if (request.context() == null) {
      for (String l : lines) {
        var c = SetCookieParser.parse(l);
        if (!c.name().isEmpty()) redactor.remember(c.value());
      }
    }
    for (HeaderField f : h) if (f.is("Cookie")) for (CookieHeader.Pair p : CookieHeader.parse(f.value())) redactor.remember(p.value());
    return x;
  }

  /**
   * Records a request the real browser sent ({@code --browser chromium}) as the next step, with its headers
   * as on the wire: the model's jar is asked what it would have sent and given the response's Set-Cookie
   * lines, as for a request the probe sends itself, so the checks read the same observations either way.
   * Returns the model's verdicts on the Set-Cookie lines, in order.
   */
  List<CookieSetEvent> observed(HttpExchange x, RequestKind kind, boolean needed) {
    BrowserSession.Request request = browser.request(x.step(), x.url(), kind, needed);
    if (request.event() != null) add(request.event());
    add(x);
    add(new BrowserRequest(x.step(), request.context()));
    List<CookieSetEvent> received = browser.response(x.step(), x.url(), kind, x.responseHeaders("Set-Cookie"), date(x));
    for (CookieSetEvent e : received) redactor.remember(e.result().parsed().value());
    received.subList(0, Math.min(received.size(), COOKIES_KEPT_PER_STEP)).forEach(this::add);
    for (HeaderField f : x.requestHeaders()) {
      if (f.is("Cookie")) for (CookieHeader.Pair p : CookieHeader.parse(f.value())) redactor.remember(p.value());
    }
    return received;
  }

  /**
   * The request's own headers without the credentials that may not go to {@code url} (the Authorization of
   * -H or of the login's token, a replayed Cookie, -H API keys), each withheld one said once.
   */
  private List<HeaderField> credentialHeaders(String label, URI url, List<HeaderField> headers, boolean hop) {
    if (credentials.headers(url, hop || redirectedTo.contains(Hosts.origin(url)))) return headers;
    List<HeaderField> kept = new ArrayList<>();
    List<String> dropped = new ArrayList<>();
    for (HeaderField f : headers) {
      if (http.options().isCredential(f.name())) dropped.add(f.name());
      else kept.add(f);
    }
    if (hop) {
      for (HeaderField f : http.options().extraHeaders()) if (http.options().isCredential(f.name())) dropped.add(f.name());
    }
    for (String d : dropped) {
      withheld(label, d, config.base(), url, Hosts.origin(url) + " is not an origin named on the command line"
          + (credentials.locationTrusted() ? "" : " (--location-trusted lets -H credentials follow redirects)"));
    }
    return kept;
  }

  /**
   * The headers a browser would send: a value from the server (a CSRF token) holding a control character is
   * refused by the browser too (Fetch "header value": no CR, LF or NUL; {@code fetch()} throws a TypeError), so
   * that header is left out and the trace says so.
   */
  private List<HeaderField> sendable(String label, List<HeaderField> headers) {
    List<HeaderField> out = new ArrayList<>(headers.size());
    for (HeaderField f : headers) {
      if (f.value().chars().anyMatch(c -> (c < 0x20 && c != '\t') || c == 0x7f)) {
        note(label, "header " + f.name() + " not sent: its value (from the server) holds a control character, "
            + "which a browser refuses in a header value");
      } else {
        out.add(f);
      }
    }
    return out;
  }

  /**
   * {@code h} with the user's -H credentials it lacks: the HTTP collector gives them to the target's origin
   * only, the policy to every origin the user named.
   */
  private List<HeaderField> withUserCredentials(List<HeaderField> h) {
    List<HeaderField> out = new ArrayList<>(h);
    for (HeaderField f : http.options().extraHeaders()) {
      if (http.options().isCredential(f.name()) && h.stream().noneMatch(g -> g.is(f.name()))) out.add(f);
    }
    return out;
  }

  private static @Nullable Instant date(HttpExchange x) {
    String d = x.responseHeader("Date").orElse(null);
    if (d == null) return null;
    try {
      return ZonedDateTime.parse(d.strip(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
