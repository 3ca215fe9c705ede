package authdoctor.collect.browsing;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SendResult;
import authdoctor.cookie.SetResult;
import authdoctor.cookie.StoredCookie;
import authdoctor.cookie.ThirdPartyCookies;
import authdoctor.observation.CookieSendEvent;
import authdoctor.observation.CookieSetEvent;
import authdoctor.observation.HeaderField;
import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One browser profile walking a flow: its cookie jar (RFC 6265bis as Chromium implements it, see {@link
 * CookieJar}), its clock and its third-party cookie setting. Each request asks it what the browser adds
 * for the {@link RequestKind} ({@link #request}); each response gives it the {@code Set-Cookie} lines
 * ({@link #response}). Both answer with the observations the checks read. Safe for concurrent requests.
 */
public final class BrowserSession {
  private final CookieJar jar;
  private final Clock clock;

  public BrowserSession(Clock clock, ThirdPartyCookies policy) {
    this.clock = requireNonNull(clock);
    this.jar = new CookieJar(clock, policy);
  }

  public BrowserSession(Clock clock) {
    this(clock, ThirdPartyCookies.ALLOWED);
  }

  public Clock clock() {
    return clock;
  }

  /** The jar itself, for callers that show it once the walk is over. */
  public CookieJar jar() {
    return jar;
  }

  /** The cookies the browser holds now. */
  public List<StoredCookie> cookies() {
    synchronized (jar) {
      return List.copyOf(jar.cookies());
    }
  }

  /** The Cookie header the browser would send to {@code url} in {@code ctx}, without recording anything. */
  public @Nullable String cookieHeader(URI url, RequestContext ctx) {
    synchronized (jar) {
      return jar.send(url, ctx).cookieHeader().orElse(null);
    }
  }

  /**
   * What the browser puts on one request.
   *
   * @param context the cookie context, null when the jar was not asked
   * @param initiator {@code Origin}, {@code Referer} and the like: they go before the request's own headers
   * @param browser {@code Cookie}, {@code Accept}, {@code Sec-Fetch-*}: they go after, unless the request sets
   *     the same name itself (a script's {@code Accept: application/json})
   * @param sent the jar's decision for every cookie, null when the jar was not asked
   * @param event the decisions as an observation, null when there were none to record
   */
  public record Request(@Nullable RequestContext context, List<HeaderField> initiator, List<HeaderField> browser,
      @Nullable SendResult sent, @Nullable CookieSendEvent event) {
    public Request {
      initiator = List.copyOf(initiator);
      browser = List.copyOf(browser);
    }

    /** The request's headers: the initiator's, then {@code own}, then the browser's. */
    public List<HeaderField> headers(List<HeaderField> own) {
      List<HeaderField> h = new ArrayList<>(initiator);
      h.addAll(own);
      for (HeaderField f : browser) if (f.is("Cookie") || h.stream().noneMatch(g -> g.is(f.name()))) h.add(f);
      return h;
    }
  }

  /**
   * The browser's part of a request to {@code url}: the jar decides which cookies go (RFC 6265bis §5.8.3),
   * the kind decides the rest.
   *
   * @param step the trace step the request is recorded as
   * @param needed whether the flow needs the request to carry the session (see {@link CookieSendEvent#needed()})
   */
  public Request request(int step, URI url, RequestKind kind, boolean needed) {
    RequestContext ctx = kind.cookieContext();
    List<HeaderField> browser = new ArrayList<>(2);
    SendResult sent = null;
    CookieSendEvent event = null;
    if (ctx != null) {
      synchronized (jar) {
        sent = jar.send(url, ctx);
      }
      if (!sent.decisions().isEmpty()) event = new CookieSendEvent(step, url, ctx, needed, sent);
      sent.cookieHeader().ifPresent(v -> browser.add(new HeaderField("Cookie", v)));
    }
    browser.addAll(kind.browserHeaders(url));
    return new Request(ctx, kind.initiatorHeaders(url), browser, sent, event);
  }

  /**
   * Gives the jar the {@code Set-Cookie} lines of a response to a request of {@code kind} (RFC 6265bis
   * §5.7): one event per line, in order; none when the kind attaches no cookies (a raw request).
   *
   * @param date the response's {@code Date}, which an {@code Expires} is read against; null: the clock
   */
  public List<CookieSetEvent> response(int step, URI url, RequestKind kind, List<String> setCookie, @Nullable Instant date) {
    RequestContext ctx = kind.cookieContext();
    if (ctx == null || setCookie.isEmpty()) return List.of();
    List<SetResult> results;
    synchronized (jar) {
      results = jar.receive(url, setCookie, ctx, date);
    }
    List<CookieSetEvent> out = new ArrayList<>(results.size());
    for (int i = 0; i < results.size(); i++) out.add(new CookieSetEvent(step, url, ctx, setCookie.get(i), results.get(i)));
    return out;
  }
}
