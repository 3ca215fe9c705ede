package authdoctor.collect.browser;

import authdoctor.observation.HeaderField;
import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The network events of {@link BrowserLogin}'s page, gathered into hops as they arrive on the socket
 * thread. A redirect keeps its request id, so hops are numbered per request; the extra-info events (the
 * headers on the wire, the cookie verdicts) may come before or after the main ones and are matched to
 * the hops of their request in order.
 */
final class LoginTracker {
  private static final class Hop {
    final String requestId;
    final String type;
    final boolean afterSubmit;
    final boolean redirectOf;
    final String method;
    final URI url;
    final List<HeaderField> sentHeaders;
    final @Nullable String postData;
    final long started = System.nanoTime();
    long ended;
    int status;
    String protocol = "";
    List<HeaderField> receivedHeaders = List.of();
    String body = "";
    @Nullable String failure;

    Hop(String requestId, String type, boolean afterSubmit, boolean redirectOf, String method, URI url,
        List<HeaderField> sentHeaders, @Nullable String postData) {
      this.requestId = requestId;
      this.type = type;
      this.afterSubmit = afterSubmit;
      this.redirectOf = redirectOf;
      this.method = method;
      this.url = url;
      this.sentHeaders = sentHeaders;
      this.postData = postData;
    }
  }

  /** {@code requestWillBeSentExtraInfo} of one hop. */
  private record SentExtra(List<HeaderField> headers, List<SendOutcome> associated) {}

  /** {@code responseReceivedExtraInfo} of one hop. */
  private record ReceivedExtra(List<HeaderField> headers, int status, List<LoginRun.Blocked> blocked) {}

  private final List<Hop> hops = new ArrayList<>();
  private final Map<String, List<SentExtra>> sent = new HashMap<>();
  private final Map<String, List<ReceivedExtra>> received = new HashMap<>();
  private final Set<String> inFlight = new HashSet<>();
  private final Set<String> bodiesPending = new HashSet<>();
  private long lastActivity = System.nanoTime();
  private boolean submitted;

  synchronized void submitted() {
    submitted = true;
    lastActivity = System.nanoTime();
  }

  /** Records one event; returns the request id whose body is worth reading now, or null. */
  synchronized @Nullable String onEvent(DevToolsConnection.Event e) {
    JsonNode p = e.params();
    String id = p.path("requestId").asText("");
    if (id.isEmpty()) return null;
    lastActivity = System.nanoTime();
    String readBody = null;
    switch (e.method()) {
      case "Network.requestWillBeSent" -> {
        JsonNode redirect = p.get("redirectResponse");
        Hop previous = last(id);
        if (redirect != null && previous != null) {
          respond(previous, redirect);
          previous.ended = System.nanoTime();
        }
        JsonNode r = p.path("request");
        URI url;
        try {
          url = URI.create(r.path("url").asText());
        } catch (IllegalArgumentException ex) {
          break;
        }
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) break;
        String postData = r.has("postData") ? r.get("postData").asText() : BrowserLogin.postData(r);
        hops.add(new Hop(id, p.path("type").asText("Other"), submitted, redirect != null && previous != null,
            r.path("method").asText("GET"), url, BrowserLogin.headers(r.path("headers")), postData));
        inFlight.add(id);
      }
      case "Network.requestWillBeSentExtraInfo" -> {
        sent.computeIfAbsent(id, k -> new ArrayList<>())
            .add(new SentExtra(BrowserLogin.headers(p.path("headers")), NetworkLog.associated(p)));
      }
      case "Network.responseReceivedExtraInfo" -> {
        List<LoginRun.Blocked> blocked = new ArrayList<>();
        for (JsonNode b : p.path("blockedCookies")) {
          List<String> reasons = new ArrayList<>();
          for (JsonNode r : b.path("blockedReasons")) reasons.add(r.asText());
          blocked.add(new LoginRun.Blocked(b.path("cookieLine").asText(), reasons));
        }
        received.computeIfAbsent(id, k -> new ArrayList<>())
            .add(new ReceivedExtra(BrowserLogin.headers(p.path("headers")), p.path("statusCode").asInt(0), blocked));
      }
      case "Network.responseReceived" -> {
        Hop h = last(id);
        if (h != null) respond(h, p.path("response"));
      }
      case "Network.loadingFinished" -> {
        Hop h = last(id);
        inFlight.remove(id);
        if (h != null) {
          h.ended = System.nanoTime();
          if (h.type.equals("Document") || h.type.equals("XHR") || h.type.equals("Fetch")) {
            bodiesPending.add(id);
            readBody = id;
          }
        }
      }
      case "Network.loadingFailed" -> {
        Hop h = last(id);
        inFlight.remove(id);
        if (h != null) {
          h.ended = System.nanoTime();
          h.failure = NetworkLog.failure(p);
        }
      }
      default -> {}
    }
    notifyAll();
    return readBody;
  }

  private static void respond(Hop h, JsonNode response) {
    h.status = response.path("status").asInt(0);
    h.protocol = response.path("protocol").asText("");
    if (h.receivedHeaders.isEmpty()) h.receivedHeaders = BrowserLogin.headers(response.path("headers"));
  }

  private @Nullable Hop last(String id) {
    for (int i = hops.size() - 1; i >= 0; i--) if (hops.get(i).requestId.equals(id)) return hops.get(i);
    return null;
  }

  synchronized void body(String requestId, String text) {
    Hop h = last(requestId);
    if (h != null) h.body = text;
    bodiesPending.remove(requestId);
    notifyAll();
  }

  /** Waits until no request has been in flight for {@code quiet}, or the deadline. */
  synchronized void awaitQuiet(Duration quiet, long deadlineNanos) throws InterruptedException {
    while (true) {
      long now = System.nanoTime();
      if (now >= deadlineNanos) return;
      long idle = now - lastActivity;
      if (inFlight.isEmpty() && idle >= quiet.toNanos()) return;
      long wait = inFlight.isEmpty() ? quiet.toNanos() - idle : quiet.toNanos();
      wait(Math.max(1, Math.min(wait, deadlineNanos - now) / 1_000_000));
    }
  }

  /** Waits until the bodies asked for have arrived, at most {@code cap}. */
  synchronized void awaitBodies(Duration cap) throws InterruptedException {
    long deadline = System.nanoTime() + cap.toNanos();
    while (!bodiesPending.isEmpty()) {
      long left = deadline - System.nanoTime();
      if (left <= 0) return;
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** The hops so far, each with the extra-info of its request matched in order. */
  synchronized List<LoginRun.Hop> hops() {
    Map<String, Integer> index = new HashMap<>();
    List<LoginRun.Hop> out = new ArrayList<>();
    for (Hop h : hops) {
      int i = index.merge(h.requestId, 1, Integer::sum) - 1;
      List<SentExtra> s = sent.getOrDefault(h.requestId, List.of());
      List<ReceivedExtra> r = received.getOrDefault(h.requestId, List.of());
      SentExtra se = i < s.size() ? s.get(i) : null;
      ReceivedExtra re = i < r.size() ? r.get(i) : null;
      List<HeaderField> request = se != null && !se.headers().isEmpty() ? se.headers() : h.sentHeaders;
      List<HeaderField> response = re != null && !re.headers().isEmpty() ? re.headers() : h.receivedHeaders;
      int status = h.status != 0 ? h.status : re != null ? re.status() : 0;
      long end = h.ended == 0 ? System.nanoTime() : h.ended;
      out.add(new LoginRun.Hop(h.requestId, h.type, h.afterSubmit, h.redirectOf, h.method, h.url, request, h.postData,
          status, h.protocol, response, h.body, re == null ? List.of() : re.blocked(),
          se == null ? List.of() : se.associated(), status == 0 ? h.failure : null, Duration.ofNanos(end - h.started)));
    }
    return out;
  }
}
