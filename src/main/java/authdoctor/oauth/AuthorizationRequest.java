package authdoctor.oauth;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HttpExchange;
import authdoctor.observation.Redirects;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OAuth 2.0 authorization request as an app sends the browser to the provider: the authorization
 * endpoint's URL with {@code response_type}, {@code client_id} and (almost always) {@code redirect_uri}
 * in its query (RFC 6749 §4.1.1), plus OIDC's {@code nonce}/{@code response_mode} and PKCE's
 * {@code code_challenge} (RFC 7636).
 *
 * @param url the whole authorization URL
 * @param redirectUri the {@code redirect_uri} parameter as sent (decoded), or null
 * @param responseMode {@code response_mode}, or {@code query} when absent (the default for {@code code})
 */
public record AuthorizationRequest(
    URI url,
    String responseType,
    String clientId,
    @Nullable String redirectUri,
    String responseMode,
    boolean hasState,
    boolean hasNonce,
    @Nullable String codeChallengeMethod) {
  public AuthorizationRequest {
    requireNonNull(url);
    requireNonNull(responseType);
    requireNonNull(clientId);
    requireNonNull(responseMode);
  }

  /** The request, when {@code url} is an authorization request (it has response_type and client_id). */
  public static Optional<AuthorizationRequest> of(URI url) {
    Map<String, String> q = query(url.getRawQuery());
    String type = q.get("response_type");
    String client = q.get("client_id");
    if (type == null || client == null) return Optional.empty();
    String mode = q.getOrDefault("response_mode", type.contains("token") ? "fragment" : "query");
    return Optional.of(new AuthorizationRequest(url, type, client, q.get("redirect_uri"), mode.toLowerCase(Locale.ROOT),
        q.containsKey("state"), q.containsKey("nonce"), q.get("code_challenge_method") != null
            ? q.get("code_challenge_method") : q.containsKey("code_challenge") ? "plain" : null));
  }

  /** The authorization request an exchange redirects the browser to, if it does. */
  public static Optional<AuthorizationRequest> redirectedTo(HttpExchange x) {
    return Redirects.target(x).flatMap(AuthorizationRequest::of);
  }

  /** {@code redirect_uri} as a URI, when it is an absolute one. */
  public Optional<URI> redirectTarget() {
    if (redirectUri == null) return Optional.empty();
    try {
      URI u = new URI(redirectUri);
      return u.isAbsolute() && u.getHost() != null ? Optional.of(u) : Optional.empty();
    } catch (java.net.URISyntaxException e) {
      return Optional.empty();
    }
  }

  /** A URL's port, the scheme's default when none is given. */
  public static int port(URI u) {
    if (u.getPort() != -1) return u.getPort();
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /** Whether a request to {@code u} is the callback of this request: same host, port and path as redirect_uri. */
  public boolean isCallback(URI u) {
    return redirectTarget().filter(r -> r.getHost().equalsIgnoreCase(String.valueOf(u.getHost()))
        && port(r) == port(u) && Optional.ofNullable(r.getRawPath()).orElse("").equals(Optional.ofNullable(u.getRawPath()).orElse(""))
        && "https".equalsIgnoreCase(r.getScheme()) == "https".equalsIgnoreCase(u.getScheme())).isPresent();
  }

  static Map<String, String> query(@Nullable String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw == null || raw.isEmpty()) return out;
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      String k = decode(eq < 0 ? kv : kv.substring(0, eq));
      String v = eq < 0 ? "" : decode(kv.substring(eq + 1));
      out.putIfAbsent(k, v);
    }
    return out;
  }

  private static String decode(String s) {
    try {
      return URLDecoder.decode(s, StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return s;
    }
  }
}
