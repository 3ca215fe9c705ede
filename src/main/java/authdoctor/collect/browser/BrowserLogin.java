package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import java.util.function.BiPredicate;
import org.jspecify.annotations.Nullable;

/**
 * Signs in with real headless Chromium: opens the login page, finds the visible user and password fields,
 * types the credentials through the DevTools protocol ({@code Input.insertText}, as a keyboard would; they
 * are never logged), submits as a user does (Enter in a form, else a click on its button), and waits until
 * the network is quiet. Everything the browser sent and received, and Chromium's cookie verdicts, come
 * back as a {@link LoginRun}.
 *
 * <p>Network: the fresh profile's browser resolves only the {@code --resolve}d hosts ({@code
 * --host-resolver-rules}, every other name fails), uses no proxy, and every request is paused ({@code
 * Fetch.requestPaused}) and failed unless {@code allowed} accepts its URL, so an IP literal or a pinned
 * host on another port is never reached either. The process is stopped by its own PID at the end.
 */
public final class BrowserLogin {
  private static final Duration CALL = Duration.ofSeconds(10);
  /** The network counts as settled after this long without a request in flight. */
  private static final Duration QUIET = Duration.ofMillis(500);
  private static final int BODY_LIMIT = 256 * 1024;

  /**
   * How the browser may reach the deployment.
   *
   * @param hostMaps {@code host → address} of each {@code --resolve} pin
   * @param dnsHosts hosts named on the command line without a pin: resolved by the system's DNS
   * @param insecure {@code -k}: accept any certificate
   * @param trustedKeys SPKI hashes of the certificates the probe verified against {@code --cacert}
   * @param allowed whether a request with this body (null: none) may go to a URL (the probe's own rules)
   */
  public record Network(Map<String, String> hostMaps, List<String> dnsHosts, boolean insecure, List<String> trustedKeys,
      BiPredicate<URI, @Nullable String> allowed) {
    public Network {
      hostMaps = Map.copyOf(hostMaps);
      dnsHosts = List.copyOf(dnsHosts);
      trustedKeys = List.copyOf(trustedKeys);
      requireNonNull(allowed);
    }

    List<String> flags() {
      List<String> rules = new ArrayList<>();
      hostMaps.forEach((host, address) -> rules.add("MAP " + host + " " + address));
      // Every other name fails to resolve: the browser's own traffic (and a page's) goes nowhere.
      rules.add("MAP * ~NOTFOUND");
      for (String host : dnsHosts) rules.add("EXCLUDE " + host);
      List<String> f = new ArrayList<>(List.of("--host-resolver-rules=" + String.join(", ", rules), "--no-proxy-server"));
      if (insecure) f.add("--ignore-certificate-errors");
      else if (!trustedKeys.isEmpty()) f.add("--ignore-certificate-errors-spki-list=" + String.join(",", trustedKeys));
      return f;
    }
  }

  /**
   * The login to perform.
   *
   * @param userField {@code --user-field}: a CSS selector or a field name; null: found by type, autocomplete,
   *     name and label
   */
  public record Login(URI page, String user, String password, @Nullable String userField, @Nullable String passwordField) {
    public Login {
      requireNonNull(page);
      requireNonNull(user);
      requireNonNull(password);
    }

    @Override
    public String toString() {
      return "Login[" + page + "]"; // never the credentials
    }
  }

  private BrowserLogin() {}

  /** Starts Chromium ({@code executable}), signs in, stops it; bounded by {@code deadline}. */
  public static LoginRun run(Path executable, Network network, Login login, Instant deadline, Consumer<String> progress)
      throws BrowserException {
    long t0 = System.nanoTime();
    progress.accept("starting headless Chromium");
    ExecutorService helper = Executors.newVirtualThreadPerTaskExecutor();
    Duration left = Duration.between(Instant.now(), deadline);
    if (left.isNegative() || left.isZero()) throw new BrowserException("stopped: the run took longer than --max-time");
    Duration start = left.compareTo(Duration.ofSeconds(20)) < 0 ? left : Duration.ofSeconds(20);
    try (Chromium chromium = Chromium.launch(executable, null, network.flags(), start)) {
      Duration startup = Duration.ofNanos(System.nanoTime() - t0);
      return new Session(chromium, network, helper, deadline).signIn(login, startup, progress);
    } finally {
      helper.shutdownNow();
    }
  }

  /** One page driven to the end of its login. */
  private static final class Session {
    private final Chromium chromium;
    private final DevToolsConnection cdp;
    private final Network network;
    private final ExecutorService helper;
    private final Instant deadline;
    private final LoginTracker tracker = new LoginTracker();
    /** The console's messages about cookies, in order ({@link ConsoleMessages}). */
    private final List<String> console = new java.util.concurrent.CopyOnWriteArrayList<>();
    private @Nullable String session;

    Session(Chromium chromium, Network network, ExecutorService helper, Instant deadline) {
      this.chromium = chromium;
      this.cdp = chromium.devtools();
      this.network = network;
      this.helper = helper;
      this.deadline = deadline;
    }

    LoginRun signIn(Login login, Duration startup, Consumer<String> progress) throws BrowserException {
      Consumer<DevToolsConnection.Event> listener = this::onEvent;
      cdp.addListener(listener);
      try {
        ObjectNode p = Json.object();
        p.put("url", "about:blank");
        String target = cdp.call("Target.createTarget", p, null, CALL).path("targetId").asText();
        p = Json.object();
        p.put("targetId", target);
        p.put("flatten", true);
        session = cdp.call("Target.attachToTarget", p, null, CALL).path("sessionId").asText();
        call("Network.enable", null);
        p = Json.object();
        p.put("cacheDisabled", true);
        call("Network.setCacheDisabled", p);
        call("Page.enable", null);
        // The console: Chromium's own cookie messages (Log) and the page's console calls (Runtime).
        call("Log.enable", null);
        call("Runtime.enable", null);
        p = Json.object();
        p.putArray("patterns").addObject().put("urlPattern", "*").put("requestStage", "Request");
        call("Fetch.enable", p);

        progress.accept("Chromium opens the login page");
        p = Json.object();
        p.put("url", login.page().toString());
        JsonNode nav = call("Page.navigate", p);
        String navError = nav.path("errorText").asText("");
        settle(Duration.ofSeconds(20));
        String failure = null;
        String fields = null;
        if (!navError.isEmpty()) {
          failure = "Chromium could not open the login page: " + navError;
        } else {
          JsonNode found = evaluate(LoginForm.FIND + "(" + Json.mapper().valueToTree(selectors(login)) + ")");
          if (found.hasNonNull("error")) {
            failure = found.get("error").asText();
          } else {
            fields = found.path("described").asText();
            progress.accept("Chromium types the credentials and submits");
            type("user", login.user());
            type("password", login.password());
            tracker.submitted();
            submit(found.path("form").asBoolean(false));
            settle(Duration.ofSeconds(20));
          }
        }
        tracker.awaitBodies(remaining(Duration.ofSeconds(5)));
        List<LoginRun.Cookie> cookies = cookies();
        Map<String, String> storage = storage();
        URI finalUrl = currentUrl();
        return new LoginRun(chromium.version(), tracker.hops(), fields, failure, cookies, storage, finalUrl, startup,
            List.copyOf(console));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrowserException("interrupted while Chromium signed in");
      } finally {
        cdp.removeListener(listener);
      }
    }

    private static Map<String, String> selectors(Login login) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("user", login.userField() == null ? "" : login.userField());
      m.put("password", login.passwordField() == null ? "" : login.passwordField());
      return m;
    }

    private JsonNode call(String method, @Nullable ObjectNode params) throws BrowserException {
      return cdp.call(method, params, session, remaining(CALL));
    }

    private Duration remaining(Duration cap) throws BrowserException {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) throw new BrowserException("stopped: the run took longer than --max-time");
      return left.compareTo(cap) < 0 ? left : cap;
    }

    private JsonNode evaluate(String expression) throws BrowserException {
      ObjectNode p = Json.object();
      p.put("expression", expression);
      p.put("returnByValue", true);
      p.put("awaitPromise", true);
      JsonNode r = call("Runtime.evaluate", p);
      if (r.has("exceptionDetails")) {
        throw new BrowserException("the page's script failed: " + r.path("exceptionDetails").path("text").asText());
      }
      return r.path("result").path("value");
    }

    /** Focuses the field marked {@code which} and types {@code text} into it, as a keyboard's input would. */
    private void type(String which, String text) throws BrowserException {
      evaluate("(() => { const e = document.querySelector('[data-authdoctor-field=\"" + which + "\"]');"
          + " e.focus(); e.select && e.select(); return true; })()");
      ObjectNode p = Json.object();
      p.put("text", text);
      call("Input.insertText", p);
    }

    /** Enter in the password field submits its form (HTML "implicit submission"); without a form, its button is clicked. */
    private void submit(boolean form) throws BrowserException {
      if (form) {
        for (String type : List.of("keyDown", "keyUp")) {
          ObjectNode p = Json.object();
          p.put("type", type);
          p.put("key", "Enter");
          p.put("code", "Enter");
          p.put("windowsVirtualKeyCode", 13);
          if (type.equals("keyDown")) p.put("text", "\r");
          call("Input.dispatchKeyEvent", p);
        }
        return;
      }
      JsonNode box = evaluate(LoginForm.BUTTON);
      if (!box.hasNonNull("x")) throw new BrowserException("no button to submit the login with next to the password field");
      for (String type : List.of("mousePressed", "mouseReleased")) {
        ObjectNode p = Json.object();
        p.put("type", type);
        p.put("x", box.get("x").asDouble());
        p.put("y", box.get("y").asDouble());
        p.put("button", "left");
        p.put("clickCount", 1);
        call("Input.dispatchMouseEvent", p);
      }
    }

    private void settle(Duration cap) throws BrowserException, InterruptedException {
      tracker.awaitQuiet(QUIET, System.nanoTime() + remaining(cap).toNanos());
    }

    private List<LoginRun.Cookie> cookies() throws BrowserException {
      List<LoginRun.Cookie> out = new ArrayList<>();
      for (JsonNode c : cdp.call("Storage.getCookies", null, null, remaining(CALL)).path("cookies")) {
        double exp = c.path("expires").asDouble(-1);
        boolean session = c.path("session").asBoolean(exp < 0);
        out.add(new LoginRun.Cookie(c.path("name").asText(), c.path("value").asText(), c.path("domain").asText(),
            c.path("path").asText(), c.path("secure").asBoolean(), c.path("httpOnly").asBoolean(),
            c.path("sameSite").asText(""), session ? null : Instant.ofEpochMilli((long) (exp * 1000))));
      }
      return out;
    }

    private Map<String, String> storage() throws BrowserException {
      JsonNode v = evaluate("(() => { const o = {}; for (const s of [localStorage, sessionStorage])"
          + " for (let i = 0; i < s.length; i++) o[s.key(i)] = String(s.getItem(s.key(i))); return o; })()");
      Map<String, String> out = new LinkedHashMap<>();
      for (Iterator<Map.Entry<String, JsonNode>> it = v.fields(); it.hasNext(); ) {
        var e = it.next();
        out.putIfAbsent(e.getKey(), e.getValue().asText());
      }
      return out;
    }

    private @Nullable URI currentUrl() throws BrowserException {
      String href = evaluate("location.href").asText("");
      try {
        return href.isEmpty() ? null : URI.create(href);
      } catch (IllegalArgumentException e) {
        return null;
      }
    }

    private void onEvent(DevToolsConnection.Event e) {
      if (session == null || !session.equals(e.sessionId())) return;
      if (e.method().equals("Fetch.requestPaused")) {
        // Not on the socket thread: the answer arrives on that very thread.
        helper.execute(() -> decide(e.params()));
      } else if (e.method().startsWith("Network.")) {
        String finished = tracker.onEvent(e);
        if (finished != null) helper.execute(() -> body(finished));
      } else if (console.size() < ConsoleMessages.KEPT) {
        String line = ConsoleMessages.of(e.method(), e.params());
        if (line != null) console.add(line);
      }
    }

    /** Lets the request go on, or fails it when the probe may not reach its URL. */
    private void decide(JsonNode paused) {
      ObjectNode p = Json.object();
      p.put("requestId", paused.path("requestId").asText());
      String url = paused.path("request").path("url").asText("");
      boolean ok;
      try {
        URI u = URI.create(url);
        JsonNode body = paused.path("request").get("postData");
        ok = u.getScheme() != null && (u.getScheme().equals("data")
            || network.allowed().test(u, body == null ? postData(paused.path("request")) : body.asText()));
      } catch (IllegalArgumentException ex) {
        ok = false;
      }
      if (!ok) p.put("errorReason", "BlockedByClient");
      try {
        cdp.call(ok ? "Fetch.continueRequest" : "Fetch.failRequest", p, session, CALL);
      } catch (BrowserException ex) {
        // the page went away, or the browser is closing
      }
    }

    private void body(String requestId) {
      ObjectNode p = Json.object();
      p.put("requestId", requestId);
      String text = "";
      try {
        JsonNode b = cdp.call("Network.getResponseBody", p, session, CALL);
        text = b.path("base64Encoded").asBoolean() ? "" : b.path("body").asText("");
      } catch (BrowserException ex) {
        // evicted or never kept (a redirect): no body
      }
      tracker.body(requestId, text.length() > BODY_LIMIT ? text.substring(0, BODY_LIMIT) : text);
    }
  }

  /** A request's body from {@code postDataEntries} (base64), null when it has none. */
  static @Nullable String postData(JsonNode request) {
    if (!request.path("hasPostData").asBoolean(false)) return null;
    StringBuilder sb = new StringBuilder();
    for (JsonNode entry : request.path("postDataEntries")) {
      sb.append(new String(Base64.getDecoder().decode(entry.path("bytes").asText("")), StandardCharsets.UTF_8));
    }
    return sb.toString();
  }

  static List<HeaderField> headers(JsonNode object) {
    List<HeaderField> out = new ArrayList<>();
    for (Iterator<Map.Entry<String, JsonNode>> it = object.fields(); it.hasNext(); ) {
      var e = it.next();
      // DevTools joins repeated headers (Set-Cookie) with a newline.
      for (String v : e.getValue().asText("").split("\n", -1)) out.add(new HeaderField(e.getKey(), v));
    }
    return out;
  }
}
