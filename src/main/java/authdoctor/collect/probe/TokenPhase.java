package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.browsing.RequestKind.Fetch;
import authdoctor.collect.browsing.RequestKind.Referrer;
import authdoctor.collect.jwt.BearerChallenges;
import authdoctor.collect.jwt.JwtCollector;
import authdoctor.collect.jwt.JwtParser;
import authdoctor.collect.jwt.ParsedJwt;
import authdoctor.observation.BearerToken;
import authdoctor.observation.Collected;
import authdoctor.observation.HeaderField;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observation;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The bearer token: the APIs ({@code --api}) called with it, then the token read with the JWT machinery —
 * its claims, the issuer's discovery document and keys (or those given), and the APIs' clocks from their
 * {@code Date} headers — so the token checks can say why an API refuses it.
 */
final class TokenPhase {
  private final ProbeSession s;

  TokenPhase(ProbeSession s) {
    this.s = s;
  }

  /** An API's refusal of the bearer token, with its RFC 6750 challenge. */
  void refusal(HttpExchange x) {
    if (s.bearerToken() == null || !x.answered()) return;
    BearerChallenges.refusal(x.step(), x.url(), x.status(), x.responseHeader("WWW-Authenticate").orElse(null))
        .ifPresent(s::add);
  }

  /**
   * The frontend's call of an API with the bearer token: from {@code --frontend-origin} when there is one
   * (a CORS fetch, preflight first), else from the base URL (a SPA calling its own API). Null when the
   * preflight did not let the browser send it.
   */
  @Nullable HttpExchange call(String label, URI api) {
    List<HeaderField> h = new ArrayList<>(List.of(new HeaderField("Accept", "application/json")));
    h.addAll(s.auth());
    if (s.config.frontendOrigin() == null) {
      return s.send(label, "GET", api, new Fetch("GET", s.config.base(), Fetch.Mode.SAME_ORIGIN, true, Referrer.NONE), h,
          null, true);
    }
    return new FrontendFetch(s).get(label, api);
  }

  void run(List<URI> protectedUrls, boolean fromLogin) {
    String token = requireNonNull(s.bearerToken());
    ProbeConfig.Tokens t = s.config.tokens();
    List<URI> apis = t.apis().stream().map(s::url).toList();
    for (URI api : apis) {
      if (s.overTime()) return;
      HttpExchange x = call("api " + api.getRawPath(), api);
      if (x != null) refusal(x);
    }
    ParsedJwt parsed = JwtParser.parse(JwtParser.normalize(token), s.redactor);
    int tokenStep = s.steps.next();
    if (!parsed.ok()) {
      s.add(new BearerToken(tokenStep, fromLogin, null, s.redactor.scrub(parsed.detail())));
      return;
    }
    JwtToken jt = requireNonNull(parsed.token());
    s.add(new BearerToken(tokenStep, fromLogin, jt, null));
    URI oidc = t.oidcIssuer();
    if (oidc == null && t.jwksUrl() == null && jt.issuer() != null && jt.issuer().matches("(?i)https?://.+")) {
      try {
        oidc = new URI(jt.issuer());
      } catch (URISyntaxException e) {
        oidc = null;
      }
    }
    if (oidc != null && !s.allowed(JwtCollector.discoveryUrl(oidc))) {
      s.note("bearer token", "the issuer " + s.redactor.url(oidc.toString()) + " is not pinned by --resolve: its discovery "
          + "document and keys are not read (give --oidc-issuer or --jwks-url)");
      oidc = null;
    }
    URI jwks = t.jwksUrl() != null && s.allowed(t.jwksUrl()) ? t.jwksUrl() : null;
    List<URI> servers = (apis.isEmpty() ? protectedUrls : apis).stream().filter(s::allowed).distinct().toList();
    JwtCollector.Request request = new JwtCollector.Request(parsed, t.issuer(), t.audience(), t.leeway(),
        "the local clock", jwks, oidc, List.of(), servers, List.of(), t.userClaim(), t.expOptional());
    Collected c = new JwtCollector(s.redactor, s.clock, s.http).collect(request, tokenStep);
    int last = tokenStep;
    for (Observation o : c.observations()) {
      s.add(o);
      if (o instanceof HttpExchange x) last = Math.max(last, x.step());
    }
    s.steps.atLeast(last);
    s.problems(c.problems());
  }
}
