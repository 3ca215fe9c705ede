package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind;
import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.internal.Hosts;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.PreflightStop;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A request the frontend's JavaScript makes ({@code --frontend-origin}): a {@code fetch} from the
 * frontend's origin, preceded by the CORS preflight whenever the browser would send one (Fetch §4.1 step
 * 12: a method other than GET/HEAD/POST or a header that is not CORS-safelisted), and sent only when that
 * preflight lets the browser send it (Fetch §4.8), with or without credentials. The preflight is recorded
 * either way: the CORS checks read it and name what it refused; a fetch it stopped is a {@link PreflightStop}.
 */
final class FrontendFetch {
  /** Fetch §2.2.2: the request headers a page may set without a preflight (Content-Type only with these values). */
  private static final Set<String> SAFELISTED = Set.of("accept", "accept-language", "content-language");
  private static final Set<String> SAFE_CONTENT_TYPES =
      Set.of("application/x-www-form-urlencoded", "multipart/form-data", "text/plain");
  /** Headers the browser sets itself: the page cannot, and they never appear in a preflight. */
  private static final Set<String> BROWSER_OWN = Set.of("cookie", "origin", "referer", "host", "content-length");

  private final ProbeSession s;
  private final URI front;

  FrontendFetch(ProbeSession s) {
    this.s = s;
    String f = requireNonNull(s.config.frontendOrigin());
    this.front = URI.create(f.endsWith("/") ? f : f + "/");
  }

  /** The frontend's page, the initiator of its fetches. */
  URI page() {
    return front;
  }

  /**
   * What the frontend's request came to.
   *
   * @param preflight the preflight the browser sent first, or null when the request needed none
   * @param chain the request and its redirects, or null when the preflight did not let it through
   */
  record Sent(@Nullable HttpExchange preflight, ProbeSession.@Nullable Chain chain) {}

  /**
   * Sends {@code method url} as the frontend's {@code fetch}: same-origin when the URL is on the frontend's
   * origin, else CORS with the preflight first when needed.
   *
   * @param credentials {@code credentials: 'include'} (cookies go and come back) or {@code 'omit'}
   */
  Sent send(String label, String method, URI url, List<HeaderField> headers, byte @Nullable [] body, boolean credentials) {
    RequestKind kind = kind(method, url, credentials);
    HttpExchange preflight = null;
    List<String> unsafe = unsafeHeaders(headers);
    if (!Hosts.sameOrigin(front, url) && needsPreflight(method, unsafe)) {
      preflight = s.send("preflight of " + label + " from " + Hosts.origin(front), "OPTIONS", url,
          new RequestKind.Preflight(front, method, unsafe), List.of(), null, false);
      if (!passes(preflight, Hosts.origin(front), method, unsafe, credentials)) {
        // The browser stops here: the fetch is never sent, with or without cookies.
        s.add(new PreflightStop(preflight.step(), method, url, Hosts.origin(front), credentials, unsafe));
        return new Sent(preflight, null);
      }
    }
    return new Sent(preflight, s.follow(label, method, url, kind, headers, body, true));
  }

  /** The frontend's {@code fetch} of {@code url}: same-origin mode on its own origin, else CORS. */
  Fetch kind(String method, URI url, boolean credentials) {
    return new Fetch(method, front, Hosts.sameOrigin(front, url) ? Fetch.Mode.SAME_ORIGIN : Fetch.Mode.CORS, credentials,
        Referrer.FULL);
  }

  /**
   * The frontend's {@code credentials} mode: {@code --credentials} when given, else {@code 'omit'} for a
   * token flow (the APIs are called with a bearer token: {@code --api}, or the login answered a token) and
   * {@code 'include'} for a cookie session.
   */
  boolean credentials() {
    return credentials(s.config, s.bearerToken() != null);
  }

  /** {@link #credentials()} of a configuration, {@code bearer}: whether the client holds a bearer token. */
  static boolean credentials(ProbeConfig config, boolean bearer) {
    if (config.credentials() != null) return config.credentials() == ProbeConfig.FetchCredentials.INCLUDE;
    return config.tokens().apis().isEmpty() && !bearer;
  }

  /**
   * Whether the frontend's JavaScript runs the whole flow: {@code --frontend-origin} with a JSON login
   * ({@code --login-json}). Then its refreshes of the protected routes and its logout are its fetches too;
   * after a form login the app's own pages do them (navigations).
   */
  static boolean drives(ProbeConfig config) {
    return config.frontendOrigin() != null && config.loginJson() != null;
  }

  /**
   * The frontend's {@code GET} of {@code url} with the client's {@code Authorization} (if any), as its
   * JavaScript calls an API; null when the preflight stopped it.
   */
  @Nullable HttpExchange get(String label, URI url) {
    return get(label, url, true);
  }

  /** {@link #get(String, URI)}; {@code authorization} false: without the token (a frontend that signed out drops it). */
  @Nullable HttpExchange get(String label, URI url, boolean authorization) {
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Accept", "application/json")));
    if (authorization) h.addAll(s.auth());
    ProbeSession.Chain c = send(label, "GET", url, h, null, credentials()).chain();
    return c == null ? null : c.first();
  }

  /**
   * Fetch §2.2.2 and §4.8: the names of the headers that are not CORS-safelisted, lower case, sorted and
   * without duplicates, as {@code Access-Control-Request-Headers} lists them.
   */
  static List<String> unsafeHeaders(List<HeaderField> headers) {
    Set<String> out = new TreeSet<>();
    for (HeaderField h : headers) {
      String n = h.name().toLowerCase(Locale.ROOT);
      if (SAFELISTED.contains(n) || BROWSER_OWN.contains(n)) continue;
      if (n.equals("content-type") && SAFE_CONTENT_TYPES.contains(essence(h.value()))) continue;
      out.add(n);
    }
    return List.copyOf(out);
  }

  /** Fetch §4.1: a preflight goes first for an unsafe method or any header that is not safelisted. */
  static boolean needsPreflight(String method, List<String> unsafeHeaders) {
    return !Set.of("GET", "HEAD", "POST").contains(method) || !unsafeHeaders.isEmpty();
  }

  /**
   * Fetch §4.8 steps 7.x: whether the preflight's answer lets the browser send the request: an ok status,
   * the CORS check (the origin allowed, and with credentials not by {@code *} and with
   * {@code Access-Control-Allow-Credentials: true}), the method and every unsafe header allowed
   * ({@code *} counts only without credentials, and never for {@code Authorization}).
   */
  static boolean passes(HttpExchange preflight, String origin, String method, List<String> unsafeHeaders, boolean credentials) {
    if (!preflight.answered() || preflight.status() < 200 || preflight.status() > 299) return false;
    String acao = preflight.responseHeader("Access-Control-Allow-Origin").map(String::strip).orElse("");
    boolean acac = preflight.responseHeader("Access-Control-Allow-Credentials").map(v -> v.strip().equals("true")).orElse(false);
    if (credentials ? !acao.equals(origin) || !acac : !acao.equals("*") && !acao.equals(origin)) return false;
    Set<String> methods = list(preflight.responseHeaders("Access-Control-Allow-Methods"), false);
    boolean methodOk = Set.of("GET", "HEAD", "POST").contains(method) || methods.contains(method)
        || !credentials && methods.contains("*");
    if (!methodOk) return false;
    Set<String> allowed = list(preflight.responseHeaders("Access-Control-Allow-Headers"), true);
    for (String h : unsafeHeaders) {
      if (allowed.contains(h)) continue;
      if (!credentials && allowed.contains("*") && !h.equals("authorization")) continue;
      return false;
    }
    return true;
  }

  private static Set<String> list(List<String> values, boolean lower) {
    return values.stream().flatMap(v -> Arrays.stream(v.split(","))).map(String::strip).filter(v -> !v.isEmpty())
        .map(v -> lower ? v.toLowerCase(Locale.ROOT) : v).collect(Collectors.toSet());
  }

  /** A MIME type's essence: {@code application/json; charset=utf-8} → {@code application/json}. */
  private static String essence(String contentType) {
    int i = contentType.indexOf(';');
    return (i < 0 ? contentType : contentType.substring(0, i)).strip().toLowerCase(Locale.ROOT);
  }
}
