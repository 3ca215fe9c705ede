package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.check.Problem;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.collect.jwt.BearerChallenges;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.collect.jwt.ParsedJwt;
import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.framework.Framework;
import authdoctor.framework.Frameworks;
import authdoctor.internal.Hosts;
import authdoctor.oauth.AuthorizationRequest;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.ForwardingTrial;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtToken;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.observation.RedirectUriExpectation;
import authdoctor.observation.Redirects;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StoreLookup;
import authdoctor.observation.StorePing;
import authdoctor.observation.SessionCheck.Purpose;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The live probe: walks a deployment's login flow as a browser would, through the HTTP collector and
 * the browser cookie model, and records what it saw as observations plus a redacted trace.
 *
 * <p>Steps: the login page (redirects, CSRF token, early cookies); the login POST with its redirect hops
 * followed by hand; the protected routes, then {@code --refresh} concurrent reloads; the session replayed
 * to each {@code --instance}; the same requests directly to the app ({@code --direct}) with and without
 * forwarded headers; CORS from {@code --frontend-origin}; logout, then the pre-logout cookie replayed;
 * http → https. Every {@code Set-Cookie} goes through the jar with the URL and context of its response;
 * every request carries exactly what the jar sends — except the deliberate raw replays (instances,
 * after logout), which stand for an attacker or a stale tab and are labelled so.
 *
 * <p>A collector decides nothing: it records. The one judgement it makes is whether a response looks
 * signed in ({@link SessionCheck.Verdict}), which the checks then compare.
 */
public final class Probe {
  /** Redirect hops followed per request before calling it a loop. */
  public static final int MAX_HOPS = 10;

  private static final Pattern ABSOLUTE_URL = Pattern.compile("https?://[A-Za-z0-9.\\-\\[\\]:]+(?:/[^\\s\"'<>]*)?");
  private static final Pattern TOKEN_KEY =
      Pattern.compile("(?i)\"(access_token|id_token|token|jwt|auth_token|accessToken|idToken)\"\\s*:\\s*\"([^\"]{8,})\"");
  private static final Pattern LOGIN_PATH = Pattern.compile("(?i).*(login|signin|sign-in|sign_in|/auth\\b|/session/new).*");

  private final ProbeConfig config;
  private final HttpCollector http;
  private final Redactor redactor;
  private final Consumer<String> progress;
  private final CookieJar jar;
  private final AtomicInteger steps;
  private final List<Observation> observations = new ArrayList<>();
  private final List<Step> trace = new ArrayList<>();
  private final List<Problem> problems = new ArrayList<>();
  private final Instant deadline;
  private final Clock clock;
  private @Nullable String unreachable;
  /** The Authorization value the client uses: the user's -H, else a token the login returned. */
  private @Nullable String authorization;
  /** The OAuth providers' authorities (host:port) the flow visits, whose requests need none of the app's cookies. */
  private final java.util.Set<String> providers = java.util.concurrent.ConcurrentHashMap.newKeySet();

  private Probe(ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress) {
    this.config = requireNonNull(config);
    this.http = requireNonNull(http);
    this.redactor = requireNonNull(redactor);
    this.progress = requireNonNull(progress);
    this.jar = new CookieJar(clock);
    this.clock = clock;
    this.steps = new AtomicInteger(config.firstStep() - 1);
    this.deadline = clock.instant().plus(config.runTime());
    if (config.password() != null) redactor.remember(config.password());
    if (config.authorization() != null) redactor.remember(config.authorization());
    this.authorization = config.authorization();
  }

  /**
   * What one run saw.
   *
   * @param unreachable one line when the target never answered (exit 3), else null
   */
  public record Result(
      List<Observation> observations, List<Step> steps, List<Problem> problems, @Nullable String unreachable) {
    public Result {
      observations = List.copyOf(observations);
      steps = List.copyOf(steps);
      problems = List.copyOf(problems);
    }
  }

  /** Runs the probe; never throws for network trouble (it is recorded). */
  public static Result run(
      ProbeConfig config, HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress) {
    Probe p = new Probe(config, http, redactor, clock, progress);
    p.flow();
    return p.result();
  }

  private Result result() {
    List<Observation> obs;
    List<Step> st;
    synchronized (this) {
      obs = new ArrayList<>(observations);
      st = new ArrayList<>(trace);
    }
    obs.sort(Comparator.comparingInt(Probe::stepOf));
    st.sort(Comparator.comparingInt(s -> ((Number) s.json().get("step")).intValue()));
    return new Result(obs, st, problems, unreachable);
  }

  private static int stepOf(Observation o) {
    return switch (o) {
      case HttpExchange x -> x.step();
      case CookieSetEvent e -> e.step();
      case CookieSendEvent e -> e.step();
      case LoginAttempt l -> l.step();
      case CsrfAttempt c -> c.step();
      case SessionCheck s -> s.step();
      case ForwardingTrial f -> f.step();
      case StorePing p -> p.step();
      case StoreLookup l -> l.step();
      default -> Integer.MAX_VALUE; // observations the probe does not make
    };
  }

  // ------------------------------------------------------------------------------------------ the flow

  private void flow() {
    if (config.oauth() != null) {
      progress.accept("0/8 OAuth login");
      oauth(config.oauth());
      if (overTime()) return;
    }
    progress.accept("1/8 login page");
    Page login = loginPage();
    if (login == null) {
      if (unreachable == null && !overTime()) plainHttp(config.base());
      return;
    }
    LoginResult lr = null;
    if (config.user() != null) {
      progress.accept("2/8 login");
      lr = login(login);
    }
    if (config.store() != null && !overTime()) storePing(requireNonNull(config.store()).url());
    List<URI> protectedUrls = protectedUrls(login, lr);
    progress.accept("3/8 protected route");
    URI landing = protectedUrls.get(0);
    HttpExchange protectedPage = null;
    for (URI u : protectedUrls) {
      if (overTime()) return;
      Sent s = send("protected " + u.getRawPath(), "GET", u, auth(), null, RequestContext.typed(), true);
      sessionCheck(s, Purpose.PROTECTED, "public", login.url());
      bearerRefusal(s.exchange());
      if (protectedPage == null) protectedPage = s.exchange();
    }
    if (bearerToken() != null && !overTime()) {
      progress.accept("3/8 bearer token");
      tokens(protectedUrls, lr != null && lr.token());
    }
    if (config.refresh() > 0 && !overTime()) {
      progress.accept("3/8 refresh ×" + config.refresh());
      refresh(landing, login.url());
    }
    if (lr != null && !overTime()) anonymous(landing, login.url());
    String sessionHeader;
    synchronized (jar) {
      sessionHeader = jar.send(landing, RequestContext.typed()).cookieHeader().orElse(null);
    }
    String instanceSession = lr == null ? null : lr.issuedSession() != null ? lr.issuedSession() : sessionHeader;
    if (!config.instances().isEmpty() && lr != null && !overTime()) {
      progress.accept("8/8 instances");
      instances(landing, instanceSession, login.url(), Purpose.INSTANCE);
    }
    if (config.store() != null && instanceSession != null && refused() && !overTime()) {
      storeLookup(requireNonNull(config.store()), instanceSession);
    }
    if (config.direct() != null && !overTime()) {
      progress.accept("5/8 proxy awareness");
      direct(login, lr, landing);
    }
    if (config.frontendOrigin() != null && !overTime()) {
      progress.accept("6/8 CORS");
      cors(landing, login);
    }
    if (config.linkFrom() != null && !overTime()) {
      // A page on another site links to the protected route: a cross-site top-level navigation.
      URI from = URI.create(config.linkFrom().endsWith("/") ? config.linkFrom() : config.linkFrom() + "/");
      Sent s = send("link from " + Hosts.origin(from), "GET", landing, auth(), null, RequestContext.navigation("GET", from), true);
      sessionCheckQuiet(s);
    }
    if (config.restartCommand() != null && lr != null && protectedPage != null && !overTime()) {
      progress.accept("restart");
      restart(landing, login.url(), instanceSession);
    }
    if (config.logout() != null && lr != null && !overTime()) {
      progress.accept("4/8 logout");
      logout(login, landing, protectedPage, sessionHeader);
    }
    if (!overTime()) {
      progress.accept("7/8 http → https");
      plainHttp(login.url());
    }
    if (config.secondLogin() != null && lr != null && protectedPage != null && !overTime()) {
      progress.accept("second login");
      secondLogin(landing);
    }
  }

  /**
   * Signs in to the first app again (the logout step may have ended its session), then to the app of
   * {@code --second-login} with the same credentials, then requests the first app's route: a cookie of the
   * same name and path set by the second app replaces the first one's in the browser.
   */
  private void secondLogin(URI landing) {
    Page again = loginPage();
    if (again == null || overTime()) return;
    login(again);
    Chain c = follow("second login page", "GET", url(requireNonNull(config.secondLogin())), List.of(), null, null,
        RequestContext.typed(), false);
    if (!c.last().answered() || c.loop() || overTime()) return;
    login(new Page(c.finalUrl(), c.last()));
    if (overTime()) return;
    Sent s = send("after the second login: protected " + landing.getRawPath(), "GET", landing, auth(), null,
        RequestContext.typed(), true);
    sessionCheck(s, Purpose.AFTER_OTHER_LOGIN, "public", again.url());
  }

  private boolean overTime() {
    if (Instant.now().isBefore(deadline)) return false;
    synchronized (problems) { // concurrent sends (refresh) may reach the deadline together
      if (problems.stream().noneMatch(p -> p.source().equals("run"))) {
        problems.add(new Problem("run", "stopped: the run took longer than --max-time; later steps were not run"));
      }
    }
    return true;
  }

  // -------------------------------------------------------------------------------------- login page

  /** The login page after its redirects; null when the target is unreachable. */
  private @Nullable Page loginPage() {
    List<URI> candidates = new ArrayList<>();
    if (config.login() != null) candidates.add(url(config.login()));
    else {
      candidates.add(config.base());
      candidates.add(config.base().resolve("/login"));
    }
    Page first = null;
    for (URI u : candidates) {
      Chain c = follow("login page", "GET", u, List.of(), null, null, RequestContext.typed(), false);
      HttpExchange last = c.last();
      if (c.hops() == 0 && !last.answered()) {
        unreachable = redactor.scrub(Optional.ofNullable(last.error()).orElse("no response from " + u));
        return null;
      }
      if (c.loop()) {
        // "Too many redirects": the browser gives up. Often the app's own https redirect behind a proxy
        // that does not say https, so record what the app generated and compare with the app direct.
        problems.add(new Problem("login page", "redirect loop: " + redactor.url(u.toString()) + " still redirected after "
            + MAX_HOPS + " hops (the browser shows 'too many redirects'); later steps were not run"));
        HttpExchange first0 = c.exchanges().get(0);
        String request = "GET " + (u.getRawPath() == null || u.getRawPath().isEmpty() ? "/" : u.getRawPath());
        trial(first0, request, ForwardingTrial.Via.PUBLIC, u, Map.of());
        if (config.direct() != null) {
          directTrials(request, "GET", u, List.of(), null);
          claimedTrial(request, u);
        }
        return null;
      }
      Page p = new Page(c.finalUrl(), last);
      if (first == null) first = p;
      if (p.form().isPresent() || config.loginJson() != null || config.login() != null) return p;
    }
    return first;
  }

  /** A page as the browser ended up on it. */
  private record Page(URI url, HttpExchange exchange) {
    Optional<Html.Form> form() {
      return Html.loginForm(exchange.body());
    }
  }

  // ------------------------------------------------------------------------------------------- login

  private record LoginResult(URI postUrl, int step, String body, String contentType, List<HeaderField> headers,
      @Nullable URI landing, boolean succeeded, @Nullable String cookieHeader, @Nullable String issuedSession,
      boolean token) {}

  private LoginResult login(Page page) {
    URI postUrl;
    String contentType;
    String body;
    Csrf csrf = csrf(page);
    Map<String, String> fields = new LinkedHashMap<>();
    Optional<Html.Form> form = page.form();
    String mode = config.loginJson() != null ? "json" : "form";
    if (config.loginJson() != null) {
      postUrl = config.login() != null ? url(config.login()) : page.url();
      contentType = "application/json";
      body = config.loginJson().replace("{user}", jsonEscape(requireNonNull(config.user())))
          .replace("{password}", jsonEscape(Optional.ofNullable(config.password()).orElse("")));
    } else {
      Html.Form f = form.orElse(null);
      postUrl = f == null || f.action().isEmpty() ? page.url() : page.url().resolve(f.action().strip());
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
      body = formEncode(fields);
    }
    List<HeaderField> headers = new ArrayList<>();
    headers.add(new HeaderField("Content-Type", contentType));
    headers.add(new HeaderField("Origin", Hosts.origin(page.url())));
    headers.add(new HeaderField("Referer", page.url().toString()));
    String sentAs = null;
    if (csrf.value() != null) {
      if (csrf.header() != null) headers.add(new HeaderField(csrf.header(), csrf.value()));
      List<String> how = new ArrayList<>();
      if (mode.equals("form") && csrf.field() != null && fields.containsKey(csrf.field())) how.add("field " + csrf.field());
      if (csrf.header() != null) how.add("header " + csrf.header());
      sentAs = how.isEmpty() ? null : String.join(", ", how);
    } else if (mode.equals("form")) {
      for (String n : fields.keySet()) if (Csrf.fieldLike(n)) sentAs = "field " + n;
    }
    if (mode.equals("json")) headers.add(new HeaderField("Accept", "application/json"));
    RequestContext ctx = mode.equals("json")
        ? RequestContext.subresource("POST", page.url())
        : RequestContext.navigation("POST", page.url());
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    Chain c = follow("login", "POST", postUrl, headers, bytes, page.url(), ctx, true);
    HttpExchange first = c.exchanges().get(0);
    HttpExchange last = c.last();
    int setLines = 0;
    List<String> names = new ArrayList<>();
    for (HttpExchange x : c.exchanges()) {
      for (String l : x.responseHeaders("Set-Cookie")) {
        setLines++;
        int eq = l.indexOf('=');
        String n = (eq < 0 ? "" : l.substring(0, eq)).strip();
        if (!names.contains(n)) names.add(n);
      }
    }
    boolean token = false;
    List<String> path = config.tokens().tokenPath();
    for (HttpExchange x : c.exchanges()) {
      if (path.isEmpty()) continue;
      String v = jsonAt(x.body(), path);
      if (v != null) {
        token = true;
        redactor.remember(v);
        if (authorization == null) authorization = "Bearer " + v;
      }
    }
    for (HttpExchange x : c.exchanges()) {
      if (!path.isEmpty()) break;
      Matcher m = TOKEN_KEY.matcher(x.body());
      if (m.find()) {
        token = true;
        redactor.remember(m.group(2));
        // A SPA sends the token it got back as a bearer token (unless the user gave -H Authorization).
        if (authorization == null) authorization = "Bearer " + m.group(2);
      }
      if (x.responseHeader("Authorization").isPresent()) token = true;
    }
    Outcome o = loginOutcome(c, page.url());
    int stored;
    synchronized (jar) {
      stored = (int) jar.cookies().stream().filter(sc -> sameSite(sc, page.url())).count();
    }
    int step = first.step();
    add(new LoginAttempt(step, postUrl, mode, first.status(), o.succeeded(), o.reason(), setLines, names, stored, token));
    add(new CsrfAttempt(step, "login", postUrl, Hosts.origin(page.url()), csrf.source(), sentAs, first.status(),
        refusal(first), serverSaid(first)));
    trial(first, "POST " + postUrl.getRawPath(), ForwardingTrial.Via.PUBLIC, postUrl, Map.of());
    if (!o.succeeded()) {
      problems.add(new Problem("login", "the login did not succeed (" + o.reason() + "): check --user, the password, "
          + "--login and the form fields; later steps ran signed out"));
    }
    String cookieHeader = first.requestHeader("Cookie").orElse(null);
    // The session as issued: what the browser sent right after the login answered (before a backend that
    // does not know the session could delete it, as Django does).
    String issued = c.exchanges().size() > 1 ? c.exchanges().get(1).requestHeader("Cookie").orElse(null) : null;
    if (issued == null) {
      synchronized (jar) {
        issued = jar.send(postUrl, RequestContext.typed()).cookieHeader().orElse(null);
      }
    }
    URI landing = o.succeeded() && c.hops() > 0 && !c.loop() ? c.finalUrl() : null;
    return new LoginResult(postUrl, step, body, contentType, headers, landing, o.succeeded(), cookieHeader, issued, token);
  }

  private record Outcome(boolean succeeded, String reason) {}

  private Outcome loginOutcome(Chain c, URI loginPage) {
    HttpExchange first = c.exchanges().get(0);
    int s = first.status();
    if (!first.answered()) return new Outcome(false, "no response: " + first.error());
    if (s == 400 || s == 401 || s == 403 || s == 419 || s == 422 || s == 429 || s >= 500) {
      return new Outcome(false, "answered " + s);
    }
    if (first.isRedirect()) {
      URI t = Redirects.target(first).orElse(null);
      if (t == null) return new Outcome(false, s + " without a usable Location");
      if (samePath(t, loginPage) || t.getRawQuery() != null && t.getRawQuery().matches("(?i).*(error|fail|invalid).*")) {
        return new Outcome(false, s + " back to the login page " + t.getRawPath());
      }
      return new Outcome(true, s + " to " + redactor.url(t.getRawPath() == null ? t.toString() : t.getRawPath()));
    }
    if (s >= 200 && s < 300) {
      if (Html.loginForm(first.body()).isPresent()) return new Outcome(false, s + " with the login form again");
      return new Outcome(true, s + ", no login form");
    }
    return new Outcome(false, "answered " + s);
  }

  // -------------------------------------------------------------------------------------------- CSRF

  /** The CSRF token the page offers, and how its framework expects it back. */
  private record Csrf(@Nullable String source, @Nullable String field, @Nullable String header, @Nullable String value) {
    static boolean fieldLike(String name) {
      return Frameworks.csrfLike(name);
    }
  }

  private Csrf csrf(Page page) {
    Optional<Html.Form> form = page.form();
    String field = null;
    String value = null;
    String source = null;
    if (form.isPresent()) {
      for (Html.Input i : form.get().hidden()) {
        if (Csrf.fieldLike(i.name())) {
          field = i.name();
          value = i.value();
          source = "hidden input " + i.name();
          break;
        }
      }
    }
    Map<String, String> metas = Html.metas(page.exchange().body());
    String header = null;
    if (value == null) {
      for (String m : Frameworks.csrfMetas()) {
        if (metas.containsKey(m)) {
          value = metas.get(m);
          source = "meta " + m;
          field = m.equals("_csrf") ? "_csrf" : null;
          header = metas.getOrDefault("_csrf_header", "X-CSRF-Token");
          break;
        }
      }
    }
    // Token cookies: Django csrftoken → X-CSRFToken; Angular/Spring XSRF-TOKEN → X-XSRF-TOKEN.
    Map<String, String> cookies = new LinkedHashMap<>();
    synchronized (jar) {
      for (StoredCookie c : jar.cookies()) if (sameSite(c, page.url())) cookies.putIfAbsent(c.name(), c.value());
    }
    if (cookies.containsKey("csrftoken")) {
      header = "X-CSRFToken";
      if (value == null) {
        value = cookies.get("csrftoken");
        source = "cookie csrftoken";
        field = "csrfmiddlewaretoken";
      }
    } else if (cookies.containsKey("XSRF-TOKEN")) {
      header = "X-XSRF-TOKEN";
      if (value == null) {
        value = cookies.get("XSRF-TOKEN");
        source = "cookie XSRF-TOKEN";
      }
    } else if (field != null && header == null) {
      String f = field.toLowerCase(Locale.ROOT);
      if (f.equals("csrfmiddlewaretoken")) header = "X-CSRFToken";
      else if (f.equals("_csrf")) header = "X-CSRF-Token";
      else if (f.equals("csrf_token")) header = "X-CSRFToken";
    }
    if (value != null) redactor.remember(value);
    return new Csrf(source, field, header, value);
  }

  /** What frameworks write when the Origin/Referer/host check fails (Django, Rails, Spring, Express, Laravel). */
  private static final List<String> ORIGIN_PHRASES = Frameworks.originRefusals();
  private static final Pattern ORIGIN_REFUSED =
      Pattern.compile("(origin|referer)[^\\n]{0,120}(not allowed|not trusted|untrusted|does not match|mismatch)");

  /** What they write when the token or its cookie is missing or wrong. */
  private static final List<String> TOKEN_PHRASES = Frameworks.tokenRefusals();

  private static CsrfAttempt.Refusal refusal(HttpExchange x) {
    int s = x.status();
    if (s != 403 && s != 400 && s != 419) return CsrfAttempt.Refusal.NONE;
    String b = x.body().toLowerCase(Locale.ROOT);
    if (ORIGIN_PHRASES.stream().anyMatch(b::contains) || ORIGIN_REFUSED.matcher(b).find()) return CsrfAttempt.Refusal.ORIGIN;
    if (TOKEN_PHRASES.stream().anyMatch(b::contains)) return CsrfAttempt.Refusal.TOKEN;
    boolean csrf = b.contains("csrf") || b.contains("xsrf") || b.contains("forgery");
    return csrf || s == 419 ? CsrfAttempt.Refusal.UNSPECIFIED : CsrfAttempt.Refusal.NONE;
  }

  private @Nullable String serverSaid(HttpExchange x) {
    if (refusal(x) == CsrfAttempt.Refusal.NONE) return null;
    String best = null;
    for (String line : x.body().replaceAll("<[^>]+>", "\n").split("\n")) {
      String l = line.strip();
      String low = l.toLowerCase(Locale.ROOT);
      boolean specific = ORIGIN_PHRASES.stream().anyMatch(low::contains) || TOKEN_PHRASES.stream().anyMatch(low::contains);
      if (specific) {
        best = l;
        break;
      }
      if (best == null && (low.contains("csrf") || low.contains("forgery"))) best = l;
    }
    if (best == null) return null;
    return redactor.scrub(best.length() > 160 ? best.substring(0, 160) + "…" : best);
  }

  // ----------------------------------------------------------------------------- protected + refresh

  private List<URI> protectedUrls(Page login, @Nullable LoginResult lr) {
    List<URI> out = new ArrayList<>();
    for (String p : config.protectedPaths()) out.add(url(p));
    if (out.isEmpty() && lr != null && lr.landing() != null && !samePath(lr.landing(), login.url())) out.add(lr.landing());
    if (out.isEmpty()) out.add(config.base());
    return out;
  }

  private void refresh(URI url, URI loginPage) {
    List<Runnable> all = new ArrayList<>();
    for (int i = 1; i <= config.refresh(); i++) {
      int n = i;
      all.add(() -> {
        Sent s = send("refresh " + n, "GET", url, auth(), null, RequestContext.typed(), true);
        sessionCheck(s, Purpose.REFRESH, "public", loginPage);
      });
    }
    concurrently(all);
  }

  /** The step number reserved for this thread's next request by {@link #concurrently}, if any. */
  private static final ThreadLocal<Integer> RESERVED_STEP = new ThreadLocal<>();

  private int nextStep() {
    Integer reserved = RESERVED_STEP.get();
    if (reserved == null) return steps.incrementAndGet();
    RESERVED_STEP.remove();
    return reserved;
  }

  /**
   * Runs independent tasks of one request each at once, one thread each. Each request gets the step
   * number it would have had in sequence, so the trace and the observations read the same whichever
   * answer comes first.
   *
   * <p>Platform threads, not virtual ones: a virtual thread blocking on an HTTP/1.1 socket starts the JDK's
   * I/O poller threads, which then sit in a native call, and the JVM waits 300 ms at exit for threads in
   * native code (measured: every run 300 ms longer). These threads are few and short-lived.
   */
  private void concurrently(List<Runnable> tasks) {
    int first = steps.getAndAdd(tasks.size()) + 1;
    try (ExecutorService ex = Executors.newThreadPerTaskExecutor(Thread.ofPlatform().daemon().name("authdoctor probe ", 1).factory())) {
      List<Future<?>> all = new ArrayList<>();
      for (int i = 0; i < tasks.size(); i++) {
        int step = first + i;
        Runnable task = tasks.get(i);
        all.add(ex.submit(() -> {
          RESERVED_STEP.set(step);
          try {
            task.run();
          } finally {
            RESERVED_STEP.remove();
          }
        }));
      }
      for (Future<?> f : all) {
        try {
          f.get();
        } catch (ExecutionException e) {
          throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private void sessionCheck(Sent s, Purpose purpose, String via, URI loginPage) {
    HttpExchange x = s.exchange();
    Verdict v = verdict(x, loginPage);
    String cookieHeader = x.requestHeader("Cookie").orElse(null);
    Map.Entry<String, String> session = sessionCookie(cookieHeader);
    add(new SessionCheck(x.step(), purpose, via, x.url(), x.status(), v.verdict(), v.reason(),
        session == null ? null : session.getKey(), session == null ? null : session.getValue()));
    annotate(x.step(), v.verdict(), v.reason());
  }

  private record Verdict(SessionCheck.Verdict verdict, String reason) {}

  private Verdict verdict(HttpExchange x, URI loginPage) {
    if (!x.answered()) return new Verdict(SessionCheck.Verdict.UNKNOWN, "no response: " + x.error());
    int s = x.status();
    if (s == 401 || s == 403) return new Verdict(SessionCheck.Verdict.LOGGED_OUT, "answered " + s);
    if (x.isRedirect()) {
      URI t = Redirects.target(x).orElse(null);
      String where = t == null ? "?" : redactor.url(t.getRawPath() == null ? t.toString() : t.getRawPath());
      if (t != null && (samePath(t, loginPage) || LOGIN_PATH.matcher(String.valueOf(t.getRawPath())).matches())) {
        return new Verdict(SessionCheck.Verdict.LOGGED_OUT, s + " to the login page " + where);
      }
      return new Verdict(SessionCheck.Verdict.UNKNOWN, s + " to " + where);
    }
    if (s >= 200 && s < 300) {
      if (Html.loginForm(x.body()).isPresent()) return new Verdict(SessionCheck.Verdict.LOGGED_OUT, s + " with the login form");
      return new Verdict(SessionCheck.Verdict.LOGGED_IN, s + ", no login form");
    }
    return new Verdict(SessionCheck.Verdict.UNKNOWN, "answered " + s);
  }

  /** The session cookie of a Cookie header: a known framework name, else a name that says session. */
  static Map.@Nullable Entry<String, String> sessionCookie(@Nullable String cookieHeader) {
    if (cookieHeader == null) return null;
    Map<String, String> pairs = new LinkedHashMap<>();
    for (String part : cookieHeader.split(";")) {
      int eq = part.indexOf('=');
      if (eq > 0) pairs.putIfAbsent(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
    }
    for (String n : Frameworks.sessionCookieNames()) {
      for (Map.Entry<String, String> e : pairs.entrySet()) if (Framework.matches(n, e.getKey())) return e;
    }
    for (Map.Entry<String, String> e : pairs.entrySet()) {
      String n = e.getKey().toLowerCase(Locale.ROOT);
      if (n.contains("csrf") || n.contains("xsrf")) continue;
      if (n.contains("sess") || n.contains("sid") || n.contains("auth") || n.contains("token") || n.contains("jwt")) return e;
    }
    return pairs.entrySet().stream()
        .filter(e -> !Csrf.fieldLike(e.getKey())).findFirst().orElse(null);
  }

  /** Another visitor, without cookies, after we signed in: does a cache hand them our page or our cookie? */
  private void anonymous(URI url, URI loginPage) {
    Map<String, String> ours = new LinkedHashMap<>();
    synchronized (jar) {
      for (StoredCookie c : jar.cookies()) ours.put(c.name(), c.value());
    }
    Sent s = send("another visitor, no cookies", "GET", url, List.of(), null, null, false);
    HttpExchange x = s.exchange();
    Verdict v = verdict(x, loginPage);
    String cache = x.responseHeader("X-Cache-Status").or(() -> x.responseHeader("X-Cache"))
        .or(() -> x.responseHeader("Age").map(a -> "Age " + a)).orElse(null);
    String leakedName = null;
    String leakedValue = null;
    for (String line : x.responseHeaders("Set-Cookie")) {
      int eq = line.indexOf('=');
      int semi = line.indexOf(';');
      if (eq <= 0) continue;
      String name = line.substring(0, eq).strip();
      String value = line.substring(eq + 1, semi > eq ? semi : line.length()).strip();
      if (!value.isEmpty() && value.equals(ours.get(name))) {
        leakedName = name;
        leakedValue = value;
      }
    }
    String reason = v.reason() + (cache == null ? "" : ", cache: " + cache)
        + (leakedName == null ? "" : ", and it handed out our own " + leakedName + " cookie");
    add(new SessionCheck(x.step(), Purpose.ANONYMOUS, "public", x.url(), x.status(), v.verdict(), reason, leakedName, leakedValue));
    annotate(x.step(), v.verdict(), reason);
  }

  // ------------------------------------------------------------------------------------------ instances

  private void instances(URI landing, @Nullable String sessionHeader, URI loginPage, Purpose purpose) {
    List<Runnable> replays = new ArrayList<>(); // independent raw replays: sent at once
    for (URI instance : config.instances()) {
      URI u = onto(instance, landing);
      List<HeaderField> h = new ArrayList<>();
      if (sessionHeader != null) h.add(new HeaderField("Cookie", sessionHeader));
      // As the proxy forwards it: the public Host (apps check it: Django's ALLOWED_HOSTS) and scheme.
      h.add(new HeaderField("Host", landing.getRawAuthority()));
      h.add(new HeaderField("X-Forwarded-Proto", landing.getScheme()));
      h.add(new HeaderField("X-Forwarded-Host", landing.getRawAuthority()));
      replays.add(() -> {
        Sent s = send((purpose == Purpose.AFTER_RESTART ? "after restart: " : "") + "instance " + instance.getRawAuthority()
            + " (session replayed)", "GET", u, h, null, null, true);
        sessionCheck(s, purpose, instance.toString(), loginPage);
      });
    }
    concurrently(replays);
  }

  // ---------------------------------------------------------------------------------------- direct app

  private void direct(Page login, @Nullable LoginResult lr, URI landing) {
    URI direct = requireNonNull(config.direct());
    // 1) The login POST: public (already sent), direct, direct with the headers a correct proxy adds.
    if (lr != null) {
      List<HeaderField> h = new ArrayList<>(lr.headers());
      if (lr.cookieHeader() != null) h.add(new HeaderField("Cookie", lr.cookieHeader()));
      directTrials("POST " + lr.postUrl().getRawPath(), "POST", lr.postUrl(), h, lr.body().getBytes(StandardCharsets.UTF_8));
    }
    // 2) The protected route without a session: where does the app send an anonymous browser?
    for (ForwardingTrial.Via via : ForwardingTrial.Via.values()) {
      Map<String, String> fwd = forwarded(via, landing);
      List<HeaderField> h = new ArrayList<>();
      fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
      boolean pub = via == ForwardingTrial.Via.PUBLIC || via == ForwardingTrial.Via.PUBLIC_CLAIMED;
      URI u = pub ? landing : onto(direct, landing);
      String label = via == ForwardingTrial.Via.PUBLIC ? "public" : (pub ? "public " : "direct ") + viaName(via);
      Sent s = send(label + ": GET " + landing.getRawPath()
          + " without a session", "GET", u, h, null, null, false);
      trial(s.exchange(), "GET " + landing.getRawPath() + " (no session)", via, landing, fwd);
    }
    // 3) Authorization: does it work direct but not through the proxy?
    if (authorization != null) {
      List<HeaderField> auth = auth();
      Sent pub = send("Authorization through the proxy", "GET", landing, auth, null, null, true);
      sessionCheck(pub, Purpose.AUTHORIZATION_PUBLIC, "public", login.url());
      List<HeaderField> h = new ArrayList<>(auth);
      forwarded(ForwardingTrial.Via.DIRECT_FORWARDED, landing).forEach((k, v) -> h.add(new HeaderField(k, v)));
      Sent dir = send("Authorization direct to the app", "GET", onto(direct, landing), h, null, null, true);
      sessionCheck(dir, Purpose.AUTHORIZATION_DIRECT, direct.toString(), login.url());
    }
  }

  /** The same request sent directly to the app, plain and with the headers a correct proxy adds. */
  private void directTrials(String request, String method, URI publicUrl, List<HeaderField> headers, byte @Nullable [] body) {
    URI direct = requireNonNull(config.direct());
    for (ForwardingTrial.Via via : List.of(ForwardingTrial.Via.DIRECT, ForwardingTrial.Via.DIRECT_FORWARDED)) {
      List<HeaderField> h = new ArrayList<>(headers);
      Map<String, String> fwd = forwarded(via, publicUrl);
      fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
      Sent s = send("direct " + viaName(via) + ": " + request, method, onto(direct, publicUrl), h, body, null, false);
      trial(s.exchange(), request, via, publicUrl, fwd);
    }
  }

  /** The request through the public URL with the client's own X-Forwarded-Proto (does a hop overwrite it?). */
  private void claimedTrial(String request, URI publicUrl) {
    Map<String, String> fwd = forwarded(ForwardingTrial.Via.PUBLIC_CLAIMED, publicUrl);
    List<HeaderField> h = new ArrayList<>();
    fwd.forEach((k, v) -> h.add(new HeaderField(k, v)));
    Sent s = send("public " + viaName(ForwardingTrial.Via.PUBLIC_CLAIMED) + ": " + request, "GET", publicUrl, h, null, null, false);
    trial(s.exchange(), request, ForwardingTrial.Via.PUBLIC_CLAIMED, publicUrl, fwd);
  }

  /** The client's Authorization header, if it has one. */
  private List<HeaderField> auth() {
    return authorization == null ? List.of() : List.of(new HeaderField("Authorization", authorization));
  }

  private static String viaName(ForwardingTrial.Via via) {
    return switch (via) {
      case PUBLIC, DIRECT -> "plain";
      case DIRECT_FORWARDED -> "with X-Forwarded-*";
      case PUBLIC_CLAIMED -> "with the client's own X-Forwarded-Proto";
    };
  }

  private static Map<String, String> forwarded(ForwardingTrial.Via via, URI publicUrl) {
    Map<String, String> m = new LinkedHashMap<>();
    if (via == ForwardingTrial.Via.DIRECT_FORWARDED) {
      m.put("Host", publicUrl.getRawAuthority());
      m.put("X-Forwarded-Proto", publicUrl.getScheme());
      m.put("X-Forwarded-Host", publicUrl.getRawAuthority());
      m.put("X-Forwarded-For", "127.0.0.1");
    } else if (via == ForwardingTrial.Via.PUBLIC_CLAIMED) {
      m.put("X-Forwarded-Proto", publicUrl.getScheme());
    }
    return m;
  }

  private void trial(HttpExchange x, String request, ForwardingTrial.Via via, URI publicUrl, Map<String, String> sent) {
    URI appUrl = null;
    String source = null;
    URI loc = Redirects.target(x).orElse(null);
    String rawLoc = x.responseHeader("Location").orElse("").strip();
    if (loc != null && (rawLoc.startsWith("http://") || rawLoc.startsWith("https://"))) {
      if (relevantHost(loc, publicUrl)) {
        appUrl = loc;
        source = "Location";
      }
      URI ru = redirectUri(loc);
      if (appUrl == null && ru != null && relevantHost(ru, publicUrl)) {
        appUrl = ru;
        source = "redirect_uri";
      }
    }
    if (appUrl == null) {
      Matcher m = ABSOLUTE_URL.matcher(x.body());
      while (m.find()) {
        try {
          URI u = new URI(m.group());
          if (relevantHost(u, publicUrl)) {
            appUrl = u;
            source = "body";
            break;
          }
        } catch (java.net.URISyntaxException ignored) {
          // not a URL after all
        }
      }
    }
    List<String> secure = new ArrayList<>();
    for (String l : x.responseHeaders("Set-Cookie")) {
      if (l.toLowerCase(Locale.ROOT).matches("(?s).*;\\s*secure\\s*(;.*)?")) {
        int eq = l.indexOf('=');
        if (eq > 0) secure.add(l.substring(0, eq).strip());
      }
    }
    add(new ForwardingTrial(x.step(), request, via, x.url(), publicUrl, sent, appUrl, source, secure, x.status()));
  }

  /** The public host itself (any port or scheme), or an address that can only be the app's own. */
  private boolean relevantHost(URI u, URI publicUrl) {
    String h = Hosts.hostOf(u);
    if (h == null) return false;
    if (h.equalsIgnoreCase(publicUrl.getHost())) return true;
    if (config.direct() != null && h.equalsIgnoreCase(config.direct().getHost())) return true;
    return Hosts.isInternal(h);
  }

  private static @Nullable URI redirectUri(URI u) {
    String q = u.getRawQuery();
    if (q == null) return null;
    for (String p : q.split("&")) {
      if (p.startsWith("redirect_uri=")) {
        try {
          return new URI(java.net.URLDecoder.decode(p.substring(13), StandardCharsets.UTF_8));
        } catch (java.net.URISyntaxException | IllegalArgumentException e) {
          return null;
        }
      }
    }
    return null;
  }

  // -------------------------------------------------------------------------------------------- CORS

  private void cors(URI url, Page login) {
    String frontend = requireNonNull(config.frontendOrigin());
    URI front = URI.create(frontend.endsWith("/") ? frontend : frontend + "/");
    List<String> requested = new ArrayList<>();
    requested.add("content-type");
    Csrf csrf = csrf(login);
    if (csrf.header() != null && csrf.value() != null) requested.add(csrf.header().toLowerCase(Locale.ROOT));
    if (authorization != null) requested.add("authorization");
    List<HeaderField> pre = List.of(
        new HeaderField("Origin", Hosts.origin(front)),
        new HeaderField("Sec-Fetch-Mode", "cors"),
        new HeaderField("Access-Control-Request-Method", "POST"),
        new HeaderField("Access-Control-Request-Headers", String.join(",", requested)));
    // A preflight never carries cookies (Fetch §4.8).
    send("CORS preflight from " + Hosts.origin(front), "OPTIONS", url, pre, null, null, false);
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Origin", Hosts.origin(front)), new HeaderField("Accept", "application/json")));
    h.addAll(auth());
    Sent s = send("CORS credentialed GET from " + Hosts.origin(front), "GET", url, h, null,
        RequestContext.subresource("GET", front), true);
    sessionCheckQuiet(s);
  }

  private void sessionCheckQuiet(Sent s) {
    // The CORS request's own verdict is shown in the trace only; it is not a session measurement.
    Verdict v = verdict(s.exchange(), config.base());
    annotate(s.exchange().step(), v.verdict(), v.reason());
  }

  // ------------------------------------------------------------------------------------------ logout

  private void logout(Page login, URI landing, @Nullable HttpExchange protectedPage, @Nullable String preLogout) {
    URI u = url(requireNonNull(config.logout()));
    String method = config.logoutMethod().toUpperCase(Locale.ROOT);
    List<HeaderField> h = new ArrayList<>();
    byte[] body = null;
    String tokenSource = null;
    String sentAs = null;
    if (method.equals("POST")) {
      h.add(new HeaderField("Origin", Hosts.origin(landing)));
      h.add(new HeaderField("Referer", landing.toString()));
      Map<String, String> fields = new LinkedHashMap<>();
      if (protectedPage != null) {
        for (Html.Form f : Html.forms(protectedPage.body())) {
          if (!f.action().isEmpty() && samePath(landing.resolve(f.action().strip()), u)) {
            for (Html.Input i : f.hidden()) fields.put(i.name(), i.value());
          }
        }
        for (String n : fields.keySet()) if (Csrf.fieldLike(n)) { tokenSource = "hidden input " + n + " of the logout form"; sentAs = "field " + n; }
      }
      Csrf c = csrf(new Page(landing, protectedPage != null ? protectedPage : login.exchange()));
      if (c.value() != null) {
        if (tokenSource == null) tokenSource = c.source();
        if (c.header() != null) {
          h.add(new HeaderField(c.header(), c.value()));
          sentAs = (sentAs == null ? "" : sentAs + ", ") + "header " + c.header();
        }
        if (c.field() != null && !fields.containsKey(c.field())) {
          fields.put(c.field(), c.value());
          sentAs = (sentAs == null ? "" : sentAs + ", ") + "field " + c.field();
        }
      }
      h.add(new HeaderField("Content-Type", "application/x-www-form-urlencoded"));
      body = formEncode(fields).getBytes(StandardCharsets.UTF_8);
    }
    Chain c = follow("logout", method, u, h, body, landing, RequestContext.navigation(method, landing), false);
    HttpExchange first = c.exchanges().get(0);
    if (method.equals("POST")) {
      add(new CsrfAttempt(first.step(), "logout", u, Hosts.origin(landing), tokenSource, sentAs, first.status(),
          refusal(first), serverSaid(first)));
    }
    Sent after = send("after logout", "GET", landing, List.of(), null, RequestContext.typed(), false);
    sessionCheck(after, Purpose.AFTER_LOGOUT, "public", login.url());
    if (preLogout != null) {
      // Twice: behind a load balancer one replay may hit an instance that never knew the session. Raw
      // replays, independent of each other: sent at once.
      List<Runnable> replays = new ArrayList<>();
      for (int i = 1; i <= 2; i++) {
        int n = i;
        replays.add(() -> {
          Sent r = send("replay the pre-logout Cookie header (" + n + "/2)", "GET", landing,
              List.of(new HeaderField("Cookie", preLogout)), null, null, false);
          sessionCheck(r, Purpose.LOGOUT_REPLAY, "public", login.url());
        });
      }
      concurrently(replays);
    }
  }

  // ------------------------------------------------------------------------------------ http → https

  /**
   * Runs {@code --restart-command} (as a deploy restarts the app), then replays the protected route with
   * the browser's cookies. The command's output is not read (it may print secrets); only its exit code
   * and duration are recorded.
   */
  private void restart(URI landing, URI loginPage, @Nullable String instanceSession) {
    String cmd = requireNonNull(config.restartCommand());
    long start = System.nanoTime();
    Duration left = Duration.between(Instant.now(), deadline);
    String outcome;
    try {
      Process p = new ProcessBuilder("sh", "-c", cmd)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .start();
      if (!p.waitFor(Math.max(1, left.toMillis()), java.util.concurrent.TimeUnit.MILLISECONDS)) {
        p.descendants().forEach(ProcessHandle::destroy);
        p.destroy();
        outcome = "still running at --max-time: stopped";
      } else {
        outcome = "exit " + p.exitValue();
      }
    } catch (IOException e) {
      outcome = "could not start: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return;
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    note("restart", "--restart-command ran for " + ms + " ms: " + outcome);
    if (!outcome.equals("exit 0")) {
      problems.add(new Problem("restart", "--restart-command " + outcome + "; the session was not replayed after it"));
      return;
    }
    if (overTime()) return;
    Sent s = send("after restart: protected " + landing.getRawPath(), "GET", landing, auth(), null, RequestContext.typed(), true);
    sessionCheck(s, Purpose.AFTER_RESTART, "public", loginPage);
    // Each instance again: one that accepted the session before and refuses it now changed its key with
    // its process (a key generated at start-up).
    if (!config.instances().isEmpty() && !overTime()) instances(landing, instanceSession, loginPage, Purpose.AFTER_RESTART);
  }

  /**
   * {@code PING} to the store the app uses (no password: a store that wants one answers NOAUTH): right after
   * the login, so a login that failed and a store that does not answer are seen together.
   */
  private void storePing(URI store) {
    int step = steps.incrementAndGet();
    if (store.getRawUserInfo() != null) redactor.remember(store.getRawUserInfo());
    String shown = redactor.url(store.toString());
    String host = requireNonNull(store.getHost());
    int port = store.getPort() >= 0 ? store.getPort() : 6379;
    long start = System.nanoTime();
    String reply;
    boolean pong = false;
    var pinned = http.options().resolveFor(host, port);
    String address = pinned.map(r -> r.address()).orElse(host);
    if (pinned.isEmpty() && !Hosts.isLoopback(host) && config.onlyResolvedHosts()) {
      reply = "not contacted: " + host + ":" + port + " is not pinned by --resolve";
    } else {
      int timeout = (int) Math.max(1, Math.min(3000, Duration.between(Instant.now(), deadline).toMillis()));
      try (java.net.Socket socket = new java.net.Socket()) {
        socket.connect(new java.net.InetSocketAddress(address, port), timeout);
        socket.setSoTimeout(timeout);
        var out = socket.getOutputStream();
        var in = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out.write(resp(List.of("PING")));
        out.flush();
        String line = in.readLine();
        reply = line == null ? "connection closed without a reply" : line.length() > 200 ? line.substring(0, 200) : line;
        // A store that wants a password answers too: reachable, which is all the ping decides.
        pong = "+PONG".equals(reply) || reply.startsWith("-NOAUTH") || reply.startsWith("-ERR operation not permitted");
        if ("+PONG".equals(reply)) reply = "PONG";
      } catch (java.net.SocketTimeoutException e) {
        reply = "timed out after " + timeout + " ms";
      } catch (java.net.ConnectException e) {
        reply = "connection refused";
      } catch (IOException e) {
        reply = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      }
    }
    long ms = (System.nanoTime() - start) / 1_000_000;
    reply = redactor.scrub(reply);
    synchronized (this) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", step);
      json.put("label", "store ping");
      json.put("note", shown + ": " + reply + " (" + ms + " ms)");
      trace.add(new Step(json, List.of("store ping " + shown + ": " + reply + " (" + ms + " ms)")));
    }
    add(new StorePing(step, shown, pong, reply, ms));
  }

  /** Whether a request with the session was answered as signed out (an instance, the route, a reload). */
  private synchronized boolean refused() {
    return observations.stream().anyMatch(o -> o instanceof SessionCheck s && s.sessionCookie() != null
        && s.verdict() == SessionCheck.Verdict.LOGGED_OUT
        && (s.purpose() == Purpose.INSTANCE || s.purpose() == Purpose.PROTECTED || s.purpose() == Purpose.REFRESH));
  }

  /**
   * Looks the session some request refused up in the store ({@code EXISTS} on the key its library would use),
   * right after the instances answered and before logout or a restart could remove it. The id and the keys
   * are secrets: only their fingerprints are shown.
   */
  private void storeLookup(ProbeConfig.Store store, String sessionHeader) {
    Map.Entry<String, String> cookie = sessionCookie(sessionHeader);
    if (cookie == null) return;
    var derived = SessionStoreKeys.of(cookie.getKey(), cookie.getValue(), store.keyPrefix()).orElse(null);
    if (derived == null) return;
    int step = steps.incrementAndGet();
    URI url = store.url();
    String shown = redactor.url(url.toString());
    redactor.remember(derived.id());
    derived.candidates().forEach(c -> redactor.remember(c.key()));
    List<StoreLookup.Key> keys = new ArrayList<>();
    String failure = null;
    if (derived.candidates().isEmpty()) {
      failure = "no key convention known for cookie " + cookie.getKey() + ": give the app's key prefix with --store-prefix";
    } else {
      String host = requireNonNull(url.getHost());
      int port = url.getPort() >= 0 ? url.getPort() : 6379;
      var pinned = http.options().resolveFor(host, port);
      String address = pinned.map(r -> r.address()).orElse(host);
      int db = 0;
      String path = url.getPath() == null ? "" : url.getPath().replaceFirst("^/", "");
      if (path.matches("\\d{1,5}")) db = Integer.parseInt(path);
      if (pinned.isEmpty() && !Hosts.isLoopback(host) && config.onlyResolvedHosts()) {
        failure = "not contacted: " + host + ":" + port + " is not pinned by --resolve";
      } else {
        int timeout = (int) Math.max(1, Math.min(3000, Duration.between(Instant.now(), deadline).toMillis()));
        var answer = RedisExists.exists(address, port, db,
            derived.candidates().stream().map(SessionStoreKeys.Candidate::key).toList(), timeout);
        failure = answer.failure() == null ? null : redactor.scrub(answer.failure());
        for (int i = 0; i < answer.exists().size(); i++) {
          var c = derived.candidates().get(i);
          keys.add(new StoreLookup.Key(c.convention(), c.prefix(), redactor.secret(c.key()), answer.exists().get(i)));
        }
      }
    }
    StoreLookup lookup = new StoreLookup(step, shown, cookie.getKey(), derived.signedId(), store.keyPrefix() != null,
        keys, failure);
    List<String> lines = new ArrayList<>();
    if (failure != null) lines.add("store lookup " + shown + " (session cookie " + cookie.getKey() + "): " + failure);
    for (StoreLookup.Key k : keys) {
      lines.add("store lookup " + shown + ": EXISTS " + k.key() + " (the key " + k.prefix() + "‹session id›, "
          + k.convention() + ") → " + (k.exists() ? "1, found" : "0, not there"));
    }
    synchronized (this) {
      Map<String, Object> json = new LinkedHashMap<>();
      json.put("step", step);
      json.put("label", "store lookup");
      json.put("note", String.join("; ", lines));
      trace.add(new Step(json, lines));
    }
    add(lookup);
  }

  private static byte[] resp(List<String> args) {
    StringBuilder sb = new StringBuilder("*" + args.size() + "\r\n");
    for (String a : args) sb.append('$').append(a.getBytes(StandardCharsets.UTF_8).length).append("\r\n").append(a).append("\r\n");
    return sb.toString().getBytes(StandardCharsets.UTF_8);
  }

  private void plainHttp(URI loginPage) {
    if (!"https".equalsIgnoreCase(loginPage.getScheme()) || Hosts.port(loginPage) != 443) return;
    URI u = URI.create("http://" + loginPage.getHost() + "/");
    if (!allowed(u)) return;
    send("http → https?", "GET", u, List.of(), null, RequestContext.typed(), false);
  }

  // ------------------------------------------------------------------------------- sending, recording

  /** One request and its response, and the step it was recorded as. */
  private record Sent(HttpExchange exchange) {}

  /** The exchanges of a request and its followed redirects. */
  private record Chain(List<HttpExchange> exchanges, URI finalUrl, boolean loop) {
    HttpExchange last() {
      return exchanges.get(exchanges.size() - 1);
    }

    int hops() {
      return exchanges.size() - 1;
    }
  }

  /**
   * Sends a request and follows its redirects by hand, each hop through the cookie jar: 301/302/303
   * turn a POST into a GET without body, 307/308 keep both; at most {@link #MAX_HOPS} hops; never to a
   * host {@link #allowed} refuses.
   */
  private Chain follow(String label, String method, URI url, List<HeaderField> headers, byte @Nullable [] body,
      @Nullable URI from, RequestContext ctx, boolean needed) {
    List<HttpExchange> out = new ArrayList<>();
    Sent s = send(label, method, url, headers, body, ctx, needed);
    out.add(s.exchange());
    URI current = url;
    String m = method;
    byte[] b = body;
    List<HeaderField> h = headers;
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
        h = h.stream().filter(f -> !f.is("Content-Type") && !f.is("Origin")).toList();
      }
      // A browser's redirect hop carries no page-set headers; only Referer survives (it is the initiator's).
      h = h.stream().filter(f -> f.is("Referer")).toList();
      // A redirect hop keeps the navigation's initiator (the same-site status of the whole chain).
      RequestContext hopCtx = from == null ? RequestContext.typed(m) : RequestContext.navigation(m, from);
      // After an https → http redirect the lost Secure cookies are redirect.https-downgrade's evidence, not
      // a second finding: the hop is sent as the browser would, its cookie decisions shown in the trace only.
      boolean downgrade = "https".equalsIgnoreCase(current.getScheme()) && "http".equalsIgnoreCase(next.getScheme());
      Sent next1 = send(label + " (redirect " + hop + ")", m, next, h, b, hopCtx, needed, !downgrade);
      out.add(next1.exchange());
      current = next;
    }
  }

  /**
   * Sends one request. With a context, the jar decides the Cookie header and receives the Set-Cookie
   * lines; without one (a raw replay), the given headers go as they are and the jar is left alone.
   */
  private Sent send(String label, String method, URI url, List<HeaderField> headers, byte @Nullable [] body,
      @Nullable RequestContext ctx, boolean needed) {
    return send(label, method, url, headers, body, ctx, needed, true);
  }

  private Sent send(String label, String method, URI url, List<HeaderField> headers, byte @Nullable [] body,
      @Nullable RequestContext ctx, boolean needed0, boolean recordSends) {
    int step = nextStep();
    // The app's cookies are not meant for the OAuth provider's pages: not sending them there is no fault.
    boolean needed = needed0 && !providers.contains(String.valueOf(url.getRawAuthority()).toLowerCase(Locale.ROOT));
    List<HeaderField> h = new ArrayList<>(headers);
    SendResult sent = null;
    if (ctx != null) {
      synchronized (jar) {
        sent = jar.send(url, ctx);
      }
      if (!sent.decisions().isEmpty() && recordSends) add(new CookieSendEvent(step, url, ctx, needed, sent));
      sent.cookieHeader().ifPresent(v -> h.add(new HeaderField("Cookie", v)));
      // What Chromium says about the request's mode: CORS checks look only at cors-mode requests.
      if (h.stream().noneMatch(f -> f.is("Sec-Fetch-Mode"))) {
        h.add(new HeaderField("Sec-Fetch-Mode", ctx.context() == authdoctor.cookie.Context.SUBRESOURCE ? "cors" : "navigate"));
      }
    }
    HttpExchange x;
    if (!allowed(url)) {
      x = new HttpExchange(step, label, method, url, h, 0, "", List.of(), "", false, java.time.Duration.ZERO, null,
          "not requested: " + url.getHost() + ":" + Hosts.port(url) + " is not pinned by --resolve");
    } else {
      // Bounded by what is left of --max-time too: a slow answer late in the run cannot stretch it.
      x = http.send(new HttpRequestSpec(step, label, method, url, h, body), deadline);
      if (!x.answered()) overTime();
    }
    add(x);
    List<CookieSetEvent> sets = new ArrayList<>();
    List<String> lines = x.responseHeaders("Set-Cookie");
    if (ctx != null && !lines.isEmpty()) {
      List<SetResult> rs;
      synchronized (jar) {
        rs = jar.receive(url, lines, ctx, date(x));
      }
      for (int i = 0; i < lines.size(); i++) {
        redactor.remember(rs.get(i).parsed().value());
        SetResult r = rs.get(i);
        // A logout deleting a cookie the browser never had (it refused it at login) is not a cookie
        // "expired on arrival": the refusal is already reported where it happened.
        boolean idleDeletion = label.startsWith("logout") && Boolean.FALSE.equals(r.deleted())
            && authdoctor.cookie.CatalogIds.EXPIRED_ON_ARRIVAL.equals(r.finding());
        if (!idleDeletion) sets.add(new CookieSetEvent(step, url, ctx, lines.get(i), r));
      }
      sets.forEach(this::add);
    } else {
      for (String l : lines) {
        int eq = l.indexOf('=');
        int semi = l.indexOf(';');
        if (eq > 0) redactor.remember(l.substring(eq + 1, semi > eq ? semi : l.length()).strip());
      }
    }
    for (HeaderField f : h) if (f.is("Cookie")) for (String p : f.value().split(";")) {
      int eq = p.indexOf('=');
      if (eq > 0) redactor.remember(p.substring(eq + 1).strip());
    }
    record(x, ctx, sent, sets);
    return new Sent(x);
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

  /** Whether the probe may connect to this URL's host and port (see {@link ProbeConfig#onlyResolvedHosts}). */
  private boolean allowed(URI u) {
    String host = u.getHost();
    if (host == null) return false;
    int port = Hosts.port(u);
    var resolve = http.options().resolve();
    boolean pinned = http.options().resolveFor(host, port).isPresent();
    if (pinned) return true;
    if (Hosts.isLoopback(host)) return true;
    if (config.onlyResolvedHosts()) return false;
    // A host pinned on another port would otherwise leak to the system DNS.
    return resolve.stream().noneMatch(r -> r.host().equalsIgnoreCase(host));
  }

  private synchronized void add(Observation o) {
    observations.add(o);
  }

  private synchronized @Nullable HttpExchange exchange(int step) {
    for (Observation o : observations) if (o instanceof HttpExchange x && x.step() == step) return x;
    return null;
  }

  // ----------------------------------------------------------------------------------- bearer tokens

  /** The text at {@code path} (member names) of a JSON body, or null. */
  private static @Nullable String jsonAt(String body, List<String> path) {
    if (body.isBlank()) return null;
    try {
      com.fasterxml.jackson.databind.JsonNode n = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body);
      for (String k : path) {
        if (n == null || !n.isObject()) return null;
        n = n.get(k);
      }
      return n != null && n.isTextual() && !n.asText().isBlank() ? n.asText() : null;
    } catch (java.io.IOException e) {
      return null;
    }
  }

  /** The bearer token the client sends (from the login's answer or {@code -H}), or null. */
  private @Nullable String bearerToken() {
    String a = authorization;
    if (a == null || a.length() < 8 || !a.regionMatches(true, 0, "Bearer ", 0, 7)) return null;
    return a.substring(7).strip();
  }

  /** An API's refusal of the bearer token, with its RFC 6750 challenge. */
  private void bearerRefusal(HttpExchange x) {
    if (bearerToken() == null || !x.answered()) return;
    BearerChallenges.refusal(x.step(), x.url(), x.status(), x.responseHeader("WWW-Authenticate").orElse(null))
        .ifPresent(this::add);
  }

  /**
   * The bearer token: the APIs ({@code --api}) called with it, then the token read with the JWT
   * machinery — its claims, the issuer's discovery document and keys (or those given), and the APIs'
   * clocks from their {@code Date} headers — so the token checks can say why an API refuses it.
   */
  private void tokens(List<URI> protectedUrls, boolean fromLogin) {
    String token = requireNonNull(bearerToken());
    ProbeConfig.Tokens t = config.tokens();
    List<URI> apis = t.apis().stream().map(this::url).toList();
    for (URI api : apis) {
      if (overTime()) return;
      Sent s = send("api " + api.getRawPath(), "GET", api, auth(), null, RequestContext.subresource("GET", config.base()), true);
      bearerRefusal(s.exchange());
    }
    ParsedJwt parsed = JwtParser.parse(JwtParser.normalize(token), redactor);
    int tokenStep = steps.incrementAndGet();
    List<String> text = new ArrayList<>();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", tokenStep);
    json.put("label", "bearer token");
    if (fromLogin) {
      text.add("bearer token: the login answered a token, not a session cookie (a frontend waiting for a cookie "
          + "never gets one; it must send Authorization: Bearer)");
      json.put("source", "login answer");
      json.put("note", "the login answered a token, not a session cookie: a frontend waiting for a cookie never "
          + "gets one; it must send Authorization: Bearer");
    } else {
      text.add("bearer token: from -H Authorization");
      json.put("source", "-H Authorization");
    }
    if (!parsed.ok()) {
      text.add("  not a JWT (" + redactor.scrub(parsed.detail()) + "): an opaque token, only its issuer can introspect it");
      json.put("jwt", false);
      synchronized (this) {
        trace.add(new Step(json, text));
      }
      return;
    }
    JwtToken jt = requireNonNull(parsed.token());
    text.add("  alg " + jt.alg() + (jt.kid() == null ? "" : ", kid " + jt.kid()) + (jt.issuer() == null ? "" : ", iss " + jt.issuer())
        + (jt.expiresAt() == null ? "" : ", exp " + jt.expiresAt()));
    json.put("jwt", true);
    json.put("alg", jt.alg());
    json.put("kid", jt.kid());
    json.put("iss", jt.issuer());
    json.put("exp", jt.expiresAt() == null ? null : jt.expiresAt().toString());
    synchronized (this) {
      trace.add(new Step(json, text));
    }
    URI oidc = t.oidcIssuer();
    if (oidc == null && t.jwksUrl() == null && jt.issuer() != null && jt.issuer().matches("(?i)https?://.+")) {
      try {
        oidc = new URI(jt.issuer());
      } catch (java.net.URISyntaxException e) {
        oidc = null;
      }
    }
    if (oidc != null && !allowed(JwtCollector.discoveryUrl(oidc))) {
      note("bearer token", "the issuer " + redactor.url(oidc.toString()) + " is not pinned by --resolve: its discovery "
          + "document and keys are not read (give --oidc-issuer or --jwks-url)");
      oidc = null;
    }
    URI jwks = t.jwksUrl() != null && allowed(t.jwksUrl()) ? t.jwksUrl() : null;
    List<URI> servers = (apis.isEmpty() ? protectedUrls : apis).stream().filter(this::allowed).distinct().toList();
    JwtCollector.Request request = new JwtCollector.Request(parsed, t.issuer(), t.audience(), t.leeway(),
        "the local clock", jwks, oidc, List.of(), servers, List.of());
    JwtCollector.Collected c = new JwtCollector(redactor, clock, http).collect(request, tokenStep);
    int last = tokenStep;
    for (Observation o : c.observations()) {
      add(o);
      if (o instanceof HttpExchange x) {
        record(x, null, null, List.of());
        last = Math.max(last, x.step());
      }
    }
    int max = last;
    steps.updateAndGet(v -> Math.max(v, max));
    problems.addAll(c.problems());
  }

  // ------------------------------------------------------------------------------------------- OAuth

  /**
   * An OAuth / OIDC login as a browser does it: the app's start URL redirects to the provider's
   * authorization endpoint (the request is recorded: redirect_uri, state, nonce, PKCE); with
   * {@code --idp-user} the provider's login form is filled in and the provider's answer followed back to
   * the redirect_uri — a cross-site top-level navigation (GET for {@code query}, POST for
   * {@code form_post}), so the cookie model decides what the callback carries.
   */
  private void oauth(ProbeConfig.OAuthStart o) {
    if (o.idpPassword() != null) redactor.remember(o.idpPassword());
    if (o.expectRedirectUri() != null) add(new RedirectUriExpectation(o.expectRedirectUri(), "--expect-redirect-uri"));
    if (config.tokens().oidcIssuer() != null) discovery(config.tokens().oidcIssuer());
    URI start = url(o.start());
    Sent s = send("oauth start", "GET", start, List.of(), null, RequestContext.typed(), true);
    if (!s.exchange().answered()) return;
    AuthorizationRequest a = AuthorizationRequest.redirectedTo(s.exchange()).orElse(null);
    if (a == null) {
      problems.add(new Problem("oauth", "--oauth-start " + redactor.url(start.toString()) + " answered " + s.exchange().status()
          + ", not a redirect to an authorization request (response_type, client_id)"));
      return;
    }
    providers.add(String.valueOf(a.url().getRawAuthority()).toLowerCase(Locale.ROOT));
    if (!allowed(a.url())) {
      note("oauth provider", "not followed: " + redactor.url(a.url().toString()) + " is outside the deployment (not pinned by --resolve)");
      return;
    }
    // The redirect hop of the start navigation: the browser arrives on the provider's login page.
    Chain idp = follow("oauth provider", "GET", a.url(), List.of(), null, null, RequestContext.typed(), true);
    if (o.idpUser() == null || overTime()) return;
    URI pageUrl = idp.finalUrl();
    Html.Form form = Html.forms(idp.last().body()).stream()
        .filter(f -> f.method().equals("POST") && (f.user().isPresent() || f.password().isPresent())).findFirst().orElse(null);
    if (form == null) {
      problems.add(new Problem("oauth", "the provider's page " + redactor.url(pageUrl.toString())
          + " has no login form the probe can fill in; the callback was not reached"));
      return;
    }
    Map<String, String> fields = new LinkedHashMap<>();
    for (Html.Input i : form.hidden()) fields.put(i.name(), i.value());
    form.user().ifPresent(i -> fields.put(i.name(), o.idpUser()));
    form.password().ifPresent(i -> fields.put(i.name(), Optional.ofNullable(o.idpPassword()).orElse("")));
    URI action = form.action().isBlank() ? pageUrl : pageUrl.resolve(form.action().strip());
    List<HeaderField> headers = List.of(new HeaderField("Content-Type", "application/x-www-form-urlencoded"),
        new HeaderField("Origin", Hosts.origin(pageUrl)), new HeaderField("Referer", pageUrl.toString()));
    Chain back = follow("oauth provider login", "POST", action, headers, formEncode(fields).getBytes(StandardCharsets.UTF_8),
        pageUrl, RequestContext.navigation("POST", pageUrl), true);
    // form_post: the provider answers a page whose form posts code and state to the redirect_uri.
    HttpExchange last = back.last();
    if (last.answered() && !last.isRedirect() && !a.isCallback(back.finalUrl())) {
      Html.Form post = Html.forms(last.body()).stream().filter(f -> f.method().equals("POST")).findFirst().orElse(null);
      if (post != null && !post.action().isBlank()) {
        URI cb = back.finalUrl().resolve(post.action().strip());
        Map<String, String> f = new LinkedHashMap<>();
        for (Html.Input i : post.inputs()) f.put(i.name(), i.value());
        if (allowed(cb)) {
          follow("oauth callback (form_post)", "POST", cb, List.of(new HeaderField("Content-Type", "application/x-www-form-urlencoded"),
                  new HeaderField("Origin", Hosts.origin(back.finalUrl()))), formEncode(f).getBytes(StandardCharsets.UTF_8),
              back.finalUrl(), RequestContext.navigation("POST", back.finalUrl()), true);
        }
      }
    }
  }

  /** The provider's OIDC discovery document (a server-side fetch: no browser cookies). */
  private void discovery(URI issuer) {
    URI d = JwtCollector.discoveryUrl(issuer);
    if (!allowed(d)) {
      note("OIDC discovery", "not requested: " + redactor.url(d.toString()) + " is not pinned by --resolve");
      return;
    }
    send("OIDC discovery", "GET", d, List.of(new HeaderField("Accept", "application/json")), null, null, false);
  }

  // ------------------------------------------------------------------------------------------- trace

  private static final List<String> SHOWN_REQUEST =
      List.of("Host", "Origin", "Referer", "Cookie", "Authorization", "X-Forwarded-Proto", "X-Forwarded-Host",
          "Access-Control-Request-Method", "Access-Control-Request-Headers", "X-CSRFToken", "X-CSRF-Token", "X-XSRF-TOKEN");
  private static final List<String> SHOWN_RESPONSE =
      List.of("Location", "Set-Cookie", "Strict-Transport-Security", "WWW-Authenticate", "Access-Control-Allow-Origin",
          "Access-Control-Allow-Credentials", "Access-Control-Allow-Headers", "Access-Control-Allow-Methods", "Vary");

  /** {@code {"name", "value"}} in that order (JSON output must not depend on hash order). */
  private static Map<String, Object> header(String name, String value) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", name);
    m.put("value", value);
    return m;
  }

  private void record(HttpExchange x, @Nullable RequestContext ctx, @Nullable SendResult sent, List<CookieSetEvent> sets) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", x.step());
    json.put("label", x.label());
    json.put("method", x.method());
    json.put("url", redactor.url(x.url().toString()));
    json.put("status", x.status());
    json.put("error", x.error() == null ? null : redactor.scrub(x.error()));
    json.put("elapsed_ms", x.elapsed().toMillis());
    List<String> text = new ArrayList<>();
    text.add(x.label() + ": " + x.method() + " " + redactor.url(x.url().toString()) + " → "
        + (x.answered() ? String.valueOf(x.status()) : "no response (" + redactor.scrub(String.valueOf(x.error())) + ")"));
    List<Object> req = new ArrayList<>();
    for (HeaderField f : x.requestHeaders()) {
      if (SHOWN_REQUEST.stream().noneMatch(f::is)) continue;
      if (f.is("Host") && f.value().equalsIgnoreCase(x.url().getRawAuthority())) continue;
      String v = redactor.headerValue(f.name(), f.value());
      req.add(header(f.name(), v));
      text.add("  > " + f.name() + ": " + v);
    }
    json.put("request_headers", req);
    List<Object> resp = new ArrayList<>();
    for (HeaderField f : x.responseHeaders()) {
      if (SHOWN_RESPONSE.stream().noneMatch(f::is)) continue;
      String v = redactor.headerValue(f.name(), f.value());
      resp.add(header(f.name(), v));
      if (!f.is("Set-Cookie")) text.add("  < " + f.name() + ": " + v);
    }
    json.put("response_headers", resp);
    List<Object> withheld = new ArrayList<>();
    if (sent != null) {
      sent.decisions().stream().filter(d -> !d.sent() && authdoctor.cookie.Relevance.concerns(d.cookie(), x.url()))
          .forEach(d -> {
            String why = d.reason();
            withheld.add(ordered("name", d.cookie().name(), "reason", why, "finding", d.finding()));
            text.add("    ✗ " + d.cookie().name() + " not sent: " + why + (d.finding() == null ? "" : " → " + d.finding()));
          });
    }
    json.put("cookies_withheld", withheld);
    List<Object> set = new ArrayList<>();
    for (CookieSetEvent e : sets) {
      SetResult r = e.result();
      String verdict = r.verdict();
      set.add(ordered("name", r.name(), "stored", r.stored(), "deleted", r.deleted(), "verdict", verdict, "finding", r.finding()));
      text.add("  < Set-Cookie: " + redactor.setCookie(e.line()));
      text.add("    " + (r.stored() || Boolean.TRUE.equals(r.deleted()) ? "✓ " : "✗ ") + r.name() + " " + verdict
          + (r.finding() == null ? "" : " → " + r.finding()));
    }
    if (ctx == null) {
      for (String l : x.responseHeaders("Set-Cookie")) text.add("  < Set-Cookie: " + redactor.setCookie(l) + " (raw replay: not given to the browser model)");
    }
    json.put("cookies_set", set);
    json.put("context", ctx == null ? "raw (no browser model)" : ctx.context().name().toLowerCase(Locale.ROOT));
    synchronized (this) {
      trace.add(new Step(json, text));
    }
  }

  private synchronized void annotate(int step, SessionCheck.Verdict v, String reason) {
    for (int i = 0; i < trace.size(); i++) {
      Step s = trace.get(i);
      if (((Number) s.json().get("step")).intValue() != step) continue;
      Map<String, Object> json = new LinkedHashMap<>(s.json());
      String word = v.word();
      json.put("session", word);
      json.put("session_reason", redactor.scrub(reason));
      List<String> text = new ArrayList<>(s.text());
      text.add("  = " + word + " (" + redactor.scrub(reason) + ")");
      trace.set(i, new Step(json, text));
    }
  }

  private synchronized void note(String label, String message) {
    int step = steps.incrementAndGet();
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", step);
    json.put("label", label);
    json.put("note", message);
    trace.add(new Step(json, List.of(label + ": " + message)));
  }

  private static Map<String, Object> ordered(Object... kv) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) m.put((String) kv[i], kv[i + 1]);
    return m;
  }

  // ----------------------------------------------------------------------------------------- helpers

  /** A flag's PATH or URL, resolved against the base URL. */
  private URI url(String pathOrUrl) {
    return resolve(config.base(), pathOrUrl);
  }

  /** {@code pathOrUrl} against {@code base}: an absolute http(s) URL stays as it is. */
  public static URI resolve(URI base, String pathOrUrl) {
    String p = pathOrUrl.strip();
    URI u = base.resolve(p.startsWith("http://") || p.startsWith("https://") || p.startsWith("/") ? p : "/" + p);
    return u.getRawPath() == null || u.getRawPath().isEmpty() ? u.resolve("/") : u;
  }

  /** The path and query of {@code target} on another base ({@code --direct}, {@code --instance}). */
  private static URI onto(URI base, URI target) {
    String pq = (target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath())
        + (target.getRawQuery() == null ? "" : "?" + target.getRawQuery());
    String prefix = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
    return URI.create(base.getScheme() + "://" + base.getRawAuthority() + prefix + pq);
  }

  private static boolean samePath(URI a, URI b) {
    String pa = a.getRawPath() == null || a.getRawPath().isEmpty() ? "/" : a.getRawPath();
    String pb = b.getRawPath() == null || b.getRawPath().isEmpty() ? "/" : b.getRawPath();
    return pa.replaceAll("/+$", "").equals(pb.replaceAll("/+$", ""));
  }

  private static boolean sameSite(StoredCookie c, URI url) {
    return authdoctor.cookie.Relevance.concerns(c, url);
  }

  private static String formEncode(Map<String, String> fields) {
    StringBuilder sb = new StringBuilder();
    fields.forEach((k, v) -> {
      if (!sb.isEmpty()) sb.append('&');
      sb.append(URLEncoder.encode(k, StandardCharsets.UTF_8)).append('=').append(URLEncoder.encode(v, StandardCharsets.UTF_8));
    });
    return sb.toString();
  }

  private static String jsonEscape(String s) {
    StringBuilder sb = new StringBuilder();
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.toString();
  }
}
