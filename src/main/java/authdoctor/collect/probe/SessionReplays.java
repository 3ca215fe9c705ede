package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.cookie.SetCookieParser;
import authdoctor.cookie.StoredCookie;
import authdoctor.internal.Hosts;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.PageVerdict;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.jspecify.annotations.Nullable;

/**
 * The session replayed: the protected routes, {@code --refresh} concurrent reloads, another visitor
 * without cookies, the session's Cookie header to each {@code --instance}, a cross-site link to the route,
 * a deploy ({@code --restart-command}) and a second app's login. Each answer is judged ({@link SignedIn})
 * and recorded as a {@link SessionCheck}.
 */
final class SessionReplays {
  private final ProbeSession s;
  final AnonymousBaselines baselines = new AnonymousBaselines();

  SessionReplays(ProbeSession s) {
    this.s = s;
  }

  /** Judges {@code x} and records it as a session check of {@code purpose}. */
  void check(HttpExchange x, Purpose purpose, String via, URI loginPage) {
    SignedIn.Verdict v = baselines.judge(x, SignedIn.page(x, loginPage, s.redactor, bearerOnly(x)));
    Map.Entry<String, String> session = SessionCookies.of(x.requestHeader("Cookie").orElse(null), s.sessionCookies());
    // A token flow's replay to an instance: the bearer token is the session it carries.
    if (session == null && purpose == Purpose.INSTANCE && bearerOnly(x)) session = Map.entry("Authorization", requireNonNull(s.bearerToken()));
    s.add(new SessionCheck(x.step(), purpose, via, x.url(), x.status(), v.verdict(), v.reason(),
        session == null ? null : session.getKey(), session == null ? null : session.getValue()));
  }

  /**
   * Which cookies of the signed-in request {@code x} are the session, by leaving each out
   * ({@link SessionAblation}); later checks name that cookie.
   */
  void ablate(HttpExchange x, URI loginPage) {
    new SessionAblation(s).run(x, loginPage, List.of());
  }

  /**
   * The ablation on one backend: the session replayed to each {@code --instance} in turn until one accepts
   * it, then ablated there. Through the proxy, a replay that reaches an instance refusing the whole session
   * would read as the left-out cookie being the session. False when no instance accepted it (or there is
   * nothing to ablate).
   */
  boolean ablateOnInstance(URI landing, @Nullable String sessionHeader, URI loginPage) {
    if (!SessionAblation.ablatable(sessionHeader)) return false;
    for (URI instance : s.config.instances()) {
      if (s.overTime()) return false;
      List<HeaderField> context = forwarded(landing);
      List<HeaderField> h = new ArrayList<>(s.auth());
      h.add(new HeaderField("Cookie", requireNonNull(sessionHeader)));
      h.addAll(context);
      HttpExchange x = s.send("instance " + instance.getRawAuthority() + " (session replayed, to find the session cookie)",
          "GET", Urls.onto(instance, landing), new RequestKind.Raw(), h, null, true);
      SignedIn.Verdict v = SignedIn.page(x, loginPage, s.redactor);
      s.add(new PageVerdict(x.step(), v.verdict(), v.reason()));
      if (v.verdict() == SessionCheck.Verdict.LOGGED_IN) {
        new SessionAblation(s).run(x, loginPage, context);
        return true;
      }
    }
    return false;
  }

  /** The headers the proxy adds as it forwards to an instance: the public Host (apps check it: Django's ALLOWED_HOSTS) and scheme. */
  private static List<HeaderField> forwarded(URI landing) {
    return List.of(new HeaderField("Host", landing.getRawAuthority()),
        new HeaderField("X-Forwarded-Proto", landing.getScheme()),
        new HeaderField("X-Forwarded-Host", landing.getRawAuthority()));
  }

  /** The verdict in the trace only: the request is not a session measurement (CORS, a cross-site link). */
  void checkQuietly(HttpExchange x) {
    SignedIn.Verdict v = SignedIn.page(x, s.config.base(), s.redactor, bearerOnly(x));
    s.add(new PageVerdict(x.step(), v.verdict(), v.reason()));
  }

  /** A token flow's request: it carried the bearer token and no cookie. */
  private boolean bearerOnly(HttpExchange x) {
    return s.bearerToken() != null && x.requestHeader("Authorization").isPresent() && x.requestHeader("Cookie").isEmpty();
  }

  /** The client's request for a protected route, as the browser sends it. */
  HttpExchange visit(String label, URI url) {
    return s.send(label, "GET", url, Navigation.typed(), s.auth(), null, true);
  }

  /**
   * {@code --refresh} concurrent reloads of {@code url}, each sent as {@code request} sends the protected
   * route (a visit, or the frontend's fetch: null when its preflight stopped it).
   */
  void refresh(URI url, URI loginPage, BiFunction<String, URI, @Nullable HttpExchange> request) {
    List<Runnable> all = new ArrayList<>();
    for (int i = 1; i <= s.config.refresh(); i++) {
      int n = i;
      all.add(() -> {
        HttpExchange x = request.apply("refresh " + n, url);
        if (x != null) check(x, Purpose.REFRESH, "public", loginPage);
      });
    }
    s.steps.concurrently(all);
  }

  /** Another visitor, without cookies, after we signed in: does a cache hand them our page or our cookie? */
  void anonymous(URI url, URI loginPage) {
    Map<String, String> ours = new LinkedHashMap<>();
    for (StoredCookie c : s.browser.cookies()) ours.put(c.name(), c.value());
    HttpExchange x = s.send("another visitor, no cookies", "GET", url, new RequestKind.Raw(),
        Navigation.typed().browserHeaders(url), null, false);
    SignedIn.Verdict v = baselines.judge(x, SignedIn.page(x, loginPage, s.redactor));
    String cache = x.responseHeader("X-Cache-Status").or(() -> x.responseHeader("X-Cache"))
        .or(() -> x.responseHeader("Age").map(a -> "Age " + a)).orElse(null);
    String leakedName = null;
    String leakedValue = null;
    for (String line : x.responseHeaders("Set-Cookie")) {
      var c = SetCookieParser.parse(line);
      if (c.name().isEmpty()) continue;
      if (!c.value().isEmpty() && c.value().equals(ours.get(c.name()))) {
        leakedName = c.name();
        leakedValue = c.value();
      }
    }
    String reason = v.reason() + (cache == null ? "" : ", cache: " + cache)
        + (leakedName == null ? "" : ", and it handed out our own " + leakedName + " cookie");
    s.add(new SessionCheck(x.step(), Purpose.ANONYMOUS, "public", x.url(), x.status(), v.verdict(), reason, leakedName, leakedValue));
  }

  /**
   * The session's Cookie header, and the bearer token of a token flow, replayed to each instance at once, as
   * the proxy would forward them: a token one instance refuses is found as a session one refuses.
   */
  void instances(URI landing, @Nullable String sessionHeader, URI loginPage, Purpose purpose) {
    List<Runnable> replays = new ArrayList<>();
    for (URI instance : s.config.instances()) {
      URI u = Urls.onto(instance, landing);
      List<HeaderField> h = new ArrayList<>();
      if (sessionHeader != null) h.add(new HeaderField("Cookie", sessionHeader));
      if (s.bearerToken() != null) h.addAll(s.auth());
      h.addAll(forwarded(landing));
      replays.add(() -> {
        HttpExchange x = s.send((purpose == Purpose.AFTER_RESTART ? "after restart: " : "") + "instance "
            + instance.getRawAuthority() + (sessionHeader == null && s.bearerToken() != null ? " (token replayed)"
                : " (session replayed)"), "GET", u, new RequestKind.Raw(), h, null, true);
        check(x, purpose, instance.toString(), loginPage);
      });
    }
    s.steps.concurrently(replays);
  }

  /** A page on another site links to the protected route: a cross-site top-level navigation. */
  void linkFrom(URI landing) {
    String link = requireNonNull(s.config.linkFrom());
    URI from = URI.create(link.endsWith("/") ? link : link + "/");
    checkQuietly(s.send("link from " + Hosts.origin(from), "GET", landing, Navigation.link("GET", from), s.auth(), null, true));
  }

  /**
   * Runs {@code --restart-command} (as a deploy restarts the app), then replays the protected route with
   * the browser's cookies, and each instance again: one that accepted the session before and refuses it
   * now changed its key with its process. The command's output is not read (it may print secrets); only
   * its exit code and duration are recorded.
   */
  void restart(URI landing, URI loginPage, @Nullable String instanceSession) {
    String cmd = requireNonNull(s.config.restartCommand());
    long start = System.nanoTime();
    Duration left = Duration.between(Instant.now(), s.deadline);
    String outcome;
    try {
      Process p = new ProcessBuilder("sh", "-c", cmd)
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
          .start();
      if (!p.waitFor(Math.max(1, left.toMillis()), TimeUnit.MILLISECONDS)) {
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
    s.note("restart", "--restart-command ran for " + ms + " ms: " + outcome);
    if (!outcome.equals("exit 0")) {
      s.problem("restart", "--restart-command " + outcome + "; the session was not replayed after it");
      return;
    }
    if (s.overTime()) return;
    check(visit("after restart: protected " + landing.getRawPath(), landing), Purpose.AFTER_RESTART, "public", loginPage);
    if (!s.config.instances().isEmpty() && !s.overTime()) instances(landing, instanceSession, loginPage, Purpose.AFTER_RESTART);
  }

  /**
   * Signs in to the first app again (the logout step may have ended its session), then to the app of
   * {@code --second-login} with the same credentials, then requests the first app's route: a cookie of the
   * same name and path set by the second app replaces the first one's in the browser.
   */
  void secondLogin(LoginPhase login, URI landing) {
    LoginPhase.Page again = login.page();
    if (again == null || s.overTime()) return;
    login.login(again);
    ProbeSession.Chain c = s.follow("second login page", "GET", s.url(requireNonNull(s.config.secondLogin())),
        Navigation.typed(), List.of(), null, false);
    if (!c.last().answered() || c.loop() || s.overTime()) return;
    login.login(new LoginPhase.Page(c.finalUrl(), c.last()));
    if (s.overTime()) return;
    check(visit("after the second login: protected " + landing.getRawPath(), landing), Purpose.AFTER_OTHER_LOGIN,
        "public", again.url());
  }
}
