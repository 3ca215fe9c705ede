package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.Step;
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
import authdoctor.observation.HttpExchange;
import authdoctor.observation.Observation;
import authdoctor.observation.Redirects;
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
 * what was seen so far (observations, trace, problems). {@link #send} and {@link #follow} are the only
 * way a phase reaches the network; every request goes through the {@link BrowserSession} with its kind.
 */
final class ProbeSession {
  /** Redirect hops followed per request before calling it a loop. */
  static final int MAX_HOPS = 10;

  final ProbeConfig config;
  final HttpCollector http;
  final Redactor redactor;
  final Clock clock;
  final BrowserSession browser;
  final ProbeTrace trace;
  final StepNumbers steps;
  final Instant deadline;
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
    this.trace = new ProbeTrace(redactor);
    this.steps = new StepNumbers(config.firstStep());
    this.deadline = clock.instant().plus(config.runTime());
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

  List<Step> steps() {
    return trace.steps();
  }

  /** A remark in the trace, as a step of its own. */
  void note(String label, String message) {
    trace.note(steps.next(), label, message);
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
    List<HttpExchange> out = new ArrayList<>();
    out.add(send(label, method, url, kind, headers, body, needed));
    URI current = url;
    String m = method;
    byte[] b = body;
    for (int hop = 1; ; hop++) {
      HttpExchange x = out.get(out.size() - 1);
      URI next = x.answered() ? Redirects.target(x).orElse(null) : null;
      if (next == null) return new Chain(out, current, false);
      if (hop > MAX_HOPS) return new Chain(out, current, true);
      if (!allowed(next) || overTime()) {
        note(label + " (redirect " + hop + ")", "not followed: " + redactor.url(next.toString())
            + (allowed(next) ? "" : " is outside the deployment (not pinned by --resolve)"));
        return new Chain(out, current, false);
      }
      int st = x.status();
      if (!(st == 307 || st == 308)) {
        if (!m.equals("GET") && !m.equals("HEAD")) m = "GET";
        b = null;
      }
      out.add(send(label + " (redirect " + hop + ")", m, next, kind.redirected(m), List.of(), b, needed));
      current = next;
    }
  }

  /**
   * Sends one request: the browser adds what the kind and the jar decide ({@link BrowserSession#request})
   * and receives the response's Set-Cookie lines; a raw kind goes exactly as given. Recorded as the next
   * step: the exchange, the cookie events and the trace.
   */
  HttpExchange send(String label, String method, URI url, RequestKind kind, List<HeaderField> headers,
      byte @Nullable [] body, boolean needed0) {
    int step = steps.next();
    // The app's cookies are not meant for the OAuth provider's pages: not sending them there is no fault.
    boolean needed = needed0 && !providers.contains(String.valueOf(url.getRawAuthority()).toLowerCase(Locale.ROOT));
    BrowserSession.Request request = browser.request(step, url, kind, needed);
    if (request.event() != null) add(request.event());
    List<HeaderField> h = request.headers(headers);
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
    List<String> lines = x.responseHeaders("Set-Cookie");
    List<CookieSetEvent> sets = browser.response(step, url, kind, lines, date(x));
    sets.forEach(this::add);
    for (CookieSetEvent e : sets) redactor.remember(e.result().parsed().value());
    if (request.context() == null) {
      for (String l : lines) {
        var c = SetCookieParser.parse(l);
        if (!c.name().isEmpty()) redactor.remember(c.value());
      }
    }
    for (HeaderField f : h) if (f.is("Cookie")) for (CookieHeader.Pair p : CookieHeader.parse(f.value())) redactor.remember(p.value());
    trace.exchange(x, request.context(), request.sent(), sets);
    return x;
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
