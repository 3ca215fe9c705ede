package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.observation.Problem;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.http.HttpCollector;
import authdoctor.cookie.RequestContext;
import authdoctor.internal.Hosts;
import authdoctor.observation.BearerToken;
import authdoctor.observation.BrowserRequest;
import authdoctor.observation.Collected;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.CredentialWithheld;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.observation.PageVerdict;
import authdoctor.observation.PreflightStop;
import authdoctor.observation.SessionCarrier;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import authdoctor.observation.StoreInspection;
import authdoctor.observation.SavedSessionReplay;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StepNote;
import authdoctor.observation.StorePing;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The live probe: walks a deployment's login flow as a browser would, through the HTTP collector and
 * an emulated browser ({@link authdoctor.collect.browsing.BrowserSession}), and records what it saw as
 * observations (its trace is rendered from them, see {@link authdoctor.report.trace.ProbeSteps}).
 *
 * <p>The phases, in this order: OAuth ({@link OAuthPhase}); the login page; a session saved by an earlier
 * run replayed without logging in ({@code --reuse-session}, {@link SavedSessions}); the login with its CSRF
 * token ({@link LoginPhase}); the store ping ({@link StorePhase}); the protected routes, the bearer token
 * ({@link TokenPhase}), which cookie is the session ({@link SessionAblation}: on one {@code --instance} that
 * accepts the session when there are instances), {@code --refresh} concurrent reloads, another visitor, the session replayed to
 * each {@code --instance} ({@link SessionReplays}); the store lookup; the same requests directly to the
 * app ({@code --direct}) with and without forwarded headers ({@link ProxyPhase}); CORS from {@code
 * --frontend-origin} ({@link CorsPhase}); a cross-site link; a restart; this run's session saved ({@code --save-session}); logout, then the pre-logout
 * cookie replayed ({@link LogoutPhase}); http → https; a second app's login. Every request goes through
 * the browser with its kind; the deliberate raw replays (instances, after logout) stand for an attacker or
 * a stale tab and are labelled so.
 *
 * <p>A collector decides nothing: it records. The one judgement it makes is whether a response looks
 * signed in ({@link SignedIn}), which the checks then compare.
 */
public final class Probe {
  /** Redirect hops followed per request before calling it a loop. */
  public static final int MAX_HOPS = ProbeSession.MAX_HOPS;

  private final ProbeSession s;
  private final Consumer<String> progress;
  private final List<String> stages;
  private final SessionReplays sessions;
  private final ProxyPhase proxy;
  private final LoginPhase login;
  private final StorePhase store;
  private final TokenPhase tokens;
  /** The real browser that logs in ({@code --browser chromium}), or null: the probe posts the login itself. */
  private final @Nullable LoginBrowser browser;
  private final SessionCanary canary;
  private final SavedSessions saved;

  private Probe(ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress,
      @Nullable LoginBrowser browser, SessionCanary canary) {
    this.s = new ProbeSession(config, http, redactor, clock);
    this.progress = requireNonNull(progress);
    this.browser = browser;
    this.canary = requireNonNull(canary);
    this.stages = stages(config, browser != null, canary);
    this.sessions = new SessionReplays(s);
    this.proxy = new ProxyPhase(s, sessions);
    this.login = new LoginPhase(s, proxy);
    this.store = new StorePhase(s);
    this.tokens = new TokenPhase(s);
    this.saved = new SavedSessions(s, sessions, store, canary);
  }

  /**
   * What one run saw.
   *
   * @param unreachable one line when the target never answered (exit 3), else null
   */
  public record Result(List<Observation> observations, List<Problem> problems, @Nullable String unreachable) {
    public Result {
      observations = List.copyOf(observations);
      problems = List.copyOf(problems);
    }

    /** The run as the collector contract's result. */
    public Collected collected() {
      return new Collected(observations, problems, List.of(), unreachable);
    }
  }

  /** Runs the probe; never throws for network trouble (it is recorded). */
  public static Result run(
      ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress) {
    return run(config, http, redactor, clock, progress, null);
  }

  /** {@link #run}, the login performed by {@code browser} when not null ({@link BrowserLoginPhase}). */
  public static Result run(ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock,
      Consumer<String> progress, @Nullable LoginBrowser browser) {
    return run(config, http, redactor, clock, progress, browser, SessionCanary.NONE);
  }

  /** {@link #run}, with a saved session replayed before the login and this run's session saved ({@link SessionCanary}). */
  public static Result run(ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock,
      Consumer<String> progress, @Nullable LoginBrowser browser, SessionCanary canary) {
    Probe p = new Probe(config, http, redactor, clock, progress, browser, canary);
    p.flow();
    List<Observation> obs = p.s.observations();
    obs.sort(Comparator.comparingInt(Probe::stepOf));
    return new Result(obs, p.s.problems(), p.login.unreachable);
  }

  /** {@code pathOrUrl} against {@code base}: an absolute http(s) URL stays as it is. */
  public static URI resolve(URI base, String pathOrUrl) {
    return Urls.resolve(base, pathOrUrl);
  }

  private static int stepOf(Observation o) {
    return switch (o) {
      case HttpExchange x -> x.step();
      case CookieSetEvent e -> e.step();
      case CookieSendEvent e -> e.step();
      case LoginAttempt l -> l.step();
      case CsrfAttempt c -> c.step();
      case SessionCheck c -> c.step();
      case SessionCarrier c -> c.step();
      case ForwardingTrial f -> f.step();
      case StorePing p -> p.step();
      case StoreLookup l -> l.step();
      case StoreInspection i -> i.step();
      case SavedSessionReplay r -> r.step();
      case BrowserRequest r -> r.step();
      case StepNote n -> n.step();
      case PageVerdict v -> v.step();
      case BearerToken t -> t.step();
      case CredentialWithheld w -> w.step();
      case PreflightStop p -> p.step();
      default -> Integer.MAX_VALUE; // observations the probe does not make
    };
  }

  // ------------------------------------------------------------------------------------------ progress

  private static final String OAUTH = "OAuth login";
  private static final String LOGIN_PAGE = "login page";
  private static final String LOGIN = "login";
  private static final String SAVED_SESSION = "saved session";
  private static final String BROWSER_LOGIN = "login in headless Chromium";
  private static final String PROTECTED = "protected route";
  private static final String BEARER = "bearer token";
  private static final String REFRESH = "refresh";
  private static final String INSTANCES = "instances";
  private static final String PROXY = "proxy awareness";
  private static final String CORS = "CORS";
  private static final String RESTART = "restart";
  private static final String LOGOUT = "logout";
  private static final String PLAIN_HTTP = "http → https";
  private static final String SECOND_LOGIN = "second login";

  /** The stages this configuration may run, in the order they run. */
  private static List<String> stages(ProbeConfig c, boolean browser, SessionCanary canary) {
    List<String> out = new ArrayList<>();
    if (c.oauth() != null) out.add(OAUTH);
    if (!LoginPhase.apiOnly(c)) out.add(LOGIN_PAGE);
    if (canary.reuse() != null) out.add(SAVED_SESSION);
    if (c.user() != null) out.add(browser ? BROWSER_LOGIN : LOGIN);
    out.add(PROTECTED);
    if (c.user() != null || c.authorization() != null) out.add(BEARER);
    if (c.refresh() > 0) out.add(REFRESH);
    if (!c.instances().isEmpty() && c.user() != null) out.add(INSTANCES);
    if (c.direct() != null) out.add(PROXY);
    if (c.frontendOrigin() != null) out.add(CORS);
    if (c.restartCommand() != null && c.user() != null) out.add(RESTART);
    if (c.logout() != null && c.user() != null && canary.save() == null) out.add(LOGOUT);
    out.add(PLAIN_HTTP);
    if (c.secondLogin() != null && c.user() != null) out.add(SECOND_LOGIN);
    return out;
  }

  /** "3/9 protected route": the stage's place among this run's stages. */
  private void stage(String name) {
    // "login in headless Chromium: starting headless Chromium" counts as its stage
    String stage = stages.stream().filter(st -> name.equals(st) || name.startsWith(st + ": ")).findFirst().orElse(null);
    if (stage == null) return;
    progress.accept((stages.indexOf(stage) + 1) + "/" + stages.size() + " " + name);
  }

  // ------------------------------------------------------------------------------------------ the flow

  private void flow() {
    ProbeConfig config = s.config;
    if (config.oauth() != null) {
      stage(OAUTH);
      new OAuthPhase(s).run(requireNonNull(config.oauth()));
      if (s.overTime()) return;
    }
    stage(LOGIN_PAGE);
    LoginPhase.Page page = login.page();
    if (page == null) {
      if (login.unreachable == null && !s.overTime()) plainHttp(config.base());
      return;
    }
    LoginPhase.Result lr = null;
    if (config.user() != null) {
      // What a visitor without cookies gets for each route: "signed in" must differ from it.
      for (String p : config.protectedPaths()) if (!s.overTime()) sessions.baselines.fetch(s, s.url(p));
    }
    if (canary.reuse() != null && !s.overTime()) {
      stage(SAVED_SESSION);
      saved.replay(requireNonNull(canary.reuse()), page.url());
    }
    if (config.user() != null && browser != null) {
      stage(BROWSER_LOGIN);
      BrowserLoginPhase.Outcome out = new BrowserLoginPhase(s, login, proxy, browser)
          .login(page, what -> stage(BROWSER_LOGIN + ": " + what));
      page = out.page();
      lr = out.result();
    } else if (config.user() != null) {
      stage(LOGIN);
      String noForm = login.noForm(page);
      if (noForm != null) {
        s.problem("login", noForm);
        return;
      }
      lr = login.login(page);
    }
    if (config.store() != null && !s.overTime() && store.ping(requireNonNull(config.store()).url(), requireNonNull(config.store()).password()) && !s.overTime()) {
      store.inspect(requireNonNull(config.store()));
    }
    List<URI> protectedUrls = protectedUrls(page, lr);
    stage(PROTECTED);
    URI landing = protectedUrls.get(0);
    HttpExchange protectedPage = null;
    List<HttpExchange> visited = new ArrayList<>();
    for (URI u : protectedUrls) {
      if (s.overTime()) break;
      HttpExchange x = request("protected " + u.getRawPath(), u);
      if (x == null) continue;
      visited.add(x);
      if (protectedPage == null) protectedPage = x;
    }
    // Which cookie is the session, before any request is judged by it: on one instance that accepts the
    // session when there are instances (the proxy may spread the replays over instances that disagree),
    // else on the first signed-in answer.
    if (lr != null && !s.overTime()) {
      boolean ablated = !config.instances().isEmpty()
          && sessions.ablateOnInstance(landing, lr.issuedSession() != null ? lr.issuedSession()
              : s.browser.cookieHeader(landing, RequestContext.typed()), page.url());
      if (!ablated && protectedPage != null && !s.overTime()
          && SignedIn.page(protectedPage, page.url(), s.redactor).verdict() == SessionCheck.Verdict.LOGGED_IN) {
        sessions.ablate(protectedPage, page.url());
      }
    }
    for (HttpExchange x : visited) {
      sessions.check(x, Purpose.PROTECTED, "public", page.url());
      tokens.refusal(x);
    }
    if (s.overTime()) return;
    if (s.bearerToken() != null && !s.overTime()) {
      stage(BEARER);
      tokens.run(protectedUrls, lr != null && lr.token());
    }
    if (config.refresh() > 0 && !s.overTime()) {
      stage(REFRESH);
      sessions.refresh(landing, page.url(), this::request);
    }
    if (lr != null && !s.overTime()) sessions.anonymous(landing, page.url());
    String sessionHeader = s.browser.cookieHeader(landing, RequestContext.typed());
    String instanceSession = lr == null ? null : lr.issuedSession() != null ? lr.issuedSession() : sessionHeader;
    if (!config.instances().isEmpty() && lr != null && !s.overTime()) {
      stage(INSTANCES);
      sessions.instances(landing, instanceSession, page.url(), Purpose.INSTANCE);
    }
    if (config.store() != null && instanceSession != null && store.refused() && !s.overTime()) {
      store.lookup(requireNonNull(config.store()), instanceSession);
    }
    if (config.direct() != null && !s.overTime()) {
      stage(PROXY);
      proxy.run(page.url(), lr, landing);
    }
    if (config.frontendOrigin() != null && !s.overTime()) {
      stage(CORS);
      new CorsPhase(s, login, sessions).run(landing, page);
    }
    if (config.linkFrom() != null && !s.overTime()) sessions.linkFrom(landing);
    if (config.restartCommand() != null && lr != null && protectedPage != null && !s.overTime()) {
      stage(RESTART);
      sessions.restart(landing, page.url(), instanceSession);
    }
    if (canary.save() != null && lr != null && !s.overTime()) saved.save(page.url());
    if (config.logout() != null && lr != null && canary.save() != null) {
      s.note("logout", "--logout not run: it would end the session --save-session saved for the replay after the deploy");
    } else if (config.logout() != null && lr != null && !s.overTime()) {
      stage(LOGOUT);
      new LogoutPhase(s, login, sessions).run(page, landing, protectedPage, sessionHeader);
    }
    if (!s.overTime()) {
      stage(PLAIN_HTTP);
      plainHttp(page.url());
    }
    if (config.secondLogin() != null && lr != null && protectedPage != null && !s.overTime()) {
      stage(SECOND_LOGIN);
      sessions.secondLogin(login, landing);
    }
  }

  /**
   * The client's request for a protected route: an API of a token flow is called as the frontend's
   * fetch, and so is every route when the frontend runs the flow ({@link FrontendFetch#drives}); a page is
   * visited. Null when a preflight stopped the fetch.
   */
  private @Nullable HttpExchange request(String label, URI u) {
    boolean api = s.config.tokens().apis().stream().map(s::url).anyMatch(u::equals);
    if (api && s.bearerToken() != null || FrontendFetch.drives(s.config)) return tokens.call(label, u);
    return sessions.visit(label, u);
  }

  private List<URI> protectedUrls(LoginPhase.Page page, LoginPhase.@Nullable Result lr) {
    List<URI> out = new ArrayList<>();
    for (String p : s.config.protectedPaths()) out.add(s.url(p));
    // A token flow's protected route is its API: refresh and replay the API call, not "/".
    if (out.isEmpty()) for (String api : s.config.tokens().apis()) out.add(s.url(api));
    if (out.isEmpty() && lr != null && lr.landing() != null && !Urls.samePath(lr.landing(), page.url())) out.add(lr.landing());
    if (out.isEmpty()) out.add(s.config.base());
    return out;
  }

  /** Plain http on the https site's host: does it redirect to https? */
  private void plainHttp(URI loginPage) {
    if (!"https".equalsIgnoreCase(loginPage.getScheme()) || Hosts.port(loginPage) != 443) return;
    URI u = URI.create("http://" + loginPage.getHost() + "/");
    if (!s.allowed(u)) return;
    s.send("http → https?", "GET", u, Navigation.typed(), List.of(), null, false);
  }
}
