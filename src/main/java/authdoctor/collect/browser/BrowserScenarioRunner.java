package authdoctor.collect.browser;

import authdoctor.cookie.Context;
import authdoctor.cookie.SetCookieParser;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.scenario.CookieScenario;
import authdoctor.scenario.RequestStep;
import authdoctor.scenario.ResponseStep;
import authdoctor.scenario.ScenarioKeys;
import authdoctor.scenario.Step;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Replays {@link CookieScenario}s in real headless Chromium and reports, per step and per cookie, what
 * the browser stored, sent or withheld, with its own DevTools reasons, plus the jar at the end.
 *
 * <p>One runner owns a {@link ScenarioServer} and starts one Chromium per third-party cookie setting on
 * first use (the setting is a profile preference, fixed when the browser starts). Each scenario runs in
 * a fresh browser context ({@code Target.createBrowserContext}), disposed afterwards, so cookies never
 * leak between scenarios. Scenarios run one at a time ({@link #run} is synchronized).
 */
public final class BrowserScenarioRunner implements AutoCloseable {
  /** A step that waits longer than this before it runs is not replayed: we never sleep long. */
  public static final Duration MAX_REAL_WAIT = Duration.ofSeconds(3);

  private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);
  private static final Duration STEP_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration FAILURE_GRACE = Duration.ofMillis(500);

  /** How a {@code subresource} step is started. */
  public enum Subresource {
    /** {@code fetch(url, {credentials: 'include'})}: any method. */
    FETCH,
    /** {@code <img src=url>}: GET only. */
    IMAGE
  }

  private final ScenarioServer server;
  private final Map<ThirdPartyCookies, Chromium> browsers = new EnumMap<>(ThirdPartyCookies.class);
  private final ExecutorService helper = Executors.newVirtualThreadPerTaskExecutor();
  /** {@code profile.cookie_controls_mode} per setting: 0 allows third-party cookies, 1 blocks them. */
  private final Map<ThirdPartyCookies, @Nullable Integer> modes =
      new EnumMap<>(Map.of(ThirdPartyCookies.ALLOWED, 0, ThirdPartyCookies.BLOCKED, 1));
  private Subresource subresource = Subresource.FETCH;
  private Duration startupTime = Duration.ZERO;

  private final Path executable;

  private BrowserScenarioRunner(ScenarioServer server, Path executable) {
    this.server = server;
    this.executable = executable;
  }

  /** Starts the local server; Chromium starts on the first scenario (or {@link #warmUp}). */
  public static BrowserScenarioRunner start() throws BrowserException {
    return start(Chromium.findExecutable().orElse(null));
  }

  /**
   * As {@link #start()}, finding Chromium through {@code environment} ({@code AUTHDOCTOR_CHROMIUM},
   * {@code PATH}) instead of the process's; a missing browser is a {@link BrowserException} whose
   * {@link BrowserException#notInstalled()} is true.
   */
  public static BrowserScenarioRunner start(Map<String, String> environment) throws BrowserException {
    return start(Chromium.findExecutable(environment).orElse(null));
  }

  /** As {@link #start()}, with the Chromium executable given (null: not installed). */
  static BrowserScenarioRunner start(@Nullable Path executable) throws BrowserException {
    if (executable == null) throw Chromium.notFound();
    try {
      return new BrowserScenarioRunner(ScenarioServer.start(), executable);
    } catch (IOException e) {
      throw new BrowserException("cannot start the local scenario server: " + e.getMessage());
    }
  }

  /** Chooses how {@code subresource} steps are started (default: {@code fetch}). */
  public BrowserScenarioRunner subresourceVia(Subresource how) {
    this.subresource = how;
    return this;
  }

  /** Starts the browser for {@code policy} now, so the first scenario does not pay for it. */
  public void warmUp(ThirdPartyCookies policy) throws BrowserException {
    browser(policy);
  }

  /** Total time spent starting browsers. */
  public Duration startupTime() {
    return startupTime;
  }

  /** The local server (for diagnostics and tests). */
  public ScenarioServer server() {
    return server;
  }

  private Chromium browser(ThirdPartyCookies policy) throws BrowserException {
    Chromium c = browsers.get(policy);
    if (c != null && c.isAlive()) return c;
    if (c != null) c.close();
    long t0 = System.nanoTime();
    Integer mode = cookieControlsMode(policy);
    c = Chromium.launch(executable, mode);
    try {
      if (mode != null) verifyPolicy(c, policy);
    } catch (BrowserException | RuntimeException e) {
      c.close();
      throw e;
    }
    startupTime = startupTime.plusNanos(System.nanoTime() - t0);
    browsers.put(policy, c);
    return c;
  }

  /**
   * Checks that the preference took effect: a {@code SameSite=None; Secure} cookie is sent by a
   * cross-site credentialed fetch exactly when third-party cookies are allowed. A Chromium that renamed
   * or ignores the preference would otherwise give wrong answers silently.
   */
  private void verifyPolicy(Chromium c, ThirdPartyCookies policy) throws BrowserException {
    URI tracker = URI.create("https://authdoctor-check-tracker.example/");
    URI shop = URI.create("https://authdoctor-check-shop.example");
    CookieScenario probe =
        new CookieScenario(
            policy,
            List.of(
                new ResponseStep(
                    tracker, "GET", Context.NAVIGATION, null, Duration.ZERO, List.of("probe=1; SameSite=None; Secure"), null),
                new RequestStep(tracker, "GET", Context.SUBRESOURCE, shop, Duration.ZERO)));
    BrowserRun run = runIn(c, probe);
    boolean sent =
        run.steps().get(1) instanceof BrowserStep.Request r && r.receivedCookieNames().contains("probe");
    boolean expected = policy == ThirdPartyCookies.ALLOWED;
    if (sent != expected) {
      throw new BrowserException(
          "Chromium ignored the third-party cookie setting (profile.cookie_controls_mode): a cross-site fetch "
              + (sent ? "sent" : "did not send") + " a SameSite=None cookie with third_party_cookies: " + ScenarioKeys.key(policy));
    }
  }

  private @Nullable Integer cookieControlsMode(ThirdPartyCookies policy) {
    return modes.get(policy);
  }

  /** Overrides the {@code profile.cookie_controls_mode} used for {@code policy} (null: browser default); for tests. */
  BrowserScenarioRunner cookieControlsMode(ThirdPartyCookies policy, @Nullable Integer mode) {
    modes.put(policy, mode);
    Chromium old = browsers.remove(policy);
    if (old != null) old.close();
    return this;
  }

  /** Replays {@code scenario} in a fresh browser context. */
  public synchronized BrowserRun run(CookieScenario scenario) throws BrowserException {
    return runIn(browser(scenario.thirdPartyCookies()), scenario);
  }

  private BrowserRun runIn(Chromium chromium, CookieScenario scenario) throws BrowserException {
    long t0 = System.nanoTime();
    DevToolsConnection cdp = chromium.devtools();
    server.reset();
    NetworkLog log = new NetworkLog();
    Set<String> sessions = ConcurrentHashMap.newKeySet();
    Consumer<DevToolsConnection.Event> listener =
        e -> {
          if (e.sessionId() == null || !sessions.contains(e.sessionId())) return;
          if (e.method().equals("Target.attachedToTarget")) {
            String child = e.params().path("sessionId").asText();
            sessions.add(child);
            // Not on the socket thread: its answers arrive on that very thread.
            helper.execute(() -> prepareChild(cdp, child));
          } else if (e.method().startsWith("Network.")) {
            log.onEvent(e);
          }
        };
    cdp.addListener(listener);
    String contextId = null;
    try {
      ObjectNode p = Json.object();
      p.put("disposeOnDetach", true);
      contextId = cdp.call("Target.createBrowserContext", p, null, CALL_TIMEOUT).path("browserContextId").asText();
      p = Json.object();
      p.put("url", "about:blank");
      p.put("browserContextId", contextId);
      String targetId = cdp.call("Target.createTarget", p, null, CALL_TIMEOUT).path("targetId").asText();
      p = Json.object();
      p.put("targetId", targetId);
      p.put("flatten", true);
      String session = cdp.call("Target.attachToTarget", p, null, CALL_TIMEOUT).path("sessionId").asText();
      sessions.add(session);
      enableNetwork(cdp, session);
      cdp.call("Page.enable", null, session, CALL_TIMEOUT);
      p = Json.object();
      p.put("autoAttach", true);
      p.put("waitForDebuggerOnStart", true);
      p.put("flatten", true);
      cdp.call("Target.setAutoAttach", p, session, CALL_TIMEOUT);

      List<BrowserStep> results = new ArrayList<>();
      String stopReason = null;
      for (int i = 0; i < scenario.steps().size(); i++) {
        Step step = scenario.steps().get(i);
        int number = i + 1;
        if (stopReason == null) stopReason = whyNotReplayable(step);
        if (stopReason != null) {
          results.add(new BrowserStep.NotReplayed(number, step.url(), stopReason));
          stopReason = stopReason.startsWith("follows") ? stopReason : "follows step " + number + ", which was not replayed";
          continue;
        }
        waitFor(step.after());
        results.add(replay(cdp, session, contextId, log, number, step));
      }
      List<JarCookie> jar = jar(cdp, contextId);
      return new BrowserRun(
          chromium.version(), scenario.thirdPartyCookies(), results, jar, Duration.ofNanos(System.nanoTime() - t0));
    } finally {
      cdp.removeListener(listener);
      if (contextId != null) {
        ObjectNode p = Json.object();
        p.put("browserContextId", contextId);
        try {
          cdp.call("Target.disposeBrowserContext", p, null, CALL_TIMEOUT);
        } catch (BrowserException e) {
          // the browser is gone or busy; a leaked context holds only this scenario's cookies
        }
      }
      server.reset();
    }
  }

  private static void enableNetwork(DevToolsConnection cdp, String session) throws BrowserException {
    cdp.call("Network.enable", null, session, CALL_TIMEOUT);
    ObjectNode p = Json.object();
    p.put("cacheDisabled", true);
    cdp.call("Network.setCacheDisabled", p, session, CALL_TIMEOUT);
  }

  private static void prepareChild(DevToolsConnection cdp, String session) {
    try {
      enableNetwork(cdp, session);
    } catch (BrowserException e) {
      // a worker or frame without a Network domain: resume it anyway
    }
    try {
      cdp.call("Runtime.runIfWaitingForDebugger", null, session, CALL_TIMEOUT);
    } catch (BrowserException e) {
      // the child went away
    }
  }

  /** Why {@code step} cannot be replayed faithfully, or null. */
  private @Nullable String whyNotReplayable(Step step) {
    if (step.after().compareTo(MAX_REAL_WAIT) > 0) {
      return "waits " + step.after() + " before it runs; only up to " + MAX_REAL_WAIT.toSeconds() + " s are replayed in real time";
    }
    for (URI u : step.from() == null ? List.of(step.url()) : List.of(step.url(), step.from())) {
      String host = u.getHost();
      if (isIpLiteral(host) && !host.equals("127.0.0.1")) {
        // IP literals bypass the host-resolver mapping: the browser would connect to that very address,
        // and our server listens on 127.0.0.1 only.
        return "host " + host + " is an IP address other than 127.0.0.1; the browser would connect to it for real";
      }
    }
    String method = wireMethod(step);
    boolean form = method.equals("GET") || method.equals("POST");
    switch (step.context()) {
      case NAVIGATION -> {
        if (!form) return "a link or form can only navigate with GET or POST, not " + step.method();
      }
      case IFRAME -> {
        if (!form) return "an iframe can only load with GET or POST, not " + step.method();
      }
      case SUBRESOURCE -> {
        if (subresource == Subresource.IMAGE && !method.equals("GET")) return "an image is always loaded with GET";
        if (Set.of("CONNECT", "TRACE", "TRACK").contains(method.toUpperCase(Locale.ROOT))) {
          return "fetch() refuses the method " + step.method();
        }
      }
    }
    if (step instanceof ResponseStep r) {
      for (String line : r.setCookie()) {
        if (line.indexOf('\r') >= 0 || line.indexOf('\n') >= 0 || line.indexOf('\0') >= 0) {
          return "a Set-Cookie line holds CR, LF or NUL, which cannot be sent in an HTTP header";
        }
      }
    }
    return null;
  }

  private static boolean isIpLiteral(String host) {
    return host.startsWith("[") || host.contains(":") || host.matches("[0-9.]+");
  }

  /**
   * The method as it goes on the wire: HTML forms send only GET or POST, whatever the case written;
   * fetch() upper-cases DELETE, GET, HEAD, OPTIONS, POST and PUT (Fetch §2.2.1 "normalize") and sends
   * any other method as written.
   */
  private String wireMethod(Step step) {
    String upper = step.method().toUpperCase(Locale.ROOT);
    if (step.context() == Context.SUBRESOURCE && subresource == Subresource.FETCH) {
      return Set.of("DELETE", "GET", "HEAD", "OPTIONS", "POST", "PUT").contains(upper) ? upper : step.method();
    }
    if (step.context() == Context.SUBRESOURCE) return "GET";
    return upper;
  }

  private static void waitFor(Duration after) throws BrowserException {
    if (after.isZero()) return;
    // Time passing is part of the scenario (e.g. Lax-allow-unsafe's 2 minutes), bounded by MAX_REAL_WAIT.
    try {
      Thread.sleep(after);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted");
    }
  }

  private BrowserStep replay(DevToolsConnection cdp, String session, String contextId, NetworkLog log, int number, Step step)
      throws BrowserException {
    URI target = server.rewrite(step.url());
    server.clearReplies();
    if (step instanceof ResponseStep r) server.serve(target, new ScenarioServer.Reply(r.setCookie(), r.date()));
    String method = wireMethod(step);
    // A typed navigation is a GET; a POST without 'from' is the site's own form, replayed from a page on
    // the target's origin (same-site either way, so the same cookies apply).
    URI launchFrom = step.from() != null ? step.from() : method.equals("GET") ? null : step.url();
    String navigateTo = launchFrom == null ? target.toString() : server.origin(launchFrom) + server.page(launcher(step, method, target));
    int received = server.received().size();
    long mark = log.mark();
    ObjectNode p = Json.object();
    p.put("url", navigateTo);
    p.put("transitionType", "typed");
    JsonNode nav = cdp.call("Page.navigate", p, session, CALL_TIMEOUT);
    if (nav.hasNonNull("errorText") && launchFrom != null) {
      throw new BrowserException("step " + number + ": the launcher page did not load: " + nav.path("errorText").asText());
    }
    long deadline = System.nanoTime() + STEP_TIMEOUT.toNanos();
    String wanted = normalize(target.toString());
    NetworkLog.Entry entry;
    try {
      Optional<NetworkLog.Entry> found =
          log.await(
              mark,
              e -> (matches(e.url, wanted) || matches(e.firstUrl, wanted)) && method.equals(e.method) && !"Preflight".equals(e.type),
              deadline);
      if (found.isEmpty()) {
        throw new BrowserException("step " + number + ": Chromium did not request " + step.url() + " within "
            + STEP_TIMEOUT.toSeconds() + " s (" + log.describe(mark) + ")");
      }
      entry = found.get();
      // A request that fails before reaching the network gets no extra-info events: give those a short
      // grace after the failure instead of the whole step deadline.
      boolean complete =
          log.await(entry, e -> e.finished, deadline)
              && log.await(
                  entry,
                  e -> e.associated != null && (e.responseExtraInfo || e.failure != null),
                  entry.failure == null ? deadline : Math.min(deadline, System.nanoTime() + FAILURE_GRACE.toNanos()));
      if (!complete && entry.finished && entry.failure != null) {
        // Failed before the network (mixed content, a bad port): no extra info is coming.
        return new BrowserStep.NotSent(number, step.url(), entry.failure);
      }
      if (!complete) {
        throw new BrowserException("step " + number + ": the request to " + step.url() + " did not complete within "
            + STEP_TIMEOUT.toSeconds() + " s (" + log.describe(mark) + ")");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted");
    }
    if (step instanceof ResponseStep r) {
      if (!entry.responseExtraInfo) {
        return new BrowserStep.NotSent(number, step.url(), entry.failure == null ? "no response" : entry.failure);
      }
      Set<String> inJar = new java.util.HashSet<>();
      for (JarCookie c : jar(cdp, contextId)) inJar.add(c.name());
      return new BrowserStep.Response(number, step.url(), storedCookies(r.setCookie(), entry.blockedSetCookies, inJar));
    }
    List<String> names = List.of();
    List<ScenarioServer.ReceivedRequest> seen = server.received();
    String path = ScenarioServer.rawPathAndQuery(target);
    for (ScenarioServer.ReceivedRequest q : seen.subList(Math.min(received, seen.size()), seen.size())) {
      if (q.host().equalsIgnoreCase(target.getHost()) && q.target().equals(path) && q.method().equals(method)) {
        names = q.cookieNames();
      }
    }
    List<SendOutcome> associated = entry.associated == null ? List.of() : entry.associated;
    return new BrowserStep.Request(number, step.url(), associated, names);
  }

  /**
   * Matches each of our Set-Cookie lines to Chromium's {@code blockedCookies}; unmatched lines were
   * stored. Lines match by their text, and failing that (should Chromium ever re-encode a line) by name,
   * so a blocked line is never reported stored.
   */
  private static List<StoreOutcome> storedCookies(
      List<String> lines, @Nullable List<NetworkLog.Blocked> blocked, Set<String> inJar) {
    List<NetworkLog.Blocked> left = new ArrayList<>(blocked == null ? List.of() : blocked);
    NetworkLog.Blocked[] matches = new NetworkLog.Blocked[lines.size()];
    for (int i = 0; i < lines.size(); i++) {
      for (NetworkLog.Blocked b : left) {
        if (b.cookieLine().strip().equals(lines.get(i).strip())) {
          matches[i] = b;
          left.remove(b);
          break;
        }
      }
    }
    for (int i = 0; i < lines.size() && !left.isEmpty(); i++) {
      if (matches[i] != null) continue;
      for (NetworkLog.Blocked b : left) {
        if (cookieName(b.cookieLine()).equals(cookieName(lines.get(i)))) {
          matches[i] = b;
          left.remove(b);
          break;
        }
      }
    }
    List<StoreOutcome> out = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String name = cookieName(lines.get(i));
      NetworkLog.Blocked match = matches[i];
      // A blocked line put nothing in the jar, even if an older cookie of that name is still there.
      boolean stored = match == null;
      out.add(new StoreOutcome(i, name, stored, stored ? List.of() : match.reasons(), stored && inJar.contains(name)));
    }
    return out;
  }

  /** The name part of a Set-Cookie line (RFC 6265bis §5.6: up to the first {@code =} of the first pair). */
  static String cookieName(String line) {
    return SetCookieParser.parse(line).name();
  }

  private static boolean matches(@Nullable String url, String wanted) {
    return url != null && normalize(url).equals(wanted);
  }

  private static String normalize(String url) {
    URI u = URI.create(url);
    return u.getScheme().toLowerCase(Locale.ROOT) + "://" + u.getHost().toLowerCase(Locale.ROOT) + ":" + u.getPort()
        + ScenarioServer.rawPathAndQuery(u);
  }

  /** The page on the {@code from} origin that starts the request in the step's context. */
  private String launcher(Step step, String method, URI target) {
    String url = jsString(target.toString());
    String attr = htmlAttr(target.toString());
    return switch (step.context()) {
      case NAVIGATION -> method.equals("GET")
          ? "<!doctype html><a id=go href=\"" + attr + "\">go</a><script>document.getElementById('go').click()</script>"
          : "<!doctype html><form method=POST action=\"" + attr + "\"><input name=x value=1></form>"
              + "<script>document.forms[0].submit()</script>";
      case IFRAME -> method.equals("GET")
          ? "<!doctype html><iframe src=\"" + attr + "\"></iframe>"
          : "<!doctype html><iframe name=f></iframe><form method=POST target=f action=\"" + attr + "\">"
              + "<input name=x value=1></form><script>document.forms[0].submit()</script>";
      case SUBRESOURCE -> subresource == Subresource.IMAGE
          ? "<!doctype html><img src=\"" + attr + "\">"
          : "<!doctype html><script>fetch(" + url + ", {method: " + jsString(method)
              + ", credentials: 'include', mode: 'cors'}).then(r => r.text()).then(() => document.title = 'done', () => document.title = 'failed')</script>";
    };
  }

  private static String jsString(String s) {
    StringBuilder sb = new StringBuilder("'");
    for (char c : s.toCharArray()) {
      if (c == '\'' || c == '\\' || c == '<' || c == '>' || c < 0x20) sb.append(String.format("\\u%04x", (int) c));
      else sb.append(c);
    }
    return sb.append('\'').toString();
  }

  private static String htmlAttr(String s) {
    return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;");
  }

  private static List<JarCookie> jar(DevToolsConnection cdp, String contextId) throws BrowserException {
    ObjectNode p = Json.object();
    p.put("browserContextId", contextId);
    JsonNode cookies = cdp.call("Storage.getCookies", p, null, CALL_TIMEOUT).path("cookies");
    List<JarCookie> jar = new ArrayList<>();
    for (JsonNode c : cookies) {
      boolean session = c.path("session").asBoolean(false);
      double expires = c.path("expires").asDouble(-1);
      JsonNode pk = c.get("partitionKey");
      String partition = pk == null ? null : pk.isTextual() ? pk.asText() : pk.path("topLevelSite").asText(null);
      jar.add(
          new JarCookie(
              c.path("name").asText(),
              c.path("domain").asText(),
              c.path("path").asText(),
              c.path("secure").asBoolean(),
              c.path("httpOnly").asBoolean(),
              c.path("sameSite").asText(""),
              session || expires < 0 ? null : Instant.ofEpochMilli((long) (expires * 1000)),
              partition));
    }
    return jar;
  }

  @Override
  public void close() {
    for (Chromium c : browsers.values()) c.close();
    browsers.clear();
    server.close();
    helper.shutdownNow();
  }
}
