package authdoctor.collect.browser;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;

/**
 * Network events of one browser context, gathered per request id as they arrive on the socket thread.
 * Only names, attributes and reasons are kept: the value of every cookie is dropped on arrival.
 */
final class NetworkLog {
  /** One request as DevTools reported it; the lists fill in as the extra-info events arrive. */
  static final class Entry {
    final String requestId;
    final long sequence;
    /** The URL of the last hop (a redirect, e.g. an HSTS upgrade, keeps the request id). */
    @Nullable String url;
    /** The URL first requested. */
    @Nullable String firstUrl;
    @Nullable String method;
    @Nullable String type;
    @Nullable List<SendOutcome> associated;
    @Nullable List<Blocked> blockedSetCookies;
    boolean responseExtraInfo;
    boolean finished;
    @Nullable String failure;

    Entry(String requestId, long sequence) {
      this.requestId = requestId;
      this.sequence = sequence;
    }
  }

  /** One {@code blockedCookies[]} item of {@code Network.responseReceivedExtraInfo}. */
  record Blocked(String cookieLine, List<String> reasons) {}

  private final Map<String, Entry> entries = new LinkedHashMap<>();
  private long sequence;

  synchronized long mark() {
    return sequence;
  }

  synchronized void onEvent(DevToolsConnection.Event e) {
    JsonNode p = e.params();
    String id = p.path("requestId").asText("");
    if (id.isEmpty()) return;
    switch (e.method()) {
      case "Network.requestWillBeSent" -> {
        Entry entry = entry(id);
        JsonNode request = p.path("request");
        entry.url = request.path("url").asText();
        if (entry.firstUrl == null) entry.firstUrl = entry.url;
        entry.method = request.path("method").asText();
        entry.type = p.path("type").asText("");
      }
      case "Network.requestWillBeSentExtraInfo" -> entry(id).associated = associated(p);
      case "Network.responseReceivedExtraInfo" -> {
        List<Blocked> blocked = new ArrayList<>();
        for (JsonNode b : p.path("blockedCookies")) {
          List<String> reasons = new ArrayList<>();
          for (JsonNode r : b.path("blockedReasons")) reasons.add(r.asText());
          blocked.add(new Blocked(b.path("cookieLine").asText(), reasons));
        }
        Entry entry = entry(id);
        entry.blockedSetCookies = blocked;
        entry.responseExtraInfo = true;
      }
      case "Network.loadingFinished" -> entry(id).finished = true;
      case "Network.loadingFailed" -> {
        Entry entry = entry(id);
        entry.finished = true;
        entry.failure = failure(p);
      }
      default -> {}
    }
    notifyAll();
  }

  /** {@code associatedCookies} of {@code Network.requestWillBeSentExtraInfo}: each cookie, sent or not, with its reasons. */
  static List<SendOutcome> associated(JsonNode params) {
    List<SendOutcome> cookies = new ArrayList<>();
    for (JsonNode c : params.path("associatedCookies")) {
      JsonNode cookie = c.path("cookie");
      List<String> reasons = new ArrayList<>();
      for (JsonNode r : c.path("blockedReasons")) reasons.add(r.asText());
      cookies.add(
          new SendOutcome(
              cookie.path("name").asText(), cookie.path("domain").asText(), cookie.path("path").asText(), reasons.isEmpty(), reasons));
    }
    return cookies;
  }

  /** Why a request failed, from {@code Network.loadingFailed}: the error, and what blocked it. */
  static String failure(JsonNode params) {
    String blocked = params.path("blockedReason").asText("");
    String cors = params.path("corsErrorStatus").path("corsError").asText("");
    return params.path("errorText").asText("failed") + (blocked.isEmpty() ? "" : " (" + blocked + ")")
        + (cors.isEmpty() ? "" : " (CORS " + cors + ")");
  }

  private Entry entry(String id) {
    return entries.computeIfAbsent(id, k -> new Entry(k, ++sequence));
  }

  /** Waits until an entry seen after {@code mark} satisfies {@code done}; empty at the deadline. */
  synchronized Optional<Entry> await(long mark, Predicate<Entry> done, long deadlineNanos) throws InterruptedException {
    while (true) {
      for (Entry e : entries.values()) {
        if (e.sequence > mark && done.test(e)) return Optional.of(e);
      }
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) return Optional.empty();
      wait(Math.max(1, left / 1_000_000));
    }
  }

  /** Waits until {@code done} holds for {@code entry}, or the deadline passes. */
  synchronized boolean await(Entry entry, Predicate<Entry> done, long deadlineNanos) throws InterruptedException {
    while (!done.test(entry)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) return false;
      wait(Math.max(1, left / 1_000_000));
    }
    return true;
  }

  /** A short, value-free description of the entries after {@code mark}, for error messages. */
  synchronized String describe(long mark) {
    StringBuilder sb = new StringBuilder();
    for (Entry e : entries.values()) {
      if (e.sequence <= mark) continue;
      if (sb.length() > 0) sb.append("; ");
      sb.append(e.method).append(' ').append(e.url).append(e.finished ? e.failure == null ? " done" : " failed " + e.failure : " pending");
    }
    return sb.length() == 0 ? "no requests" : sb.toString();
  }
}
