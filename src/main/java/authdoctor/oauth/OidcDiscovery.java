package authdoctor.oauth;

import static java.util.Objects.requireNonNull;

import authdoctor.observation.HttpExchange;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * An OIDC discovery document as fetched (OIDC Discovery 1.0 §4): the URL it came from and the issuer
 * and endpoints it names. Its {@code issuer} must be exactly the URL it was fetched from without the
 * well-known suffix (§4.3); its endpoints are what clients and browsers will be sent to.
 *
 * @param fetchedFrom the document's URL
 * @param issuer the {@code issuer} member, or null when absent
 * @param endpoints {@code authorization_endpoint}, {@code token_endpoint}, {@code jwks_uri},
 *     {@code userinfo_endpoint}, {@code end_session_endpoint} that are present, in that order
 */
public record OidcDiscovery(URI fetchedFrom, @Nullable String issuer, Map<String, String> endpoints) {
  public static final String WELL_KNOWN = "/.well-known/openid-configuration";
  private static final List<String> ENDPOINTS =
      List.of("authorization_endpoint", "token_endpoint", "jwks_uri", "userinfo_endpoint", "end_session_endpoint");
  private static @Nullable ObjectMapper json;

  public OidcDiscovery {
    requireNonNull(fetchedFrom);
    endpoints = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
  }

  /** The document an exchange answered, when it is a 200 JSON answer to a discovery URL. */
  public static Optional<OidcDiscovery> of(HttpExchange x) {
    String path = x.url().getRawPath();
    if (x.status() != 200 || path == null || !path.endsWith(WELL_KNOWN) || x.body().isBlank()) return Optional.empty();
    try {
      JsonNode doc = mapper().readTree(x.body());
      if (doc == null || !doc.isObject()) return Optional.empty();
      Map<String, String> endpoints = new LinkedHashMap<>();
      for (String e : ENDPOINTS) if (doc.path(e).isTextual()) endpoints.put(e, doc.get(e).asText());
      return Optional.of(new OidcDiscovery(x.url(), doc.path("issuer").isTextual() ? doc.get("issuer").asText() : null, endpoints));
    } catch (java.io.IOException e) {
      return Optional.empty();
    }
  }

  /** The issuer the document's URL stands for: the URL without the well-known suffix (and no query). */
  public String expectedIssuer() {
    String s = fetchedFrom.getScheme() + "://" + fetchedFrom.getRawAuthority() + fetchedFrom.getRawPath();
    return s.substring(0, s.length() - WELL_KNOWN.length());
  }

  /**
   * Whether the provider published itself on plain http while it was fetched over https on the same host
   * and port: the issuer is the document's URL with {@code http://}. The provider builds its URLs from the
   * request, and the proxy in front of it did not say the request was https ({@code X-Forwarded-Proto}),
   * or the provider does not trust it.
   */
  public boolean httpBehindTls() {
    if (!"https".equalsIgnoreCase(fetchedFrom.getScheme()) || issuer == null) return false;
    String expected = expectedIssuer();
    String http = "http" + expected.substring("https".length());
    return stripSlash(issuer).equals(stripSlash(http));
  }

  /** Whether {@code url} is one of the document's endpoints (scheme, authority and path; the query aside). */
  public boolean names(URI url) {
    String bare = url.getScheme() + "://" + url.getRawAuthority() + url.getRawPath();
    return endpoints.values().stream().anyMatch(e -> e.equals(bare));
  }

  private static String stripSlash(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  /**
   * Whether a URL the document names points somewhere the document's own URL says it should not: plain
   * http from an https document (not loopback), or the same host on another scheme or port. Another
   * host over https is allowed (providers serve keys from a CDN host).
   */
  public boolean misplaced(String url) {
    try {
      URI u = new URI(url);
      if (u.getScheme() == null || u.getHost() == null) return true;
      boolean https = "https".equalsIgnoreCase(fetchedFrom.getScheme());
      if (https && "http".equalsIgnoreCase(u.getScheme()) && !authdoctor.internal.Hosts.isLoopback(u.getHost())) return true;
      return u.getHost().equalsIgnoreCase(fetchedFrom.getHost())
          && (!u.getScheme().equalsIgnoreCase(fetchedFrom.getScheme())
              || AuthorizationRequest.port(u) != AuthorizationRequest.port(fetchedFrom));
    } catch (java.net.URISyntaxException e) {
      return true;
    }
  }

  private static synchronized ObjectMapper mapper() {
    if (json == null) json = new ObjectMapper();
    return json;
  }
}
