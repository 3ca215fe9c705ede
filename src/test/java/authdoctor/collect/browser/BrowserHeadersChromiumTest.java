package authdoctor.collect.browser;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.collect.browsing.BrowserSession;
import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Navigation;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.collect.http.HttpCollector;
import authdoctor.observation.HeaderField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The headers the probe sends for each {@link RequestKind} against what real headless Chromium sends for
 * the same request (its DevTools {@code Network.requestWillBeSentExtraInfo}, the headers as they went on the
 * wire) to a local server: every difference must be one of {@link #KNOWN}, with its reason.
 */
@Tag("browser")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserHeadersChromiumTest {
  private static final Duration CALL = Duration.ofSeconds(10);
  private static final Duration WAIT = Duration.ofSeconds(15);

  /** Headers that differ on purpose, with the reason; compared by name only. */
  private static final Map<String, String> KNOWN = Map.of(
      "accept-encoding", "the probe asks for identity: bodies are read and shown as the server wrote them",
      "sec-ch-ua", "client hints name the brand list, 'HeadlessChrome' in the test's browser; no login flow met branches on them",
      "sec-ch-ua-mobile", "a client hint, as sec-ch-ua",
      "sec-ch-ua-platform", "a client hint, as sec-ch-ua",
      "priority", "an HTTP/2 prioritization hint (RFC 9218) that OkHttp's HTTP/1.1 requests do not carry; not read by servers");
  /** Transport and body framing, which the HTTP client adds: not the browser model's. */
  private static final List<String> TRANSPORT = List.of("host", "connection", "content-length", "content-type");

  private static Chromium chromium;
  private static ScenarioServer server;

  @BeforeAll
  static void start() throws Exception {
    server = ScenarioServer.start();
    chromium = Chromium.launch(null);
  }

  @AfterAll
  static void stop() {
    if (chromium != null) chromium.close();
    if (server != null) server.close();
  }

  /** One request: the page that starts it (null: typed), the script or markup that does, and our kind for it. */
  record Case(String name, @Nullable String fromOrigin, String method, String launcher,
      java.util.function.Function<URI, RequestKind> kind) {
    @Override
    public String toString() {
      return name;
    }
  }

  private static final String APP = "https://app.example.test";
  private static final String FRONT = "https://front.other.test";
  private static final String NO_REFERRER = "<meta name=referrer content=no-referrer>";
  /** A full-page target: a real (trusted) click on it is a user activation, as the probe's navigations stand for. */
  private static final String CLICKABLE = "style='position:fixed;inset:0;display:block'";

  static Stream<Arguments> cases() {
    return Stream.of(
        new Case("typed navigation", null, "GET", "", page -> Navigation.typed()),
        new Case("link, same origin, no-referrer page", APP, "GET",
            NO_REFERRER + "<a id=go " + CLICKABLE + " href=TARGET>go</a>", page -> Navigation.link("GET", page)),
        new Case("link from another site, no-referrer page", FRONT, "GET",
            NO_REFERRER + "<a id=go " + CLICKABLE + " href=TARGET>go</a>", page -> Navigation.link("GET", page)),
        new Case("login form POST", APP, "POST",
            "<form method=POST action=TARGET><input name=x value=1><button " + CLICKABLE + ">go</button></form>",
            page -> Navigation.form("POST", page, Referrer.FULL)),
        new Case("same-origin fetch GET", APP, "GET",
            "<script>fetch('TARGET', {credentials: 'include'})</script>",
            page -> new Fetch("GET", page, Fetch.Mode.SAME_ORIGIN, true, Referrer.FULL)),
        new Case("same-origin fetch POST", APP, "POST",
            "<script>fetch('TARGET', {method: 'POST', credentials: 'include', body: 'x'})</script>",
            page -> new Fetch("POST", page, Fetch.Mode.SAME_ORIGIN, true, Referrer.FULL)),
        new Case("CORS fetch from another site", FRONT, "GET",
            NO_REFERRER + "<script>fetch('TARGET', {credentials: 'include'})</script>",
            page -> new Fetch("GET", page, Fetch.Mode.CORS, true, Referrer.NONE)),
        new Case("preflight", FRONT, "OPTIONS",
            NO_REFERRER + "<script>fetch('TARGET', {method: 'PUT', credentials: 'include', headers: {'X-CSRFToken': 't'}})</script>",
            page -> new RequestKind.Preflight(page, "PUT", List.of("x-csrftoken"))),
        new Case("iframe from another site", FRONT, "GET", NO_REFERRER + "<iframe src=TARGET></iframe>",
            page -> new RequestKind.Iframe(page)))
        .map(Arguments::of);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void ourHeadersAreChromiums(Case c) throws Exception {
    String path = "/target/" + c.name().replace(' ', '-').replace(",", "");
    URI target = URI.create(APP + ":" + server.port() + path);
    String html = "<!doctype html>" + c.launcher().replace("TARGET", target.toString());
    URI page = c.fromOrigin() == null ? null : URI.create(c.fromOrigin() + ":" + server.port() + server.page(html));
    Map<String, String> chromiums = chromiumSends(c, page, target, path);
    Map<String, String> ours = ours(c.kind().apply(page), target);

    List<String> unexplained = new ArrayList<>();
    for (String name : union(chromiums, ours)) {
      if (TRANSPORT.contains(name) || KNOWN.containsKey(name)) continue;
      String theirs = chromiums.get(name);
      String mine = ours.get(name);
      if (name.equals("user-agent") && theirs != null) {
        // Headless Chromium says so in its User-Agent; the probe stands for the desktop browser.
        theirs = theirs.replace("HeadlessChrome/", "Chrome/") + " authdoctor/" + authdoctor.Version.get();
      }
      if (theirs == null || !theirs.equals(mine)) unexplained.add(name + ": Chromium " + theirs + ", ours " + mine);
    }
    assertThat(unexplained).as("headers of '%s' not listed with a reason", c.name()).isEmpty();
    // The comparison saw the headers that matter: a navigation's Accept, every kind's Sec-Fetch-Mode.
    assertThat(chromiums).containsKeys("accept", "sec-fetch-mode", "user-agent");
  }

  /** Our request: the browser session's headers for the kind, then what the HTTP client adds. */
  private static Map<String, String> ours(RequestKind kind, URI target) {
    BrowserSession.Request r = new BrowserSession(Clock.systemUTC()).request(1, target, kind, true);
    Map<String, String> out = new TreeMap<>();
    for (HeaderField f : r.headers(List.of())) out.put(f.name().toLowerCase(Locale.ROOT), f.value());
    out.putIfAbsent("user-agent", HttpCollector.USER_AGENT);
    out.putIfAbsent("accept-encoding", "identity");
    return out;
  }

  /** Drives Chromium to make the case's request and returns its headers, names in lower case. */
  private static Map<String, String> chromiumSends(Case c, @Nullable URI page, URI target, String path) throws Exception {
    DevToolsConnection cdp = chromium.devtools();
    Map<String, String> urls = new ConcurrentHashMap<>();
    Map<String, String> methods = new ConcurrentHashMap<>();
    Map<String, JsonNode> headers = new ConcurrentHashMap<>();
    java.util.concurrent.BlockingQueue<String> arrived = new java.util.concurrent.LinkedBlockingQueue<>();
    Consumer<DevToolsConnection.Event> listener = e -> {
      String id = e.params().path("requestId").asText("");
      if (id.isEmpty()) return;
      switch (e.method()) {
        case "Network.requestWillBeSent" -> {
          urls.put(id, e.params().path("request").path("url").asText());
          methods.put(id, e.params().path("request").path("method").asText());
          arrived.add(id);
        }
        case "Network.requestWillBeSentExtraInfo" -> {
          headers.putIfAbsent(id, e.params().path("headers"));
          arrived.add(id);
        }
        default -> { }
      }
    };
    cdp.addListener(listener);
    String context = null;
    try {
      ObjectNode p = Json.object();
      p.put("disposeOnDetach", true);
      context = cdp.call("Target.createBrowserContext", p, null, CALL).path("browserContextId").asText();
      p = Json.object();
      p.put("url", "about:blank");
      p.put("browserContextId", context);
      String targetId = cdp.call("Target.createTarget", p, null, CALL).path("targetId").asText();
      p = Json.object();
      p.put("targetId", targetId);
      p.put("flatten", true);
      String session = cdp.call("Target.attachToTarget", p, null, CALL).path("sessionId").asText();
      cdp.call("Network.enable", null, session, CALL);
      cdp.call("Page.enable", null, session, CALL);
      p = Json.object();
      p.put("autoAttach", true);
      p.put("waitForDebuggerOnStart", false);
      p.put("flatten", true);
      cdp.call("Target.setAutoAttach", p, session, CALL);
      p = Json.object();
      if (page == null) {
        p.put("url", target.toString());
        p.put("transitionType", "typed");
        cdp.call("Page.navigate", p, session, CALL);
      } else {
        p.put("url", page.toString());
        cdp.call("Page.navigate", p, session, CALL);
        if (c.launcher().contains(CLICKABLE)) {
          awaitLoaded(cdp, session);
          click(cdp, session);
        }
      }
      long deadline = System.nanoTime() + WAIT.toNanos();
      while (System.nanoTime() < deadline) {
        for (Map.Entry<String, String> u : urls.entrySet()) {
          if (URI.create(u.getValue()).getRawPath().equals(path) && c.method().equals(methods.get(u.getKey()))
              && headers.containsKey(u.getKey())) {
            Map<String, String> out = new TreeMap<>();
            headers.get(u.getKey()).properties().forEach(h -> out.put(h.getKey().toLowerCase(Locale.ROOT), h.getValue().asText()));
            return out;
          }
        }
        arrived.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
      }
      throw new AssertionError("Chromium did not request " + c.method() + " " + path + " within " + WAIT.toSeconds()
          + " s; requests seen: " + urls.values());
    } finally {
      cdp.removeListener(listener);
      if (context != null) {
        ObjectNode p = Json.object();
        p.put("browserContextId", context);
        cdp.call("Target.disposeBrowserContext", p, null, CALL);
      }
    }
  }

  /** Waits until the launcher page's markup is there to be clicked. */
  private static void awaitLoaded(DevToolsConnection cdp, String session) throws Exception {
    long deadline = System.nanoTime() + WAIT.toNanos();
    ObjectNode p = Json.object();
    p.put("expression", "document.readyState === 'complete' && document.body !== null");
    p.put("returnByValue", true);
    while (System.nanoTime() < deadline) {
      if (cdp.call("Runtime.evaluate", p, session, CALL).path("result").path("value").asBoolean(false)) return;
      Thread.yield();
    }
    throw new AssertionError("the launcher page did not load within " + WAIT.toSeconds() + " s");
  }

  /** A trusted mouse click in the middle of the page (a user activation, unlike a script's click()). */
  private static void click(DevToolsConnection cdp, String session) throws Exception {
    for (String type : List.of("mousePressed", "mouseReleased")) {
      ObjectNode p = Json.object();
      p.put("type", type);
      p.put("x", 100);
      p.put("y", 100);
      p.put("button", "left");
      p.put("clickCount", 1);
      cdp.call("Input.dispatchMouseEvent", p, session, CALL);
    }
  }

  private static List<String> union(Map<String, String> a, Map<String, String> b) {
    TreeMap<String, String> all = new TreeMap<>(a);
    all.putAll(b);
    return new ArrayList<>(all.keySet());
  }
}
