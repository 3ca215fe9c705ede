package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * A Chrome DevTools protocol connection over the JDK's {@link WebSocket}: commands matched to their
 * answers by id, each with a deadline, and events delivered to listeners. Sessions of attached targets
 * are multiplexed on the one browser socket ("flatten" mode), so every command and event carries an
 * optional {@code sessionId}.
 */
final class DevToolsConnection implements AutoCloseable {
  /** One protocol event: its method, params and the session it came from (null: the browser). */
  record Event(String method, JsonNode params, @Nullable String sessionId) {}

  private final WebSocket socket;
  private final HttpClient client;
  private final AtomicLong ids = new AtomicLong();
  private final Map<Long, CompletableFuture<JsonNode>> pending = new ConcurrentHashMap<>();
  private final List<Consumer<Event>> listeners = new CopyOnWriteArrayList<>();
  private final CompletableFuture<Void> closed = new CompletableFuture<>();

  private DevToolsConnection(WebSocket socket, HttpClient client) {
    this.socket = socket;
    this.client = client;
  }

  static DevToolsConnection open(URI webSocketUrl, Duration timeout) throws BrowserException {
    Receiver receiver = new Receiver();
    WebSocket ws;
    HttpClient client = HttpClient.newBuilder().connectTimeout(timeout).build();
    try {
      ws =
          client
              .newWebSocketBuilder()
              .connectTimeout(timeout)
              .buildAsync(webSocketUrl, receiver)
              .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      client.shutdownNow();
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted while connecting to Chromium's DevTools socket");
    } catch (ExecutionException | TimeoutException e) {
      client.shutdownNow();
      throw new BrowserException("cannot connect to Chromium's DevTools socket " + webSocketUrl + ": " + e);
    }
    DevToolsConnection c = new DevToolsConnection(ws, client);
    receiver.connection = c;
    return c;
  }

  void addListener(Consumer<Event> listener) {
    listeners.add(listener);
  }

  void removeListener(Consumer<Event> listener) {
    listeners.remove(listener);
  }

  /** Sends a command and waits for its result, at most {@code timeout}. */
  JsonNode call(String method, @Nullable ObjectNode params, @Nullable String sessionId, Duration timeout)
      throws BrowserException {
    long id = ids.incrementAndGet();
    ObjectNode msg = Json.object();
    msg.put("id", id);
    msg.put("method", method);
    msg.set("params", params == null ? Json.object() : params);
    if (sessionId != null) msg.put("sessionId", sessionId);
    CompletableFuture<JsonNode> answer = new CompletableFuture<>();
    pending.put(id, answer);
    try {
      String text = Json.mapper().writeValueAsString(msg);
      synchronized (socket) {
        // WebSocket allows one outstanding send; waiting for it keeps frames in order.
        socket.sendText(text, true).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      }
      JsonNode reply = answer.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      JsonNode error = reply.get("error");
      if (error != null) {
        throw new BrowserException(method + " failed: " + error.path("message").asText() + " " + error.path("data").asText(""));
      }
      return reply.path("result");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrowserException("interrupted waiting for " + method);
    } catch (TimeoutException e) {
      throw new BrowserException("Chromium did not answer " + method + " within " + timeout.toMillis() + " ms");
    } catch (ExecutionException e) {
      throw new BrowserException("DevTools connection failed during " + method + ": " + e.getCause(), e.getCause());
    } catch (IOException e) {
      throw new BrowserException("cannot encode " + method + ": " + e.getMessage());
    } finally {
      pending.remove(id);
    }
  }

  boolean isClosed() {
    return closed.isDone();
  }

  private void onMessage(String text) {
    JsonNode msg;
    try {
      msg = Json.mapper().readTree(text);
    } catch (IOException e) {
      return; // not JSON: Chromium never sends this; ignore rather than kill the reader
    }
    JsonNode id = msg.get("id");
    if (id != null) {
      CompletableFuture<JsonNode> f = pending.get(id.asLong());
      if (f != null) f.complete(msg);
      return;
    }
    JsonNode method = msg.get("method");
    if (method == null) return;
    JsonNode session = msg.get("sessionId");
    Event event = new Event(method.asText(), msg.path("params"), session == null ? null : session.asText());
    for (Consumer<Event> l : listeners) {
      try {
        l.accept(event);
      } catch (RuntimeException e) {
        // a listener bug must not stop the reader thread, which every pending call depends on
      }
    }
  }

  private void onClose(String why) {
    closed.complete(null);
    BrowserException gone = new BrowserException("DevTools connection closed: " + why);
    pending.values().forEach(f -> f.completeExceptionally(gone));
  }

  @Override
  public void close() {
    if (closed.isDone()) return;
    try {
      socket.sendClose(WebSocket.NORMAL_CLOSURE, "").get(2, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // the browser is being killed anyway
    }
    socket.abort();
    client.shutdownNow();
    onClose("closed by us");
  }

  /** Reassembles fragmented text frames and hands whole messages to the connection. */
  private static final class Receiver implements WebSocket.Listener {
    volatile @Nullable DevToolsConnection connection;
    private final StringBuilder partial = new StringBuilder();

    @Override
    public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
      partial.append(data);
      if (last) {
        String text = partial.toString();
        partial.setLength(0);
        DevToolsConnection c = connection;
        if (c != null) c.onMessage(text);
      }
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
      ws.request(1);
      return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket ws, int statusCode, String reason) {
      DevToolsConnection c = connection;
      if (c != null) c.onClose("status " + statusCode);
      return null;
    }

    @Override
    public void onError(WebSocket ws, Throwable error) {
      DevToolsConnection c = connection;
      if (c != null) c.onClose(String.valueOf(error));
    }
  }
}
