package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A local file opened in real headless Chromium over the project's DevTools driver, for tests of the HTML
 * report: what the page wrote to the console as errors (console errors, uncaught exceptions, CSP
 * violations), every request it made, script evaluation and a full-page screenshot.
 */
public final class ReportPage implements AutoCloseable {
  private static final Duration TIMEOUT = Duration.ofSeconds(20);

  private final Chromium chromium;
  private final DevToolsConnection cdp;
  private final Consumer<DevToolsConnection.Event> listener;
  private final List<String> errors = new CopyOnWriteArrayList<>();
  private final List<String> requests = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> loaded = new CompletableFuture<>();
  private volatile String session = "";

  private ReportPage(Chromium chromium) {
    this.chromium = chromium;
    this.cdp = chromium.devtools();
    this.listener = this::onEvent;
  }

  /** Opens {@code file} in a fresh headless Chromium of {@code width}×{@code height} CSS pixels and waits for its load event. */
  public static ReportPage open(Path file, int width, int height) throws Exception {
    ReportPage page = new ReportPage(Chromium.launch(null));
    try {
      page.load(file, width, height);
      return page;
    } catch (Exception | Error e) {
      page.close();
      throw e;
    }
  }

  private void load(Path file, int width, int height) throws Exception {
    cdp.addListener(listener);
    ObjectNode p = Json.object();
    p.put("url", "about:blank");
    String target = cdp.call("Target.createTarget", p, null, TIMEOUT).path("targetId").asText();
    p = Json.object();
    p.put("targetId", target);
    p.put("flatten", true);
    session = cdp.call("Target.attachToTarget", p, null, TIMEOUT).path("sessionId").asText();
    for (String domain : List.of("Runtime", "Log", "Network", "Page")) cdp.call(domain + ".enable", null, session, TIMEOUT);
    p = Json.object();
    p.put("width", width);
    p.put("height", height);
    p.put("deviceScaleFactor", 1);
    p.put("mobile", false);
    cdp.call("Emulation.setDeviceMetricsOverride", p, session, TIMEOUT);
    p = Json.object();
    p.put("url", file.toUri().toString());
    JsonNode nav = cdp.call("Page.navigate", p, session, TIMEOUT);
    if (nav.hasNonNull("errorText")) throw new BrowserException("cannot open " + file + ": " + nav.path("errorText").asText());
    loaded.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
  }

  private void onEvent(DevToolsConnection.Event e) {
    if (!session.equals(e.sessionId())) return;
    JsonNode p = e.params();
    switch (e.method()) {
      case "Page.loadEventFired" -> loaded.complete(null);
      case "Network.requestWillBeSent" -> requests.add(p.path("request").path("url").asText());
      case "Runtime.exceptionThrown" -> errors.add("exception: " + p.path("exceptionDetails").path("exception").path("description").asText(
          p.path("exceptionDetails").path("text").asText()));
      case "Runtime.consoleAPICalled" -> {
        String type = p.path("type").asText();
        if (type.equals("error") || type.equals("assert") || type.equals("warning")) errors.add("console." + type + ": " + p.path("args"));
      }
      case "Log.entryAdded" -> {
        String level = p.path("entry").path("level").asText();
        if (level.equals("error") || level.equals("warning")) errors.add("log " + level + ": " + p.path("entry").path("text").asText());
      }
      default -> {}
    }
  }

  /** The console errors and warnings, uncaught exceptions and security (CSP) violations so far. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** The URL of every request the page made, the page itself included. */
  public List<String> requests() {
    return List.copyOf(requests);
  }

  /** Evaluates {@code expression} in the page and returns its value (a JSON value: string, number, boolean). */
  public JsonNode eval(String expression) throws BrowserException {
    ObjectNode p = Json.object();
    p.put("expression", expression);
    p.put("returnByValue", true);
    p.put("userGesture", true);
    JsonNode r = cdp.call("Runtime.evaluate", p, session, TIMEOUT);
    if (r.has("exceptionDetails")) throw new BrowserException("evaluating " + expression + ": " + r.path("exceptionDetails"));
    return r.path("result").path("value");
  }

  /** A key pressed and released on the focused element. */
  public void press(String key, String code, int keyCode) throws BrowserException {
    for (String type : List.of("keyDown", "keyUp")) {
      ObjectNode p = Json.object();
      p.put("type", type);
      p.put("key", key);
      p.put("code", code);
      p.put("windowsVirtualKeyCode", keyCode);
      cdp.call("Input.dispatchKeyEvent", p, session, TIMEOUT);
    }
  }

  /** A PNG of the whole page. */
  public byte[] screenshot() throws BrowserException {
    ObjectNode p = Json.object();
    p.put("format", "png");
    p.put("captureBeyondViewport", true);
    return Base64.getDecoder().decode(cdp.call("Page.captureScreenshot", p, session, TIMEOUT).path("data").asText());
  }

  @Override
  public void close() {
    cdp.removeListener(listener);
    chromium.close();
  }
}
