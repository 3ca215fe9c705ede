package authdoctor.testing.lab;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpRequestSpec;
import authdoctor.cookie.CookieJar;
import authdoctor.cookie.RequestContext;
import authdoctor.cookie.SetResult;
import authdoctor.observation.HttpExchange;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * A minimal browser for the lab's symptom tests: requests go out through the project's {@link
 * HttpCollector} (with the case's {@code --resolve} pins and CA), cookies live in the project's
 * Chromium-faithful {@link CookieJar}. Like the collector it never follows redirects by itself.
 */
public final class LabBrowser implements AutoCloseable {
  private static final Pattern INPUT = Pattern.compile("<input\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  private static final Pattern VALUE = Pattern.compile("\\bvalue=\"([^\"]*)\"");

  private final LabDeployment lab;
  private final HttpCollector http;
  private final CookieJar jar = new CookieJar(Clock.systemUTC());
  private int step;
  private @Nullable String token;

  public LabBrowser(LabDeployment lab) {
    this.lab = requireNonNull(lab);
    this.http = new HttpCollector(lab.httpOptions());
  }

  /** One response and what the cookie jar did with each of its {@code Set-Cookie} lines. */
  public record Response(HttpExchange exchange, List<SetResult> cookies) {
    public int status() {
      return exchange.status();
    }

    public String body() {
      return exchange.body();
    }

    public Optional<String> header(String name) {
      return exchange.responseHeader(name);
    }

    public Optional<String> location() {
      return header("Location");
    }

    public List<String> setCookies() {
      return exchange.responseHeaders("Set-Cookie");
    }

    /** The jar's verdict on the cookie of that name set by this response. */
    public Optional<SetResult> cookie(String name) {
      return cookies.stream().filter(c -> c.name().equals(name)).findFirst();
    }
  }

  public CookieJar jar() {
    return jar;
  }

  /** The bearer token of a token login, if one happened. */
  public Optional<String> token() {
    return Optional.ofNullable(token);
  }

  /** A top-level GET typed into the address bar. */
  public Response get(URI url) {
    return send("GET", url, RequestContext.typed(), null, null, Map.of());
  }

  /**
   * Sends one request as the browser would in that context: the jar's cookies for it, and for
   * non-GET requests an {@code Origin} (that of {@code ctx.from()}, else of the URL itself).
   */
  public Response send(String method, URI url, RequestContext ctx, @Nullable String contentType,
      @Nullable String body, Map<String, String> headers) {
    HttpRequestSpec spec = new HttpRequestSpec(++step, method + " " + url.getPath(), method, url, List.of(),
        body == null ? null : body.getBytes(StandardCharsets.UTF_8));
    if (contentType != null) spec = spec.withHeader("Content-Type", contentType);
    if (!method.equals("GET") && !headers.containsKey("Origin")) {
      spec = spec.withHeader("Origin", origin(ctx.from() != null ? ctx.from() : url));
    }
    for (Map.Entry<String, String> h : headers.entrySet()) spec = spec.withHeader(h.getKey(), h.getValue());
    Optional<String> cookie = jar.cookieHeader(url, ctx);
    if (cookie.isPresent()) spec = spec.withHeader("Cookie", cookie.get());
    HttpExchange x = http.send(spec);
    List<SetResult> set = x.answered()
        ? jar.receive(url, x.responseHeaders("Set-Cookie"), ctx, date(x))
        : List.of();
    return new Response(x, set);
  }

  /** A GET that carries exactly the given {@code Cookie} header and touches no jar: a replayed cookie. */
  public Response replay(URI url, String cookieHeader) {
    return new Response(http.send(HttpRequestSpec.get(++step, "replay " + url.getPath(), url)
        .withHeader("Cookie", cookieHeader)), List.of());
  }

  /** The {@code Cookie} header the jar would send on a typed navigation to {@code url}. */
  public Optional<String> cookieHeader(URI url) {
    return jar.cookieHeader(url, RequestContext.typed());
  }

  /**
   * Signs in as the case says: fetches the form page (cookies, CSRF token), then posts the fields from
   * it (a form submission, or a fetch by the frontend for JSON logins); keeps a bearer token when the
   * answer carries one.
   */
  public Response login() {
    return login(lab.login());
  }

  public Response login(LabDeployment.Login login) {
    Map<String, String> fields = login.filled(lab.user(), lab.password());
    RequestContext ctx;
    if (login.formUrl() != null) {
      Response form = get(login.formUrl());
      if (login.csrfField() != null) fields.put(login.csrfField(), hiddenField(form.body(), login.csrfField()));
      ctx = RequestContext.navigation(login.method(), login.formUrl());
    } else if (lab.frontendOrigin() != null) {
      ctx = RequestContext.subresource(login.method(), lab.frontendOrigin().resolve("/"));
    } else {
      ctx = RequestContext.subresource(login.method(), lab.baseUrl());
    }
    boolean json = login.contentType().startsWith("application/json");
    String body = json ? toJson(fields) : form(fields);
    Map<String, String> headers = login.formUrl() != null ? Map.of("Referer", login.formUrl().toString()) : Map.of();
    Response r = send(login.method(), login.url(), ctx, login.contentType(), body, headers);
    if (login.tokenField() != null) {
      Matcher m = Pattern.compile("\"" + Pattern.quote(login.tokenField()) + "\"\\s*:\\s*\"([^\"]+)\"")
          .matcher(r.body());
      if (m.find()) token = m.group(1);
    }
    return r;
  }

  /**
   * Posts the case's logout: with the CSRF token of the page it is on (the dashboard) when the case's
   * login has one, as a form submission from the dashboard.
   */
  public Response logout() {
    LabDeployment.Request logout = requireNonNull(lab.logout(), "the case has no logout");
    URI page = lab.dashboard();
    String body = "";
    if (lab.login().csrfField() != null) {
      Response dash = get(page);
      body = form(Map.of(lab.login().csrfField(), hiddenField(dash.body(), lab.login().csrfField())));
    }
    return send(logout.method(), logout.url(), RequestContext.navigation(logout.method(), page),
        "application/x-www-form-urlencoded", body, Map.of("Referer", page.toString()));
  }

  /** Whether a page (or API answer) shows the case's user as signed in. */
  public boolean showsUser(Response r) {
    String b = r.body();
    return r.status() == 200
        && (b.contains("Signed in as " + lab.user()) || b.matches("(?s).*\"user\"\\s*:\\s*\"" + lab.user() + "\".*"));
  }

  /** A typed navigation to {@code url} (default: the dashboard) shows the user signed in. */
  public boolean signedIn(URI url) {
    return showsUser(get(url));
  }

  public boolean signedIn() {
    return signedIn(lab.dashboard());
  }

  /** How many of {@code n} reloads of the dashboard show the user signed in. */
  public int signedInCount(int n) {
    int in = 0;
    for (int i = 0; i < n; i++) if (signedIn()) in++;
    return in;
  }

  @Override
  public void close() {
    http.close();
  }

  /** The value of the hidden {@code <input name=field>} of a page; fails when there is none. */
  public static String hiddenField(String html, String field) {
    Matcher inputs = INPUT.matcher(html);
    while (inputs.find()) {
      String tag = inputs.group();
      if (tag.contains("name=\"" + field + "\"")) {
        Matcher v = VALUE.matcher(tag);
        if (v.find()) return v.group(1);
      }
    }
    throw new AssertionError("no hidden field " + field + " in the page:\n" + html);
  }

  public static String origin(URI url) {
    int port = url.getPort();
    return url.getScheme() + "://" + url.getHost() + (port == -1 ? "" : ":" + port);
  }

  private static @Nullable Instant date(HttpExchange x) {
    return x.responseHeader("Date").map(d -> {
      try {
        return ZonedDateTime.parse(d, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
      } catch (RuntimeException e) {
        return null;
      }
    }).orElse(null);
  }

  private static String form(Map<String, String> fields) {
    return fields.entrySet().stream()
        .map(e -> enc(e.getKey()) + "=" + enc(e.getValue()))
        .collect(Collectors.joining("&"));
  }

  private static String enc(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private static String toJson(Map<String, String> fields) {
    List<String> parts = new ArrayList<>();
    fields.forEach((k, v) -> parts.add(quote(k) + ":" + quote(v)));
    return "{" + String.join(",", parts) + "}";
  }

  private static String quote(String s) {
    return "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }
}
