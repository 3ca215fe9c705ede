package authdoctor.collect.canary;

import static java.util.Objects.requireNonNull;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * What a browser held after a successful login ({@code probe --save-session}) and what the flow looked like
 * then: the cookies as the jar kept them, the bearer token, which cookies were the session, and each protected
 * route with the answer that showed it signed in. Holds secrets: it only ever leaves the process sealed in a
 * {@link SessionFile}.
 *
 * @param base the deployment's public base URL the session belongs to
 * @param savedAt when it was saved
 * @param loginPage the login page (a refused replay lands there)
 * @param cookies the jar's cookies
 * @param bearerToken the token the login answered, or null (a secret)
 * @param sessionCookies the names of the cookies that carry the session (found by leaving each out); empty
 *     when not found
 * @param routes the protected routes that answered signed in, with how that was decided
 */
public record SavedSession(
    URI base,
    Instant savedAt,
    URI loginPage,
    List<Cookie> cookies,
    @Nullable String bearerToken,
    List<String> sessionCookies,
    List<Route> routes) {
  public SavedSession {
    requireNonNull(base);
    requireNonNull(savedAt);
    requireNonNull(loginPage);
    cookies = List.copyOf(cookies);
    sessionCookies = List.copyOf(sessionCookies);
    routes = List.copyOf(routes);
  }

  /**
   * One cookie as the jar held it (the fields a {@code Set-Cookie} line needs to put it back).
   *
   * @param domain Chromium's form: a leading dot for a domain cookie, none for a host-only cookie
   * @param expiry null for a session cookie
   */
  public record Cookie(String name, String value, String domain, String path, boolean secure, boolean httpOnly,
      String sameSite, @Nullable Instant expiry, boolean sourceSecure, int sourcePort) {
    public Cookie {
      requireNonNull(name);
      requireNonNull(value);
      requireNonNull(domain);
      requireNonNull(path);
      requireNonNull(sameSite);
    }

    /** The domain without Chromium's leading dot. */
    public String host() {
      return domain.startsWith(".") ? domain.substring(1) : domain;
    }

    /** Never the value. */
    @Override
    public String toString() {
      return "Cookie[" + name + " for " + domain + path + "]";
    }
  }

  /** A protected route that answered signed in at save time, and how the answer was judged ("200, no login form"). */
  public record Route(URI url, int status, String reason) {
    public Route {
      requireNonNull(url);
      requireNonNull(reason);
    }
  }

  /** Never a cookie's value or the token. */
  @Override
  public String toString() {
    return "SavedSession[" + base + " saved " + savedAt + ", " + cookies.size() + " cookie(s)"
        + (bearerToken == null ? "" : ", a bearer token") + ", routes " + routes.stream().map(Route::url).toList() + "]";
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  /** The session as JSON bytes (only ever sealed by {@link SessionFile}). */
  byte[] toJson() {
    ObjectNode o = JSON.createObjectNode();
    o.put("base", base.toString());
    o.put("saved_at", savedAt.toString());
    o.put("login_page", loginPage.toString());
    ArrayNode cs = o.putArray("cookies");
    for (Cookie c : cookies) {
      ObjectNode n = cs.addObject();
      n.put("name", c.name()).put("value", c.value()).put("domain", c.domain()).put("path", c.path())
          .put("secure", c.secure()).put("http_only", c.httpOnly()).put("same_site", c.sameSite())
          .put("source_secure", c.sourceSecure()).put("source_port", c.sourcePort());
      if (c.expiry() != null) n.put("expiry", c.expiry().toString());
    }
    if (bearerToken != null) o.put("bearer_token", bearerToken);
    ArrayNode names = o.putArray("session_cookies");
    sessionCookies.forEach(names::add);
    ArrayNode rs = o.putArray("routes");
    for (Route r : routes) rs.addObject().put("url", r.url().toString()).put("status", r.status()).put("reason", r.reason());
    try {
      return JSON.writeValueAsBytes(o);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The session from its JSON; {@link SessionFile.Unreadable} when a field is missing or malformed. */
  static SavedSession fromJson(byte[] json) {
    try {
      JsonNode o = JSON.readTree(json);
      List<Cookie> cookies = new ArrayList<>();
      for (JsonNode n : array(o, "cookies")) {
        cookies.add(new Cookie(text(n, "name"), text(n, "value"), text(n, "domain"), text(n, "path"),
            n.path("secure").asBoolean(), n.path("http_only").asBoolean(), text(n, "same_site"),
            n.hasNonNull("expiry") ? Instant.parse(text(n, "expiry")) : null, n.path("source_secure").asBoolean(),
            n.path("source_port").asInt(-1)));
      }
      List<String> names = new ArrayList<>();
      for (JsonNode n : array(o, "session_cookies")) names.add(n.asText());
      List<Route> routes = new ArrayList<>();
      for (JsonNode n : array(o, "routes")) routes.add(new Route(new URI(text(n, "url")), n.path("status").asInt(), text(n, "reason")));
      return new SavedSession(new URI(text(o, "base")), Instant.parse(text(o, "saved_at")), new URI(text(o, "login_page")),
          cookies, o.hasNonNull("bearer_token") ? o.get("bearer_token").asText() : null, names, routes);
    } catch (IOException | URISyntaxException | DateTimeException | NullPointerException e) {
      throw new SessionFile.Unreadable("its content is not a saved session");
    }
  }

  private static String text(JsonNode o, String field) {
    JsonNode n = o == null ? null : o.get(field);
    if (n == null || !n.isTextual()) throw new SessionFile.Unreadable("its content is not a saved session (no " + field + ")");
    return n.asText();
  }

  private static JsonNode array(JsonNode o, String field) {
    JsonNode n = o == null ? null : o.get(field);
    if (n == null || !n.isArray()) throw new SessionFile.Unreadable("its content is not a saved session (no " + field + ")");
    return n;
  }
}
