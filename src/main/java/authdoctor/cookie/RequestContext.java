package authdoctor.cookie;

import static java.util.Objects.requireNonNull;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * Who makes a request, which decides its same-site context (Chromium {@code
 * ComputeSameSiteContextFor{Request,Response}}) and whether it is third-party.
 *
 * @param method the HTTP method of this hop ({@code GET}, {@code POST}; case-sensitive as in Chromium)
 * @param context top-level navigation, subresource of a page, or iframe navigation
 * @param from the initiator: for {@link Context#NAVIGATION} the page that linked or posted (null = typed
 *     by the user, a bookmark, or a same-site redirect chain); for {@link Context#SUBRESOURCE} the page
 *     making the request; for {@link Context#IFRAME} the page embedding the frame
 * @param topLevel the top-level page when it differs from {@code from} (a subresource of a cross-site
 *     iframe); null = {@code from} is the top-level page. Ignored for navigations.
 */
public record RequestContext(
    String method, Context context, @Nullable URI from, @Nullable URI topLevel) {
  public RequestContext {
    requireNonNull(method);
    requireNonNull(context);
  }

  public RequestContext(String method, Context context, @Nullable URI from) {
    this(method, context, from, null);
  }

  /** A top-level GET typed into the address bar (no initiator): same-site with everything. */
  public static RequestContext typed() {
    return typed("GET");
  }

  public static RequestContext typed(String method) {
    return new RequestContext(method, Context.NAVIGATION, null);
  }

  /** A top-level navigation started by a link or form on the page {@code from}. */
  public static RequestContext navigation(String method, URI from) {
    return new RequestContext(method, Context.NAVIGATION, requireNonNull(from));
  }

  /** A fetch/XHR/img request made by the top-level page {@code page}. */
  public static RequestContext subresource(String method, URI page) {
    return new RequestContext(method, Context.SUBRESOURCE, requireNonNull(page));
  }

  /** A fetch made by a frame at {@code frame} embedded in the top-level page {@code topLevel}. */
  public static RequestContext subresource(String method, URI frame, URI topLevel) {
    return new RequestContext(
        method, Context.SUBRESOURCE, requireNonNull(frame), requireNonNull(topLevel));
  }

  /** The navigation of an iframe embedded in the top-level page {@code topLevel}. */
  public static RequestContext iframe(URI topLevel) {
    return new RequestContext("GET", Context.IFRAME, requireNonNull(topLevel));
  }

  /** The top-level page of the request: null for navigations (the request URL itself). */
  public @Nullable URI topLevelPage() {
    if (context == Context.NAVIGATION) return null;
    return topLevel != null ? topLevel : from;
  }

  /** {@code HttpUtil::IsMethodSafe}: exactly GET, HEAD, OPTIONS or TRACE. */
  public boolean safeMethod() {
    return switch (method) {
      case "GET", "HEAD", "OPTIONS", "TRACE" -> true;
      default -> false;
    };
  }
}
