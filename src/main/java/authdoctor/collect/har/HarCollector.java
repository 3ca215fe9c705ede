package authdoctor.collect.har;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.Lost;
import authdoctor.Redactor;
import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.jwt.BearerChallenges;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.collect.jwt.ParsedJwt;
import authdoctor.collect.jwt.ServerClocks;
import authdoctor.collect.probe.CsrfRefusals;
import authdoctor.collect.probe.SignedIn;
import authdoctor.cookie.CookieDecision;
import authdoctor.cookie.CookieHeader;
import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.internal.SteppingClock;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.BearerToken;
import authdoctor.observation.Collected;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.CsrfAttempt;
import authdoctor.observation.HarExport;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.LoopedRedirects;
import authdoctor.observation.Observation;
import authdoctor.observation.ServerClock;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StepNote;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Replays a browser's recording (a HAR file) through the shared browser session, entry by entry: each
 * request's cookies as the cookie model says the browser would send them in that request's context
 * ({@link HarContexts}), compared with the {@code Cookie} header the browser recorded; each response's
 * {@code Set-Cookie} lines given to the jar with the entry's URL and context. It records the observations
 * the probe records (exchanges, cookie events, the login, signed-in verdicts, bearer refusals, server
 * clocks, CSRF refusals), each at its {@link Location.HarEntryRef}, and where the recording visibly lost
 * the session ({@link Symptom}). A difference between the model and the recording is a note of the entry,
 * never silently resolved: a cookie the browser sent that the model never saw set is adopted (it came from
 * before the recording, or from the page's JavaScript) and said so.
 */
public final class HarCollector {
  /** A form or JSON field that carries a password ({@code password=}, {@code "pass":}, {@code user[pwd]=}). */
  static final Pattern PASSWORD_FIELD =
      Pattern.compile("(?i)(?:^|[&{,\\s\"])[\\w.\\[\\]-]*(?:passw|pwd|passwd|pass)[\\w.\\]-]*\"?\\s*[=:]");

  private static final Pattern LOGOUT = Pattern.compile("(?i).*/(logout|log-out|log_out|signout|sign-out|sign_out|logoff)(\\b.*|$)");
  private static final Pattern TOKEN_IN_BODY = Pattern.compile("\"(access_token|id_token|token|jwt)\"\\s*:\\s*\"");
  private static final Pattern SESSION_NAME = Pattern.compile("(?i).*(sess|sid|auth|token|jwt|connect\\.sid|remember).*");
  /** Response headers a report or a check reads; the others are dropped to keep memory flat. */
  private static final Set<String> KEPT_RESPONSE = Set.of("location", "set-cookie", "www-authenticate", "vary", "date",
      "strict-transport-security", "age", "x-cache", "x-cache-status", "cf-cache-status", "cache-control", "content-type",
      "access-control-allow-origin", "access-control-allow-credentials", "access-control-allow-headers",
      "access-control-allow-methods", "access-control-expose-headers");
  private static final Set<String> STATIC_TYPES = Set.of("image", "stylesheet", "script", "font", "media", "manifest",
      "texttrack", "imageset");
  /** Bytes of a kept body: enough for the checks that quote a refusal page. */
  private static final int KEPT_BODY = 4096;
  /** Differences between the model and the recording kept per file (each is a note and an evidence). */
  private static final int MAX_DIFFERENCES = 200;
  private static final int SAMPLES_PER_HOST = 3;
  /** Redirects Chromium follows before it gives up ("too many redirects", net::ERR_TOO_MANY_REDIRECTS). */
  static final int MAX_REDIRECTS = 20;
  /** Redirect chains followed at once (tabs, frames); more are not tracked. */
  private static final int MAX_CHAINS = 1000;

  private final Redactor redactor;
  private final SteppingClock clock = new SteppingClock(Instant.EPOCH);
  private final BrowserSession browser = new BrowserSession(clock);
  private final HarContexts contexts = new HarContexts();
  private final List<Observation> observations = new ArrayList<>();
  private final List<HarSteps.View> views = new ArrayList<>();
  private final Map<String, List<ServerClock.Sample>> clocks = new LinkedHashMap<>();
  private final Map<String, Integer> clockEntry = new LinkedHashMap<>();
  private final Set<String> adopted = new LinkedHashSet<>();
  private int differences;
  private int withCookie;
  private int withSetCookie;
  private int withAuthorization;
  private int logins;
  private int firstLogin = -1;
  private int leftOut;
  private int redirects;
  private int wholeRedirects;
  private HeaderBytes.Fit loginFit = HeaderBytes.Fit.UNKNOWN;
  /** Redirect chains being followed, by the URL their last hop points to: each hop's entry and its redirect. */
  private final Map<String, List<Hop>> chains = new LinkedHashMap<>();

  // What the user's session looks like so far.
  private @Nullable String appSite;
  private @Nullable URI loginPage;
  private boolean signedIn;
  private boolean established;
  private boolean loggedOut;
  private Map.@Nullable Entry<String, String> preLogout;
  /** Paths answered signed in before logout: after logout only these say whether the old session still works. */
  private final Set<String> signedInPaths = new LinkedHashSet<>();
  private @Nullable Symptom symptom;
  private @Nullable Symptom loginFailure;
  private @Nullable String token;
  private int tokenEntry = -1;
  private boolean tokenRecorded;
  private @Nullable Instant tokenRefusedAt;
  private @Nullable Instant tokenLastSent;
  private @Nullable Instant last;
  private @Nullable HarFormatException bad;

  public HarCollector(Redactor redactor) {
    this.redactor = requireNonNull(redactor);
  }

  /**
   * What the replay saw.
   *
   * @param collected the observations (each at its HAR entry), no trace yet: the command adds it once the loss
   *     is known ({@link HarSteps})
   * @param views one line of the timeline per entry kept
   * @param symptom where the session visibly went wrong, null when it did not
   * @param judgedAt the instant the token checks judge at: the first refusal of the bearer token, else the
   *     last time it was sent, else the last entry
   */
  public record Result(Collected collected, HarReader.Log log, List<HarSteps.View> views, @Nullable Symptom symptom,
      Instant judgedAt, HarExport export) {}

  /** Reads and replays the file; a file that is not a HAR is one line naming where. */
  public Result collect(InputStream in) throws HarFormatException, IOException {
    HarReader.Log log = HarReader.read(in, e -> {
      if (bad == null) entry(e);
    });
    if (bad != null) throw bad;
    loops();
    if (symptom == null) symptom = loginFailure;
    for (Map.Entry<String, List<ServerClock.Sample>> c : clocks.entrySet()) {
      int entry = clockEntry.get(c.getKey());
      ServerClock s = ServerClocks.estimate(entry + 1, URI.create(c.getKey()), c.getValue());
      observations.add(new ServerClock(s.step(), s.url(), s.samples(), s.offsetLow(), s.offsetHigh(), s.consistent(),
          new Location.HarEntryRef(entry)));
    }
    String[] creatorBrowser = {log.creator(), log.browser()};
    HarExport export = new HarExport(creatorBrowser[0], creatorBrowser[1], log.entries(), withCookie, withSetCookie,
        withAuthorization, logins, log.entries() == 0 ? null : new Location.HarEntryRef(Math.max(0, firstLogin)), leftOut,
        logins > 0 ? loginFit == HeaderBytes.Fit.WHOLE : redirects > 0 && wholeRedirects * 2 > redirects);
    observations.add(export);
    List<HarSteps.View> shown = views;
    if (export.sanitized()) {
      // Without any Cookie header, "the model would send it" says nothing about the browser: drop those notes;
      // and a login "answered without a cookie" is only the export's doing: no cookie verdict is guessed.
      observations.removeIf(o -> o instanceof StepNote n && n.label().equals("model") || o instanceof LoginAttempt);
      shown = views.stream().map(HarSteps.View::withoutDifferences).toList();
    }
    Instant judged = tokenRefusedAt != null ? tokenRefusedAt : tokenLastSent != null ? tokenLastSent
        : last != null ? last : Instant.EPOCH;
    return new Result(new Collected(observations, List.of()), log, shown, symptom, judged, export);
  }

  private void entry(HarEntry e) {
    URI url = HarContexts.uri(e.url());
    if (url == null) {
      if (e.url().startsWith("http://") || e.url().startsWith("https://")) {
        bad = new HarFormatException("log.entries[" + e.index() + "].request.url: not a URL");
      }
      return; // data:, blob:, chrome-extension: — not a request the cookie model sees
    }
    if (e.started().isAfter(clock.instant())) clock.advance(Duration.between(clock.instant(), e.started()));
    last = e.started();
    int i = e.index();
    int step = i + 1;
    Location at = new Location.HarEntryRef(i);
    String recorded = recordedCookies(e);
    if (recorded != null) withCookie++;
    List<String> setLines = e.setCookieLines();
    if (!setLines.isEmpty()) withSetCookie++;
    String authorization = e.requestHeader("Authorization").orElse(null);
    if (authorization != null) withAuthorization++;
    boolean login = e.method().equals("POST") && e.postData() != null && PASSWORD_FIELD.matcher(e.postData()).find();
    HeaderBytes.Fit fit = HeaderBytes.of(e);
    if (fit == HeaderBytes.Fit.LEFT_OUT) leftOut++;
    if (login && logins++ == 0) {
      firstLogin = i;
      loginFit = fit;
    }
    remember(recorded, setLines, authorization, e.postData(), login);

    HarContexts.Kind kind = contexts.of(e, url);
    RequestContext ctx = kind instanceof HarContexts.Cookies c ? c.context() : null;
    boolean document = kind instanceof HarContexts.Cookies c && c.document();
    List<String> notes = new ArrayList<>();
    SendResult agreed = null;
    List<HarSteps.Withheld> withheld = new ArrayList<>();
    List<String> sentNames = new ArrayList<>();
    CookieJar jar = browser.jar();
    if (ctx != null) {
      SendResult model = jar.send(url, ctx);
      agreed = compare(e, url, model, recorded, notes, withheld, sentNames);
    }

    // The response: Set-Cookie through the jar in the request's context; a cached answer sets nothing.
    List<HarSteps.Set> sets = new ArrayList<>();
    List<CookieSetEvent> setEvents = new ArrayList<>();
    Instant date = e.responseHeader("Date").flatMap(ServerClocks::parseDate).orElse(null);
    Map.Entry<String, String> before = sessionIn(jar, url);
    if (ctx != null && e.status() > 0 && e.fromCache() == null && !setLines.isEmpty()) {
      List<SetResult> results = jar.receive(url, setLines, ctx, date);
      for (int k = 0; k < results.size(); k++) {
        SetResult r = results.get(k);
        if (k < CookieSetEvent.KEPT_PER_RESPONSE) {
          setEvents.add(new CookieSetEvent(step, url, ctx, setLines.get(k), r, at));
          sets.add(new HarSteps.Set(r.name(), r.verdict(), r.finding()));
        }
      }
    }
    URI target = redirectTarget(e, url);
    if (ctx != null && target != null) contexts.redirected(ctx, target, e.status());
    chain(e, url, target);

    HttpExchange full = exchange(e, url, step, at, e.body());
    boolean isStatic = isStatic(e);
    boolean keep = !isStatic || !setLines.isEmpty() || e.status() >= 400 || e.status() == 0 || target != null
        || authorization != null;
    observations.addAll(setEvents);

    String verdictWord = null;
    String verdictReason = null;
    boolean neededSession = false;
    if (login) {
      loginAttempt(e, url, full, step, at, setLines, jar);
    } else if (!isStatic && ctx != null && e.status() > 0) {
      SignedIn.Verdict v = judge(e, url, full, document, recorded);
      if (v != null) {
        verdictWord = v.verdict().word();
        verdictReason = v.reason();
        neededSession = v.verdict() == SessionCheck.Verdict.LOGGED_OUT;
      }
    }
    if (agreed != null && !agreed.decisions().isEmpty()) {
      observations.add(new CookieSendEvent(step, url, ctx, neededSession, agreed, at));
    }
    if (authorization != null) bearer(e, url, step, at, authorization);
    csrf(e, url, step, at, full, login);
    foreign(e, url, step, at, before, jar, login);
    clockSample(e, url, date, recorded != null || authorization != null);
    if (keep) {
      observations.add(exchange(e, url, step, at, bounded(e)));
      for (String n : notes) observations.add(new StepNote(step, "model", n, at));
      views.add(new HarSteps.View(i, e.method(), redactor.url(url.toString()), e.status(), label(e, kind),
          sentNames, withheld, sets, notes, verdictWord, verdictReason == null ? null : redactor.scrub(verdictReason)));
    }
  }

  // ---------------------------------------------------------------- redirect chains

  /** One hop of a redirect chain: its entry, what it asked and got, and what the user would lose there. */
  private record Hop(int entry, String method, URI url, int status, URI target, Lost.Kind kind) {
    String redirect() {
      return method + " " + url + " " + status + " " + target;
    }
  }

  /** Follows redirect chains by {@code redirectURL}: an entry that requests where a chain pointed continues it. */
  private void chain(HarEntry e, URI url, @Nullable URI target) {
    if (e.fromCache() == null && e.status() >= 300 && e.status() < 400) {
      redirects++;
      if (HeaderBytes.of(e) == HeaderBytes.Fit.WHOLE) wholeRedirects++;
    }
    List<Hop> chain = chains.remove(url.toString());
    if (target == null) return;
    if (chain == null) chain = new ArrayList<>();
    Lost.Kind kind = !signedIn ? Lost.Kind.LOGIN_FAILED : established ? Lost.Kind.SESSION_DROPPED
        : Lost.Kind.SESSION_NEVER_ESTABLISHED;
    if (chain.size() < 4 * MAX_REDIRECTS) chain.add(new Hop(e.index(), e.method(), url, e.status(), target, kind));
    if (chains.size() < MAX_CHAINS || chains.containsKey(target.toString())) chains.put(target.toString(), chain);
  }

  /**
   * The chains the browser never finished (their last redirect was not followed by the end of the file) that came
   * back to a request with the same redirect, or ran past Chromium's limit: a loop the browser gave up on. The
   * loss is at the chain's last hop; a chain that came back to the same redirect is recorded as the probe records
   * it ({@link LoopedRedirects}, the hops' steps), for {@code redirect.loop}.
   */
  private void loops() {
    for (List<Hop> chain : chains.values()) {
      Set<String> seen = new LinkedHashSet<>();
      boolean repeats = false;
      for (Hop h : chain) repeats |= !seen.add(h.redirect());
      if (!repeats && chain.size() < MAX_REDIRECTS) continue;
      Hop first = chain.get(0);
      Hop lastHop = chain.get(chain.size() - 1);
      if (repeats) {
        observations.add(new LoopedRedirects(first.entry() + 1, chain.stream().map(h -> h.entry() + 1).toList(),
            new Location.HarEntryRef(first.entry())));
      }
      String what = "redirect loop: " + first.method() + " " + redactor.url(path(first.url())) + " → " + first.status()
          + " to " + redactor.url(first.target().toString()) + ", " + chain.size() + " redirects without a final answer"
          + " (the browser gives up: too many redirects)";
      if (symptom == null || symptom.entry() > lastHop.entry()) symptom = new Symptom(lastHop.entry(), lastHop.kind(), what, null, null);
    }
  }

  // ---------------------------------------------------------------- cookies: model against recording

  /**
   * Compares the model's Cookie header with the recorded one. Returns the decisions both agree on (what the
   * checks may read); every disagreement becomes a note.
   */
  private SendResult compare(HarEntry e, URI url, SendResult model, @Nullable String recorded, List<String> notes,
      List<HarSteps.Withheld> withheld, List<String> sentNames) {
    Map<String, String> sent = new LinkedHashMap<>();
    if (recorded != null) for (CookieHeader.Pair p : CookieHeader.parse(recorded)) sent.putIfAbsent(p.name(), p.value());
    List<CookieDecision> agree = new ArrayList<>();
    for (CookieDecision d : model.decisions()) {
      String name = d.cookie().name();
      boolean browserSent = sent.containsKey(name);
      if (d.sent() && browserSent) {
        agree.add(d);
        if (!sent.get(name).equals(d.cookie().value())) {
          note(notes, "cookie " + name + ": the browser sent another value than the jar holds (set by the page's "
              + "JavaScript, or by another tab)");
        }
      } else if (d.sent()) {
        if (recorded != null || e.requestHeader("Authorization").isEmpty()) {
          note(notes, "cookie " + name + ": the model sends it, the recording does not (blocked by a browser setting or "
              + "an extension, deleted by script, or a request made without credentials)");
        }
      } else if (browserSent) {
        note(notes, "cookie " + name + ": the browser sent it, the model withholds it (" + d.reason() + ")");
      } else {
        agree.add(d);
        if (d.finding() != null || !d.exclusions().isEmpty()) withheld.add(new HarSteps.Withheld(name, d.reason(), d.finding()));
      }
    }
    for (Map.Entry<String, String> s : sent.entrySet()) {
      sentNames.add(s.getKey());
      if (model.decisions().stream().anyMatch(d -> d.cookie().name().equals(s.getKey()))) continue;
      // Sent, yet never set in this recording: it predates the recording or a script set it. Adopt it, say so.
      if (adopted.add(url.getHost() + " " + s.getKey())) {
        note(notes, "cookie " + s.getKey() + ": sent, but not set by any earlier response of the recording (it "
            + "predates the recording, or the page's JavaScript set it); taken as the browser had it");
      }
      String line = s.getKey() + "=" + s.getValue() + "; Path=/" + ("https".equals(url.getScheme()) ? "; Secure" : "");
      browser.jar().receive(url, List.of(line), RequestContext.typed(), null);
    }
    return new SendResult(agree, model.cookieHeaderValue());
  }

  private void note(List<String> notes, String text) {
    if (differences >= MAX_DIFFERENCES) return;
    differences++;
    notes.add(text);
  }

  private static @Nullable String recordedCookies(HarEntry e) {
    List<String> headers = e.requestHeaders("Cookie");
    if (!headers.isEmpty()) return String.join("; ", headers);
    return e.requestCookies().isEmpty() ? null : String.join("; ", e.requestCookies());
  }

  /** Values the report must never show, declared to the redactor before anything is rendered. */
  private void remember(@Nullable String recorded, List<String> setLines, @Nullable String authorization,
      @Nullable String postData, boolean login) {
    if (recorded != null) for (CookieHeader.Pair p : CookieHeader.parse(recorded)) redactor.remember(p.value());
    for (String l : setLines) {
      int eq = l.indexOf('='), semi = l.indexOf(';');
      if (eq >= 0) redactor.remember(l.substring(eq + 1, semi > eq ? semi : l.length()).strip());
    }
    if (authorization != null) {
      String a = authorization.strip();
      int sp = a.indexOf(' ');
      redactor.credential(sp < 0 ? a : a.substring(sp + 1).strip());
    }
    if (login && postData != null) for (String secret : Secrets.passwords(postData)) redactor.credential(secret);
  }

  // ---------------------------------------------------------------- the user's session

  private void loginAttempt(HarEntry e, URI url, HttpExchange x, int step, Location at, List<String> setLines, CookieJar jar) {
    URI page = loginPage != null ? loginPage : HarContexts.uri(e.requestHeader("Referer").orElse(null));
    SignedIn.Outcome o = SignedIn.login(x, page != null ? page : url, redactor);
    boolean tokenReturned = TOKEN_IN_BODY.matcher(e.body()).find();
    List<String> names = setLines.stream().map(l -> l.contains("=") ? l.substring(0, l.indexOf('=')).strip() : l.strip()).toList();
    int stored = (int) jar.cookies().stream().filter(c -> site(c.domainWithoutDot()).equals(site(url.getHost()))).count();
    observations.add(new LoginAttempt(step, url, e.postMime() != null && e.postMime().contains("json") ? "json" : "form",
        e.status(), o.succeeded(), redactor.scrub(o.reason()), setLines.size(), names, stored, tokenReturned, at));
    appSite = site(url.getHost());
    if (o.succeeded()) {
      signedIn = true;
      established = false;
      loggedOut = false;
      loginFailure = null;
    } else if (loginFailure == null) {
      loginFailure = new Symptom(e.index(), Lost.Kind.LOGIN_FAILED, "login refused: " + redactor.scrub(o.reason()) + " on POST "
          + redactor.url(path(url)), null, null);
    }
  }

  private SignedIn.@Nullable Verdict judge(HarEntry e, URI url, HttpExchange x, boolean document, @Nullable String recorded) {
    boolean api = isApi(e);
    if (!document && !api) return null;
    Map.Entry<String, String> session = sessionOf(recorded);
    if (!signedIn) {
      // A recording that starts signed in: a session cookie sent and a signed-in answer.
      SignedIn.Verdict v = SignedIn.page(x, url, redactor);
      if (document && v.verdict() == SessionCheck.Verdict.LOGGED_OUT && v.reason().contains("login form")) loginPage = url;
      if (session == null || v.verdict() != SessionCheck.Verdict.LOGGED_IN) return v;
      signedIn = true;
      appSite = site(url.getHost());
    }
    if (appSite != null && !site(url.getHost()).equals(appSite)) return null;
    if (LOGOUT.matcher(url.getRawPath() == null ? "" : url.getRawPath()).matches() && !loggedOut) {
      loggedOut = true;
      preLogout = session != null ? session : sessionIn(browser.jar(), url);
      return null;
    }
    SignedIn.Verdict v = SignedIn.page(x, loginPage != null ? loginPage : url, redactor);
    if (document && e.status() >= 200 && e.status() < 300 && v.verdict() == SessionCheck.Verdict.LOGGED_OUT
        && Boolean.TRUE.equals(isLoginPath(url))) {
      return v; // the user opened the login page: no verdict on the session
    }
    SessionCheck.Purpose purpose = SessionCheck.Purpose.PROTECTED;
    // A public page (no login form, 200) after logout says nothing about the old session.
    if (loggedOut && !signedInPaths.contains(path(url))) return v;
    if (loggedOut) {
      boolean replay = preLogout != null && session != null && preLogout.getValue().equals(session.getValue());
      purpose = replay ? SessionCheck.Purpose.LOGOUT_REPLAY : SessionCheck.Purpose.AFTER_LOGOUT;
    }
    observations.add(new SessionCheck(e.index() + 1, purpose, "public", url, e.status(), v.verdict(), redactor.scrub(v.reason()),
        session == null ? null : session.getKey(), session == null ? null : session.getValue(),
        new Location.HarEntryRef(e.index())));
    String what = v.reason() + " on " + e.method() + " " + path(url);
    // Established: a signed-in answer to a request that carried the session (a public page proves nothing).
    if (!loggedOut && v.verdict() == SessionCheck.Verdict.LOGGED_IN && (session != null || e.requestHeader("Authorization").isPresent())) {
      established = true;
      if (signedInPaths.size() < 1000) signedInPaths.add(path(url));
    }
    if (!loggedOut && v.verdict() == SessionCheck.Verdict.LOGGED_OUT && symptom == null) {
      String sent = session == null ? null : "entry " + e.index() + " still carried the session cookie " + session.getKey();
      symptom = new Symptom(e.index(), established ? Lost.Kind.SESSION_DROPPED : Lost.Kind.SESSION_NEVER_ESTABLISHED,
          "signed out: " + redactor.url(what), null, sent);
    }
    if (purpose == SessionCheck.Purpose.LOGOUT_REPLAY && v.verdict() == SessionCheck.Verdict.LOGGED_IN && symptom == null) {
      symptom = new Symptom(e.index(), Lost.Kind.SESSION_SURVIVES_LOGOUT, "still signed in after logout: " + redactor.url(what),
          null, null);
    }
    return v;
  }

  private static @Nullable Boolean isLoginPath(URI url) {
    String p = url.getRawPath() == null ? "" : url.getRawPath().toLowerCase(Locale.ROOT);
    return p.contains("login") || p.contains("signin") || p.contains("sign-in") || p.contains("sign_in");
  }

  /** The session cookie of a Cookie header: a framework's name, or one that says session; never a CSRF cookie. */
  private static Map.@Nullable Entry<String, String> sessionOf(@Nullable String cookieHeader) {
    Map.Entry<String, String> s = authdoctor.collect.probe.SessionCookies.of(cookieHeader);
    if (s == null) return null;
    String n = s.getKey().toLowerCase(Locale.ROOT);
    if (n.contains("csrf") || n.contains("xsrf")) return null;
    return SESSION_NAME.matcher(n).matches() || authdoctor.framework.Frameworks.sessionCookieNames().stream()
        .anyMatch(k -> authdoctor.framework.Framework.matches(k, s.getKey())) ? s : null;
  }

  private Map.@Nullable Entry<String, String> sessionIn(CookieJar jar, URI url) {
    StringBuilder sb = new StringBuilder();
    for (StoredCookie c : jar.cookies()) {
      if (!site(c.domainWithoutDot()).equals(site(url.getHost()))) continue;
      if (!sb.isEmpty()) sb.append("; ");
      sb.append(c.name()).append('=').append(c.value());
    }
    return sb.isEmpty() ? null : sessionOf(sb.toString());
  }

  /** A response that replaced the session with another one, not for a login, from a cache: another user's session. */
  private void foreign(HarEntry e, URI url, int step, Location at, Map.@Nullable Entry<String, String> before, CookieJar jar,
      boolean login) {
    if (login || before == null || !signedIn || e.setCookieLines().isEmpty() || !cached(e)) return;
    Map.Entry<String, String> after = sessionIn(jar, url);
    if (after == null || !after.getKey().equals(before.getKey()) || after.getValue().equals(before.getValue())) return;
    observations.add(new SessionCheck(step, SessionCheck.Purpose.ANONYMOUS, "public", url, e.status(),
        SessionCheck.Verdict.LOGGED_IN, "a cached answer (" + cacheSign(e) + ") set " + after.getKey() + " to another session",
        after.getKey(), after.getValue(), at));
    if (symptom == null) {
      symptom = new Symptom(e.index(), Lost.Kind.FOREIGN_SESSION, "another session set by a cached answer on " + e.method() + " "
          + redactor.url(path(url)), null, null);
    }
  }

  private static boolean cached(HarEntry e) {
    return !cacheSign(e).isEmpty();
  }

  private static String cacheSign(HarEntry e) {
    for (String h : List.of("X-Cache", "X-Cache-Status", "CF-Cache-Status", "X-Proxy-Cache")) {
      String v = e.responseHeader(h).orElse("");
      if (v.toUpperCase(Locale.ROOT).contains("HIT")) return h + ": " + v.strip();
    }
    String age = e.responseHeader("Age").orElse("").strip();
    return age.matches("[1-9][0-9]*") ? "Age: " + age : "";
  }

  // ---------------------------------------------------------------- tokens, CSRF, clocks

  private void bearer(HarEntry e, URI url, int step, Location at, String authorization) {
    String a = authorization.strip();
    if (!a.regionMatches(true, 0, "Bearer ", 0, 7)) return;
    String t = a.substring(7).strip();
    if (!t.equals(token)) {
      token = t;
      tokenEntry = e.index();
      if (!tokenRecorded) {
        tokenRecorded = true;
        ParsedJwt parsed = JwtParser.parse(JwtParser.normalize(t), redactor);
        if (parsed.ok()) {
          observations.add(requireNonNull(parsed.token()));
          observations.add(new BearerToken(step, false, parsed.token(), null, at));
        } else {
          observations.add(new BearerToken(step, false, null, redactor.scrub(parsed.detail()), at));
        }
      }
    }
    tokenLastSent = e.started();
    if (e.status() != 401 && e.status() != 403) return;
    BearerRefusal r = BearerChallenges.refusal(step, url, e.status(), e.responseHeader("WWW-Authenticate").orElse(null))
        .orElse(new BearerRefusal(step, url, e.status(), e.responseHeader("WWW-Authenticate").orElse(""), null, null,
            BearerRefusal.Reason.OTHER));
    observations.add(new BearerRefusal(r.step(), r.url(), r.status(), r.challenge(), r.error(), r.description(), r.reason(), at));
    if (tokenRefusedAt == null) tokenRefusedAt = e.started();
    if (symptom == null || symptom.entry() == e.index()) {
      symptom = new Symptom(e.index(), Lost.Kind.TOKEN_REJECTED, "bearer token refused: " + e.status() + " on " + e.method() + " "
          + redactor.url(path(url)), tokenEntry, null);
    }
  }

  private void csrf(HarEntry e, URI url, int step, Location at, HttpExchange x, boolean login) {
    if (e.method().equals("GET") || e.method().equals("HEAD") || e.method().equals("OPTIONS")) return;
    CsrfAttempt.Refusal refusal = CsrfRefusals.of(e.status(), e.body());
    if (refusal == CsrfAttempt.Refusal.NONE) return;
    String sentAs = null;
    String body = e.postData() == null ? "" : e.postData().toLowerCase(Locale.ROOT);
    for (String f : List.of("csrfmiddlewaretoken", "_csrf", "csrf_token", "authenticity_token", "_token")) {
      if (body.contains(f + "=") || body.contains("\"" + f + "\"")) sentAs = "field " + f;
    }
    for (HeaderField h : e.requestHeaders()) {
      String n = h.name().toLowerCase(Locale.ROOT);
      if (n.contains("csrf") || n.contains("xsrf")) sentAs = (sentAs == null ? "" : sentAs + ", ") + "header " + h.name();
    }
    String said = CsrfRefusals.serverSaid(e.status(), e.body());
    observations.add(new CsrfAttempt(step, login ? "login" : "form", url, e.requestHeader("Origin").orElse(null), null, sentAs,
        e.status(), refusal, said == null ? null : redactor.scrub(said), at));
  }

  /** The server's {@code Date} against the recording browser's clock, for hosts that got the session. */
  private void clockSample(HarEntry e, URI url, @Nullable Instant date, boolean credentialed) {
    if (date == null || !credentialed) return;
    String origin = url.getScheme() + "://" + url.getRawAuthority() + "/";
    List<ServerClock.Sample> samples = clocks.computeIfAbsent(origin, k -> new ArrayList<>());
    clockEntry.putIfAbsent(origin, e.index());
    if (samples.size() >= SAMPLES_PER_HOST) return;
    Instant received = e.started().plusNanos((long) (e.time() * 1_000_000));
    samples.add(new ServerClock.Sample(e.started(), received, e.responseHeader("Date").orElse(""), date));
  }

  // ---------------------------------------------------------------- helpers

  private HttpExchange exchange(HarEntry e, URI url, int step, Location at, String body) {
    List<HeaderField> response = new ArrayList<>();
    for (HeaderField h : e.responseHeaders()) {
      if (KEPT_RESPONSE.contains(h.name().toLowerCase(Locale.ROOT))) response.add(h);
    }
    // HAR 1.2 redirectURL: some exports (Firefox's for some hops) have it without a Location header.
    if (!e.redirectUrl().isEmpty() && response.stream().noneMatch(h -> h.is("Location"))) {
      response.add(new HeaderField("Location", e.redirectUrl()));
    }
    return new HttpExchange(step, label(e, null), e.method(), url, e.requestHeaders(), e.status(), "", response, body,
        body.length() < e.body().length(), Duration.ofMillis((long) e.time()), null,
        e.status() == 0 ? "no response recorded (blocked, aborted or failed)" : null, null, List.of(), null, null, at);
  }

  private static String bounded(HarEntry e) {
    return e.body().length() <= KEPT_BODY ? e.body() : e.body().substring(0, KEPT_BODY);
  }

  private static @Nullable URI redirectTarget(HarEntry e, URI url) {
    if (e.status() < 300 || e.status() >= 400) return null;
    String t = !e.redirectUrl().isEmpty() ? e.redirectUrl() : e.responseHeader("Location").orElse("");
    if (t.isEmpty()) return null;
    try {
      return HarContexts.uri(url.resolve(t.strip()).toString());
    } catch (IllegalArgumentException ex) {
      return null;
    }
  }

  private static boolean isStatic(HarEntry e) {
    String type = e.resourceType() == null ? "" : e.resourceType().toLowerCase(Locale.ROOT);
    if (!type.isEmpty()) return STATIC_TYPES.contains(type);
    String dest = e.requestHeader("Sec-Fetch-Dest").orElse("").toLowerCase(Locale.ROOT);
    if (Set.of("image", "style", "script", "font", "audio", "video", "manifest", "track").contains(dest)) return true;
    String m = e.mimeType().toLowerCase(Locale.ROOT);
    return m.startsWith("image/") || m.startsWith("font/") || m.contains("css") || m.contains("javascript")
        || m.startsWith("video/") || m.startsWith("audio/");
  }

  private static boolean isApi(HarEntry e) {
    String type = e.resourceType() == null ? "" : e.resourceType().toLowerCase(Locale.ROOT);
    if (type.equals("xhr") || type.equals("fetch")) return true;
    if (!type.isEmpty()) return false;
    String mode = e.requestHeader("Sec-Fetch-Mode").orElse("").toLowerCase(Locale.ROOT);
    return mode.equals("cors") || mode.equals("same-origin") || e.mimeType().toLowerCase(Locale.ROOT).contains("json");
  }

  private static String label(HarEntry e, HarContexts.@Nullable Kind kind) {
    if (kind instanceof HarContexts.Preflight) return "preflight";
    String type = e.resourceType() == null ? "" : e.resourceType().toLowerCase(Locale.ROOT);
    if (!type.isEmpty()) return type;
    if (kind instanceof HarContexts.Cookies c) return c.document() ? "document" : "subresource";
    return "request";
  }

  private static String path(URI url) {
    String p = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
    return url.getRawQuery() == null ? p : p + "?" + url.getRawQuery();
  }

  /** The registrable domain (eTLD+1) of a host, or the host itself (an address, localhost). */
  static String site(String host) {
    String h = host.toLowerCase(Locale.ROOT);
    try {
      com.google.common.net.InternetDomainName d = com.google.common.net.InternetDomainName.from(h);
      return d.isUnderPublicSuffix() ? d.topPrivateDomain().toString() : h;
    } catch (IllegalArgumentException ex) {
      return h;
    }
  }
}
