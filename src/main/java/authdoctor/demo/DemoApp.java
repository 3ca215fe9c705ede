package authdoctor.demo;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HeaderField;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * A tiny web application with a login form, a protected {@code /dashboard} and a logout, configurable to
 * behave like a classic framework setup — right or wrong. It only answers {@link Request}s; {@link
 * DemoServers} puts it behind a socket or a proxy.
 *
 * <p>Routes: {@code GET /login} (form, optional CSRF token), {@code POST /login}, {@code GET /dashboard},
 * {@code POST /logout}; anything else redirects to {@code /login}.
 */
final class DemoApp {
  /** One HTTP request as the app sees it (after any proxy). */
  record Request(String method, String path, List<HeaderField> headers, byte[] body) {
    @Nullable String header(String name) {
      return headers.stream().filter(h -> h.is(name)).map(HeaderField::value).findFirst().orElse(null);
    }

    Map<String, String> cookies() {
      Map<String, String> out = new LinkedHashMap<>();
      for (HeaderField h : headers) {
        if (!h.is("Cookie")) continue;
        for (String p : h.value().split(";")) {
          int eq = p.indexOf('=');
          if (eq > 0) out.putIfAbsent(p.substring(0, eq).strip(), p.substring(eq + 1).strip());
        }
      }
      return out;
    }

    Map<String, String> form() {
      Map<String, String> out = new LinkedHashMap<>();
      for (String p : new String(body, StandardCharsets.UTF_8).split("&")) {
        int eq = p.indexOf('=');
        if (eq > 0) {
          out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
              URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }

  /** The app's answer. */
  record Response(int status, List<HeaderField> headers, String body) {}

  /** How sessions are kept: signed into the cookie, or as an id into a store. */
  enum Sessions {
    SIGNED,
    SERVER_SIDE
  }

  /**
   * @param cookieName the session cookie's name
   * @param cookieAttributes what follows {@code name=value} in its Set-Cookie ({@code Path=/; Secure; …})
   * @param sessions signed cookie or server-side
   * @param secret the signing secret (signed sessions)
   * @param store the session store (server-side sessions); share one map between instances for a
   *     shared store
   * @param trustForwarded whether {@code X-Forwarded-Proto}/{@code -Host} are believed
   * @param absoluteRedirects whether redirects name scheme and host (built from what the app sees)
   * @param invalidateOnLogout whether logout deletes the server-side session
   * @param csrf whether the login and logout forms carry a Django-style CSRF token (cookie + field) and
   *     the Origin is checked against the scheme and host the app sees
   * @param poweredBy extra response header identifying the framework ({@code X-Powered-By: Express}), or
   *     null
   */
  record Config(
      String cookieName,
      String cookieAttributes,
      Sessions sessions,
      String secret,
      Map<String, String> store,
      boolean trustForwarded,
      boolean absoluteRedirects,
      boolean invalidateOnLogout,
      boolean csrf,
      @Nullable HeaderField poweredBy) {}

  private final Config config;
  private final String user;
  private final String password;
  private final SecureRandom random = new SecureRandom();

  DemoApp(Config config, String user, String password) {
    this.config = requireNonNull(config);
    this.user = requireNonNull(user);
    this.password = requireNonNull(password);
  }

  /** A fresh in-memory store (the map to share between instances for a shared store). */
  static Map<String, String> newStore() {
    return new ConcurrentHashMap<>();
  }

  Response handle(Request r) {
    String path = r.path().contains("?") ? r.path().substring(0, r.path().indexOf('?')) : r.path();
    return switch (r.method() + " " + path) {
      case "GET /login" -> loginPage(r, false);
      case "POST /login" -> login(r);
      case "GET /dashboard" -> dashboard(r);
      case "POST /logout" -> logout(r);
      default -> redirect(r, "/login", List.of());
    };
  }

  private Response loginPage(Request r, boolean failed) {
    List<HeaderField> h = new ArrayList<>();
    String token = "";
    if (config.csrf()) {
      token = r.cookies().getOrDefault("csrftoken", "");
      if (token.isEmpty()) {
        token = randomToken(32);
        h.add(new HeaderField("Set-Cookie", "csrftoken=" + token + "; Path=/; SameSite=Lax"
            + (config.cookieAttributes().contains("Secure") ? "; Secure" : "")));
      }
    }
    String body = "<!doctype html><title>Sign in</title><h1>Sign in</h1>"
        + (failed ? "<p>Invalid credentials</p>" : "")
        + "<form method=\"post\" action=\"/login\">"
        + (config.csrf() ? "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"" + token + "\">" : "")
        + "<input type=\"email\" name=\"username\"><input type=\"password\" name=\"password\">"
        + "<button type=\"submit\">Sign in</button></form>";
    return page(200, h, body);
  }

  private Response login(Request r) {
    Response refused = csrfRefusal(r);
    if (refused != null) return refused;
    Map<String, String> f = r.form();
    if (!user.equals(f.get("username")) || !password.equals(f.get("password"))) return loginPage(r, true);
    String value;
    if (config.sessions() == Sessions.SIGNED) {
      String data = Base64.getUrlEncoder().withoutPadding()
          .encodeToString(("{\"user\":\"" + user + "\"}").getBytes(StandardCharsets.UTF_8));
      value = data + "." + sign(data);
    } else {
      value = randomToken(32);
      config.store().put(value, user);
    }
    return redirect(r, "/dashboard", List.of(new HeaderField("Set-Cookie", config.cookieName() + "=" + value + "; "
        + config.cookieAttributes())));
  }

  private Response dashboard(Request r) {
    if (signedInUser(r) == null) return redirect(r, "/login", List.of());
    String token = r.cookies().getOrDefault("csrftoken", "");
    return page(200, List.of(), "<!doctype html><title>Dashboard</title><h1>Welcome back</h1>"
        + "<form method=\"post\" action=\"/logout\">"
        + (config.csrf() ? "<input type=\"hidden\" name=\"csrfmiddlewaretoken\" value=\"" + token + "\">" : "")
        + "<button>Sign out</button></form>");
  }

  private Response logout(Request r) {
    Response refused = csrfRefusal(r);
    if (refused != null) return refused;
    String id = r.cookies().get(config.cookieName());
    if (id != null && config.sessions() == Sessions.SERVER_SIDE && config.invalidateOnLogout()) config.store().remove(id);
    String path = config.cookieAttributes().contains("Path=/") ? "; Path=/" : "";
    return redirect(r, "/login", List.of(new HeaderField("Set-Cookie", config.cookieName() + "=; Max-Age=0" + path
        + (config.cookieAttributes().contains("Secure") ? "; Secure" : "") + "; HttpOnly")));
  }

  private @Nullable String signedInUser(Request r) {
    String v = r.cookies().get(config.cookieName());
    if (v == null || v.isEmpty()) return null;
    if (config.sessions() == Sessions.SERVER_SIDE) return config.store().get(v);
    int dot = v.lastIndexOf('.');
    if (dot < 0 || !sign(v.substring(0, dot)).equals(v.substring(dot + 1))) return null;
    return user;
  }

  /** Django's checks: the token field must match the cookie; the Origin must be the site the app sees. */
  private @Nullable Response csrfRefusal(Request r) {
    if (!config.csrf()) return null;
    String cookie = r.cookies().get("csrftoken");
    String field = r.form().get("csrfmiddlewaretoken");
    String header = r.header("X-CSRFToken");
    if (cookie == null) return forbidden("CSRF verification failed. Request aborted. CSRF cookie not set.");
    if (!cookie.equals(field) && !cookie.equals(header)) {
      return forbidden("CSRF verification failed. Request aborted. CSRF token missing or incorrect.");
    }
    String origin = r.header("Origin");
    String self = scheme(r) + "://" + host(r);
    if (origin != null && !origin.equalsIgnoreCase(self)) {
      return forbidden("CSRF verification failed. Request aborted. Origin checking failed - " + origin
          + " does not match any trusted origins.");
    }
    return null;
  }

  private Response forbidden(String reason) {
    return page(403, List.of(), "<!doctype html><title>403 Forbidden</title><h1>Forbidden (403)</h1><p>" + reason + "</p>");
  }

  private Response redirect(Request r, String path, List<HeaderField> extra) {
    List<HeaderField> h = new ArrayList<>(extra);
    h.add(new HeaderField("Location", config.absoluteRedirects() ? scheme(r) + "://" + host(r) + path : path));
    return page(302, h, "");
  }

  private Response page(int status, List<HeaderField> headers, String body) {
    List<HeaderField> h = new ArrayList<>(headers);
    h.add(new HeaderField("Content-Type", "text/html; charset=utf-8"));
    if (config.poweredBy() != null) h.add(config.poweredBy());
    return new Response(status, h, body);
  }

  private String scheme(Request r) {
    String p = config.trustForwarded() ? r.header("X-Forwarded-Proto") : null;
    return p == null ? "http" : p.strip().toLowerCase(Locale.ROOT);
  }

  private String host(Request r) {
    String h = config.trustForwarded() ? r.header("X-Forwarded-Host") : null;
    if (h == null) h = r.header("Host");
    return h == null ? "localhost" : h.strip();
  }

  private String sign(String data) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(config.secret().getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(mac.doFinal(data.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private String randomToken(int bytes) {
    byte[] b = new byte[bytes / 2];
    random.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}
