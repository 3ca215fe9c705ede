package authdoctor.collect.browsing;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.Context;
import authdoctor.cookie.RequestContext;
import authdoctor.internal.Hosts;
import authdoctor.observation.HeaderField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a request and how, as the browser sees it. The kind decides the request's cookie context
 * (Chromium's same-site computation, via {@link RequestContext}), the headers its initiator adds
 * ({@code Origin}, {@code Referer}, a preflight's {@code Access-Control-Request-*}) and its {@code
 * Sec-Fetch-Mode}. A header the browser adds for one kind is added in {@link #initiatorHeaders} or
 * {@link #fetchMode}, and only there.
 */
public sealed interface RequestKind {
  /** The cookie context the jar decides with; null when no cookie is attached (a raw or uncredentialed request). */
  @Nullable RequestContext cookieContext();

  /** What the initiating page adds before the request's own headers (Fetch §3.1 {@code Origin}, {@code Referer}). */
  List<HeaderField> initiatorHeaders(URI url);

  /** The kind of the next hop when the response redirects, with that hop's method. */
  RequestKind redirected(String method);

  /** {@code Sec-Fetch-Mode} (Fetch Metadata §2.4), null when the request is not made by the browser model. */
  default @Nullable String fetchMode() {
    RequestContext ctx = cookieContext();
    if (ctx == null) return null;
    return ctx.context() == Context.SUBRESOURCE ? "cors" : "navigate";
  }

  /** What the initiating page's referrer policy lets through: its full URL, or nothing. */
  enum Referrer {
    FULL,
    NONE
  }

  /**
   * A top-level navigation: typed (no initiator), or started by a link or a form on {@code initiator}.
   * A form's POST carries {@code Origin} (Fetch §3.1: a method other than GET/HEAD).
   */
  record Navigation(String method, @Nullable URI initiator, boolean form, Referrer referrer) implements RequestKind {
    public Navigation {
      requireNonNull(method);
      requireNonNull(referrer);
    }

    /** Typed into the address bar, a bookmark. */
    public static Navigation typed() {
      return typed("GET");
    }

    public static Navigation typed(String method) {
      return new Navigation(method, null, false, Referrer.NONE);
    }

    /** A link (or a form of {@code method}) on {@code page}, whose policy sends no referrer. */
    public static Navigation link(String method, URI page) {
      return new Navigation(method, requireNonNull(page), false, Referrer.NONE);
    }

    /** A form on {@code page} submitted with {@code method}. */
    public static Navigation form(String method, URI page, Referrer referrer) {
      return new Navigation(method, requireNonNull(page), true, referrer);
    }

    @Override
    public RequestContext cookieContext() {
      return initiator == null ? RequestContext.typed(method) : RequestContext.navigation(method, initiator);
    }

    @Override
    public List<HeaderField> initiatorHeaders(URI url) {
      List<HeaderField> h = new ArrayList<>(2);
      if (initiator != null && form && !safe(method)) h.add(new HeaderField("Origin", Hosts.origin(initiator)));
      if (initiator != null && referrer == Referrer.FULL) h.add(new HeaderField("Referer", initiator.toString()));
      return h;
    }

    /** A redirect hop keeps the chain's initiator (the same-site status of the whole chain) and drops Origin. */
    @Override
    public RequestKind redirected(String method) {
      return new Navigation(method, initiator, false, referrer);
    }
  }

  /**
   * A {@code fetch()} by the page {@code page}, with {@code credentials: 'include'} or {@code 'omit'}. In
   * {@code same-origin} mode (a page calling its own API) {@code Origin} goes only with unsafe methods;
   * in {@code cors} mode always (Fetch §3.1).
   */
  record Fetch(String method, URI page, Mode mode, boolean credentials, Referrer referrer) implements RequestKind {
    /** The request mode the page asks for. */
    public enum Mode {
      SAME_ORIGIN,
      CORS
    }

    public Fetch {
      requireNonNull(method);
      requireNonNull(page);
      requireNonNull(mode);
      requireNonNull(referrer);
    }

    @Override
    public @Nullable RequestContext cookieContext() {
      return credentials ? RequestContext.subresource(method, page) : null;
    }

    /** Fetch Metadata §2.4: {@code cors} for a {@code fetch()} whether or not it sends cookies ({@code credentials: 'omit'} too). */
    @Override
    public String fetchMode() {
      return "cors";
    }

    @Override
    public List<HeaderField> initiatorHeaders(URI url) {
      List<HeaderField> h = new ArrayList<>(2);
      if (mode == Mode.CORS || !safe(method)) h.add(new HeaderField("Origin", Hosts.origin(page)));
      if (referrer == Referrer.FULL) h.add(new HeaderField("Referer", page.toString()));
      return h;
    }

    /** The probe follows a fetch's redirects as navigations from the page, as it always has. */
    @Override
    public RequestKind redirected(String method) {
      return new Navigation(method, page, false, referrer);
    }
  }

  /** A CORS preflight (Fetch §4.8): {@code OPTIONS} from {@code page}, never with cookies. */
  record Preflight(URI page, String method, List<String> headers) implements RequestKind {
    public Preflight {
      requireNonNull(page);
      requireNonNull(method);
      headers = List.copyOf(headers);
    }

    @Override
    public @Nullable RequestContext cookieContext() {
      return null;
    }

    @Override
    public List<HeaderField> initiatorHeaders(URI url) {
      List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Origin", Hosts.origin(page)),
          new HeaderField("Sec-Fetch-Mode", "cors"), new HeaderField("Access-Control-Request-Method", method)));
      // §4.8 step 4: the header list is sent only when it is not empty.
      if (!headers.isEmpty()) h.add(new HeaderField("Access-Control-Request-Headers", String.join(",", headers)));
      return h;
    }

    @Override
    public RequestKind redirected(String method) {
      return new Raw();
    }
  }

  /** The navigation of an iframe embedded in {@code embedder}. */
  record Iframe(URI embedder) implements RequestKind {
    public Iframe {
      requireNonNull(embedder);
    }

    @Override
    public RequestContext cookieContext() {
      return RequestContext.iframe(embedder);
    }

    @Override
    public List<HeaderField> initiatorHeaders(URI url) {
      return List.of();
    }

    @Override
    public RequestKind redirected(String method) {
      return this;
    }
  }

  /**
   * A request sent exactly as given, outside the browser model: a replayed Cookie header (an attacker, a
   * stale tab, another instance), a server-side fetch, a trial of the proxy's headers. The jar is neither
   * asked nor told.
   */
  record Raw() implements RequestKind {
    @Override
    public @Nullable RequestContext cookieContext() {
      return null;
    }

    @Override
    public List<HeaderField> initiatorHeaders(URI url) {
      return List.of();
    }

    @Override
    public RequestKind redirected(String method) {
      return this;
    }
  }

  /** {@code GET} and {@code HEAD}, which carry no {@code Origin} in a same-origin request. */
  private static boolean safe(String method) {
    return method.equals("GET") || method.equals("HEAD");
  }
}
