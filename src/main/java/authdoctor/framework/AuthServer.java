package authdoctor.framework;

import static java.util.Objects.requireNonNull;

import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Third-party software that runs a login in front of or beside the app — an identity provider with its own
 * login pages, a web server's OIDC module — as the stack detector recognises it on the wire, so that the
 * catalog's fix for it (its own hostname and proxy options) is shown.
 *
 * @param key the catalog's Fix key ({@code keycloak}, {@code apache})
 * @param name how it is written in prose
 * @param cookies cookie names it sets, exactly as it spells them
 * @param cookiePrefixes prefixes of the cookie names it sets ({@code mod_auth_openidc_state_…})
 * @param serverHeaders prefixes (lower case) of the {@code Server} header it answers with
 * @param paths the URL paths of its own endpoints
 */
public record AuthServer(String key, String name, List<String> cookies, List<String> cookiePrefixes,
    List<String> serverHeaders, Pattern paths) {
  public AuthServer {
    requireNonNull(key);
    requireNonNull(name);
    cookies = List.copyOf(cookies);
    cookiePrefixes = List.copyOf(cookiePrefixes);
    serverHeaders = List.copyOf(serverHeaders);
    requireNonNull(paths);
  }

  /** Whether it sets a cookie of this name. */
  public boolean setsCookie(String name) {
    return cookies.contains(name) || cookiePrefixes.stream().anyMatch(name::startsWith);
  }

  /** Whether a {@code Server} header value names it. */
  public boolean answersAs(String server) {
    String s = server.toLowerCase(Locale.ROOT).strip();
    return !s.isEmpty() && serverHeaders.stream().anyMatch(s::startsWith);
  }

  /** Whether a URL path is one of its own endpoints. */
  public boolean serves(String path) {
    return path != null && paths.matcher(path).find();
  }
}
