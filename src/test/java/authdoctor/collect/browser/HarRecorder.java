package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Records a user's steps in real headless Chromium the way the browser's network panel does, for the
 * tests of {@code authdoctor har}: typed URLs, form fields typed and submitted with a click, reloads.
 * Every {@code Page.*} and {@code Network.*} event of the tab is kept in order (responses with the
 * body {@code Network.getResponseBody} gives), and {@link #save} turns them into HAR 1.2 with the npm
 * converter {@code chrome-har} ({@code lab/node/har.mjs}), not with authdoctor's code, so that a test
 * of the {@code har} command does not read a file its own code wrote.
 *
 * <p>Network: only the pinned hosts resolve (to 127.0.0.1), every other name fails; the only
 * certificates accepted are those whose keys are given (the lab's, verified against its CA).
 */
public final class HarRecorder implements AutoCloseable {
  private static final Duration CALL = Duration.ofSeconds(10);
  /** A step is done after this long with no request in flight and no new event. */
  private static final Duration QUIET = Duration.ofMillis(400);
  private static final Duration STEP = Duration.ofSeconds(30);

  private final Chromium chromium;
  private final DevToolsConnection cdp;
  private final ExecutorService helper = Executors.newVirtualThreadPerTaskExecutor();
  private final Consumer<DevToolsConnection.Event> listener = this::onEvent;
  private final String session;
  /** Guarded by {@code this}: the events, the requests in flight, the bodies still being fetched. */
  private final List<ObjectNode> events = new ArrayList<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Map<String, ObjectNode> lastResponse = new HashMap<>();
  private int bodiesPending;
  private long lastEventNanos = System.nanoTime();
  private int requestsStarted;

  private HarRecorder(Chromium chromium) throws BrowserException {
    this.chromium = chromium;
    this.cdp = chromium.devtools();
    cdp.addListener(listener);
    ObjectNode p = Json.object();
    p.put("url", "about:blank");
    String target = cdp.call("Target.createTarget", p, null, CALL).path("targetId").asText();
    p = Json.object();
    p.put("targetId", target);
    p.put("flatten", true);
    this.session = cdp.call("Target.attachToTarget", p, null, CALL).path("sessionId").asText();
    call("Page.enable", null);
    call("Network.enable", null);
  }

  /**
   * Starts Chromium with a fresh profile.
   *
   * @param hostMaps {@code host → address} pins (the lab's {@code --resolve})
   * @param trustedKeys base64 SHA-256 SPKI hashes of the certificates to accept
   */
  public static HarRecorder start(Map<String, String> hostMaps, List<String> trustedKeys) throws BrowserException {
    BrowserLogin.Network network = new BrowserLogin.Network(hostMaps, List.of(), false, trustedKeys, (u, b) -> true);
    Chromium chromium = Chromium.launch(Chromium.findExecutable().orElseThrow(Chromium::notFound), null,
        network.flags(), Duration.ofSeconds(60));
    try {
      return new HarRecorder(chromium);
    } catch (BrowserException | RuntimeException e) {
      chromium.close();
      throw e;
    }
  }

  /** Types {@code url} into the address bar and waits until the page and what it loads are done. */
  public void open(URI url) throws BrowserException {
    ObjectNode p = Json.object();
    p.put("url", url.toString());
    p.put("transitionType", "typed");
    int before = started();
    call("Page.navigate", p);
    settle(before);
  }

  /** Reloads the page, as the user's F5 does. */
  public void reload() throws BrowserException {
    int before = started();
    call("Page.reload", null);
    settle(before);
  }

  /** Focuses the input named {@code name} and types {@code text} into it, as a keyboard would. */
  public void type(String name, String text) throws BrowserException {
    JsonNode found = evaluate("(() => { const e = document.querySelector('input[name=\"' + CSS.escape("
        + Json.mapper().valueToTree(name) + ") + '\"]'); if (!e) return false; e.focus(); e.select(); return true; })()");
    if (!found.asBoolean()) throw new BrowserException("no input named " + name + " on " + evaluate("location.href").asText());
    ObjectNode p = Json.object();
    p.put("text", text);
    call("Input.insertText", p);
  }

  /** Clicks the first element {@code selector} matches with the mouse and waits for what it loads. */
  public void click(String selector) throws BrowserException {
    JsonNode box = evaluate("(() => { const e = document.querySelector(" + Json.mapper().valueToTree(selector)
        + "); if (!e) return {}; e.scrollIntoView(); const r = e.getBoundingClientRect();"
        + " return {x: r.x + r.width / 2, y: r.y + r.height / 2}; })()");
    if (!box.hasNonNull("x")) throw new BrowserException("nothing matches " + selector + " on " + evaluate("location.href").asText());
    int before = started();
    for (String type : List.of("mousePressed", "mouseReleased")) {
      ObjectNode p = Json.object();
      p.put("type", type);
      p.put("x", box.get("x").asDouble());
      p.put("y", box.get("y").asDouble());
      p.put("button", "left");
      p.put("clickCount", 1);
      call("Input.dispatchMouseEvent", p);
    }
    settle(before);
  }

  /**
   * Puts a cookie into the browser's jar behind the page's back ({@code Network.setCookie}), as a value
   * captured earlier and replayed would arrive: the recording shows it only in the next request's
   * {@code Cookie} header.
   */
  public void putCookie(URI url, String name, String value) throws BrowserException {
    ObjectNode p = Json.object();
    p.put("url", url.toString());
    p.put("name", name);
    p.put("value", value);
    p.put("secure", url.getScheme().equals("https"));
    p.put("httpOnly", true);
    call("Network.setCookie", p);
  }

  /** The value of the cookie {@code name} the browser would send to {@code url}, null when it has none. */
  public @Nullable String cookie(URI url, String name) throws BrowserException {
    ObjectNode p = Json.object();
    p.putArray("urls").add(url.toString());
    for (JsonNode c : call("Network.getCookies", p).path("cookies")) {
      if (c.path("name").asText().equals(name)) return c.path("value").asText();
    }
    return null;
  }

  /** The events recorded so far, in the order the browser sent them. */
  public synchronized List<ObjectNode> events() {
    return List.copyOf(events);
  }

  /**
   * Writes the events to {@code dir/events.json} and converts them with chrome-har into {@code
   * dir/recording.har} and the browser's sanitized export {@code dir/recording.sanitized.har}.
   */
  public Recording save(Path lab, Path dir) throws IOException, BrowserException {
    awaitBodies();
    Files.createDirectories(dir);
    Path events = dir.resolve("events.json");
    ArrayNode all = Json.mapper().createArrayNode();
    synchronized (this) {
      all.addAll(this.events);
    }
    Files.writeString(events, Json.mapper().writeValueAsString(all), StandardCharsets.UTF_8);
    Path har = dir.resolve("recording.har");
    Path sanitized = dir.resolve("recording.sanitized.har");
    convert(lab, events, har, false);
    convert(lab, events, sanitized, true);
    return new Recording(har, sanitized, events);
  }

  /**
   * A recording on disk.
   *
   * @param har the full export (cookies, authorization headers, bodies)
   * @param sanitized the same without Cookie, Set-Cookie and Authorization, as "Export HAR (sanitized)"
   * @param events the DevTools events both were made from
   */
  public record Recording(Path har, Path sanitized, Path events) {
    public Recording {
      requireNonNull(har);
      requireNonNull(sanitized);
      requireNonNull(events);
    }
  }

  /** Runs {@code node lab/node/har.mjs}: chrome-har turns the events into HAR. */
  static void convert(Path lab, Path events, Path out, boolean sanitized) throws IOException, BrowserException {
    List<String> cmd = new ArrayList<>(List.of("node", lab.resolve("node").resolve("har.mjs").toString(),
        events.toString(), out.toString()));
    if (sanitized) cmd.add("--sanitized");
    Path log = Files.createTempFile("chrome-har", ".log");
    try {
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new BrowserException("chrome-har did not finish within 60 s");
      }
      if (p.exitValue() != 0) {
        throw new BrowserException("chrome-har failed (exit " + p.exitValue() + "): " + Files.readString(log, StandardCharsets.UTF_8));
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while chrome-har ran");
    } finally {
      Files.deleteIfExists(log);
    }
  }

  @Override
  public void close() {
    cdp.removeListener(listener);
    helper.shutdownNow();
    chromium.close();
  }

  private JsonNode call(String method, @Nullable ObjectNode params) throws BrowserException {
    return cdp.call(method, params, session, CALL);
  }

  private JsonNode evaluate(String expression) throws BrowserException {
    ObjectNode p = Json.object();
    p.put("expression", expression);
    p.put("returnByValue", true);
    JsonNode r = call("Runtime.evaluate", p);
    if (r.has("exceptionDetails")) {
      throw new BrowserException("the page's script failed: " + r.path("exceptionDetails").path("text").asText());
    }
    return r.path("result").path("value");
  }

  private synchronized int started() {
    return requestsStarted;
  }

  /**
   * Waits until a request started after {@code before} and the network has been quiet for {@link
   * #QUIET}, with every body fetched.
   */
  private synchronized void settle(int before) throws BrowserException {
    long deadline = System.nanoTime() + STEP.toNanos();
    while (true) {
      long now = System.nanoTime();
      long quietFor = now - lastEventNanos;
      if (requestsStarted > before && inFlight.isEmpty() && bodiesPending == 0 && quietFor >= QUIET.toNanos()) return;
      if (now >= deadline) {
        throw new BrowserException("the page did not settle within " + STEP.toSeconds() + " s (" + inFlight.size()
            + " requests in flight, " + (requestsStarted - before) + " started)");
      }
      try {
        wait(Math.max(1, Math.min(50, (deadline - now) / 1_000_000)));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrowserException("interrupted while the page loaded");
      }
    }
  }

  private synchronized void awaitBodies() throws BrowserException {
    long deadline = System.nanoTime() + CALL.toNanos();
    while (bodiesPending > 0) {
      long left = deadline - System.nanoTime();
      if (left <= 0) throw new BrowserException(bodiesPending + " response bodies were not fetched in time");
      try {
        wait(left / 1_000_000 + 1);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BrowserException("interrupted while fetching bodies");
      }
    }
  }

  private void onEvent(DevToolsConnection.Event e) {
    if (!session.equals(e.sessionId())) return;
    if (!e.method().startsWith("Network.") && !e.method().startsWith("Page.")) return;
    String finished = null;
    synchronized (this) {
      ObjectNode event = Json.object();
      event.put("method", e.method());
      event.set("params", e.params());
      events.add(event);
      lastEventNanos = System.nanoTime();
      String id = e.params().path("requestId").asText("");
      switch (e.method()) {
        case "Network.requestWillBeSent" -> {
          if (inFlight.add(id) || e.params().has("redirectResponse")) requestsStarted++;
        }
        case "Network.responseReceived" -> {
          if (e.params().path("response") instanceof ObjectNode response) lastResponse.put(id, response);
        }
        case "Network.loadingFinished" -> {
          inFlight.remove(id);
          if (lastResponse.containsKey(id)) {
            bodiesPending++;
            finished = id;
          }
        }
        case "Network.loadingFailed" -> inFlight.remove(id);
        default -> {}
      }
      notifyAll();
    }
    if (finished != null) {
      String id = finished;
      // Not on the socket thread: the answer arrives on that very thread.
      helper.execute(() -> fetchBody(id));
    }
  }

  /** Sets {@code response.body} of the request's last response, for chrome-har's {@code content.text}. */
  private void fetchBody(String requestId) {
    ObjectNode p = Json.object();
    p.put("requestId", requestId);
    JsonNode body = null;
    try {
      body = cdp.call("Network.getResponseBody", p, session, CALL);
    } catch (BrowserException ex) {
      // a redirect or an evicted body: the entry keeps no text, as in the browser's own export
    }
    synchronized (this) {
      ObjectNode response = lastResponse.remove(requestId);
      if (response != null && body != null && !body.path("base64Encoded").asBoolean()) {
        response.put("body", body.path("body").asText(""));
      }
      bodiesPending--;
      notifyAll();
    }
  }
}
