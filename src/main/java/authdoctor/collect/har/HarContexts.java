package authdoctor.collect.har;

import authdoctor.cookie.Context;
import authdoctor.cookie.RequestContext;
import java.net.URI;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Who made each request of a recording, as the cookie model needs it (Chromium's same-site computation via
 * {@link RequestContext}): a navigation (typed, or from the page that linked or posted), an iframe, or a
 * subresource of the page it belongs to. Read from Chromium's {@code _resourceType} and {@code _initiator},
 * Fetch Metadata ({@code Sec-Fetch-Mode}, {@code -Dest}, {@code -Site}, which Firefox and Safari record too),
 * the {@code pageref}'s page, {@code Referer}; a redirect hop keeps its chain's initiator (Fetch §4.4).
 */
final class HarContexts {
  /** The request each pending redirect target continues: its context, by target URL. */
  private final Map<String, RequestContext> chains = new HashMap<>();
  private @Nullable URI topPage;

  /** What the request is: a preflight carries no cookie; the others have a cookie context. */
  sealed interface Kind {}

  record Preflight() implements Kind {}

  record Cookies(RequestContext context, boolean document) implements Kind {}

  Kind of(HarEntry e, URI url) {
    String mode = header(e, "Sec-Fetch-Mode");
    String dest = header(e, "Sec-Fetch-Dest");
    String site = header(e, "Sec-Fetch-Site");
    String type = e.resourceType() == null ? "" : e.resourceType().toLowerCase(Locale.ROOT);
    if (e.method().equals("OPTIONS") && e.requestHeader("Access-Control-Request-Method").isPresent()) return new Preflight();
    RequestContext chained = chains.remove(url.toString());
    boolean iframe = dest.equals("iframe") || dest.equals("frame");
    boolean navigation = !iframe && (type.equals("document") || mode.equals("navigate")
        // Without Chromium's type or Fetch Metadata (Safari, older exports): browsers ask for text/html first
        // only when navigating; fetch() and XHR send */* unless the page says otherwise.
        || (type.isEmpty() && mode.isEmpty() && e.requestHeader("Accept").map(a -> a.strip().startsWith("text/html")).orElse(false)));
    RequestContext ctx;
    if (chained != null) {
      ctx = new RequestContext(e.method(), chained.context(), chained.from(), chained.topLevel());
    } else if (iframe) {
      URI top = page(e);
      ctx = top == null ? RequestContext.typed(e.method()) : RequestContext.iframe(top);
    } else if (navigation) {
      URI from = site.equals("none") ? null : initiator(e);
      ctx = from == null ? RequestContext.typed(e.method()) : RequestContext.navigation(e.method(), from);
    } else {
      URI from = page(e);
      ctx = from == null ? RequestContext.typed(e.method()) : RequestContext.subresource(e.method(), from);
    }
    boolean document = ctx.context() == Context.NAVIGATION;
    if (document) topPage = url;
    return new Cookies(ctx, document);
  }

  /** Remembers where a redirect goes, so its next hop keeps the chain's initiator; a 303 (or a POST's 301/302) turns into GET. */
  void redirected(RequestContext ctx, URI target, int status) {
    String method = status == 303 || (status == 301 || status == 302) && ctx.method().equals("POST") ? "GET" : ctx.method();
    chains.put(target.toString(), new RequestContext(method, ctx.context(), ctx.from(), ctx.topLevel()));
  }

  /** The page a subresource belongs to: its {@code pageref}'s URL, else the last top-level document, else its Referer. */
  private @Nullable URI page(HarEntry e) {
    URI p = uri(e.pageUrl());
    if (p != null) return p;
    if (topPage != null) return topPage;
    return initiator(e);
  }

  /** The page that started a navigation: Chromium's initiator URL, else the Referer, else the Origin. */
  private @Nullable URI initiator(HarEntry e) {
    URI u = uri(e.initiatorUrl());
    if (u == null) u = uri(e.requestHeader("Referer").orElse(null));
    if (u == null) u = uri(e.requestHeader("Origin").filter(o -> !o.equals("null")).orElse(null));
    return u;
  }

  private static String header(HarEntry e, String name) {
    return e.requestHeader(name).map(v -> v.strip().toLowerCase(Locale.ROOT)).orElse("");
  }

  static @Nullable URI uri(@Nullable String s) {
    if (s == null || !(s.startsWith("http://") || s.startsWith("https://"))) return null;
    try {
      URI u = new URI(s);
      return u.getHost() == null ? null : u;
    } catch (java.net.URISyntaxException ex) {
      return null;
    }
  }
}
