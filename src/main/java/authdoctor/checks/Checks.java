package authdoctor.checks;

import authdoctor.check.Check;
import authdoctor.check.CheckSpec;
import authdoctor.checks.clock.ClockDrift;
import authdoctor.checks.cookie.CookieDomainMismatch;
import authdoctor.checks.cookie.CookieDomainPublicSuffix;
import authdoctor.checks.cookie.CookieExpiredOnArrival;
import authdoctor.checks.cookie.CookieInvalidCharacters;
import authdoctor.checks.cookie.CookieMissing;
import authdoctor.checks.cookie.CookieNameCollision;
import authdoctor.checks.cookie.CookieNoContent;
import authdoctor.checks.cookie.CookieNoSamesite;
import authdoctor.checks.cookie.CookieNotHttponly;
import authdoctor.checks.cookie.CookieNotSecure;
import authdoctor.checks.cookie.CookieParentDomainScope;
import authdoctor.checks.cookie.CookiePartitionedInvalid;
import authdoctor.checks.cookie.CookiePathExcludesRoute;
import authdoctor.checks.cookie.CookiePrefixViolation;
import authdoctor.checks.cookie.CookieSamesiteBlocksFlow;
import authdoctor.checks.cookie.CookieSamesiteNoneInsecure;
import authdoctor.checks.cookie.CookieScopeExcludesHost;
import authdoctor.checks.cookie.CookieSecureOverHttp;
import authdoctor.checks.cookie.CookieSecureOverwrite;
import authdoctor.checks.cookie.CookieThirdPartyContext;
import authdoctor.checks.cookie.CookieTooLarge;
import authdoctor.checks.cors.CorsCredentialsNotAllowed;
import authdoctor.checks.cors.CorsHeaderNotAllowed;
import authdoctor.checks.cors.CorsOriginNotAllowed;
import authdoctor.checks.cors.CorsVaryOriginMissing;
import authdoctor.checks.cors.CorsWildcardWithCredentials;
import authdoctor.checks.csrf.CsrfOriginUntrusted;
import authdoctor.checks.csrf.CsrfTokenMissing;
import authdoctor.checks.http.HttpNoHttpsRedirect;
import authdoctor.checks.jwt.JwtAlgMismatch;
import authdoctor.checks.jwt.JwtAudienceMismatch;
import authdoctor.checks.jwt.JwtExpired;
import authdoctor.checks.jwt.JwtIssuerMismatch;
import authdoctor.checks.jwt.JwtMissingClaim;
import authdoctor.checks.jwt.JwtNotYetValid;
import authdoctor.checks.jwt.JwtSignatureInvalid;
import authdoctor.checks.jwt.JwtUnknownKid;
import authdoctor.checks.oauth.OauthDiscoveryMismatch;
import authdoctor.checks.oauth.OauthRedirectUriMismatch;
import authdoctor.checks.oauth.OauthRedirectUriScheme;
import authdoctor.checks.oauth.OauthStateCookieLost;
import authdoctor.checks.proxy.ProxyAuthResponseCached;
import authdoctor.checks.proxy.ProxyAuthorizationStripped;
import authdoctor.checks.proxy.ProxyForwardedProtoMissing;
import authdoctor.checks.proxy.ProxyForwardedProtoOverwritten;
import authdoctor.checks.proxy.ProxyForwardedProtoUntrusted;
import authdoctor.checks.proxy.ProxyHostNotForwarded;
import authdoctor.checks.proxy.ProxyPrefixNotForwarded;
import authdoctor.checks.proxy.ProxySetCookieCached;
import authdoctor.checks.redirect.RedirectHttpsDowngrade;
import authdoctor.checks.redirect.RedirectWrongHost;
import authdoctor.checks.session.SessionLogoutCookieNotCleared;
import authdoctor.checks.session.SessionLogoutNotInvalidated;
import authdoctor.checks.session.SessionLostOnRestart;
import authdoctor.checks.session.SessionSecretMismatch;
import authdoctor.checks.session.SessionSecretMissing;
import authdoctor.checks.session.SessionStoreNotShared;
import authdoctor.checks.session.SessionStoreUnreachable;
import authdoctor.checks.tls.TlsHstsMissing;
import java.util.List;

/** Every registered check, sorted by id. Add a check here; no classpath scanning. */
public final class Checks {
  private Checks() {}

  public static final List<Check> ALL =
      List.of(
          new ClockDrift(),
          new CookieDomainMismatch(),
          new CookieDomainPublicSuffix(),
          new CookieExpiredOnArrival(),
          new CookieInvalidCharacters(),
          new CookieMissing(),
          new CookieNameCollision(),
          new CookieNoContent(),
          new CookieNoSamesite(),
          new CookieNotHttponly(),
          new CookieNotSecure(),
          new CookieParentDomainScope(),
          new CookiePartitionedInvalid(),
          new CookiePathExcludesRoute(),
          new CookiePrefixViolation(),
          new CookieSamesiteBlocksFlow(),
          new CookieSamesiteNoneInsecure(),
          new CookieScopeExcludesHost(),
          new CookieSecureOverHttp(),
          new CookieSecureOverwrite(),
          new CookieThirdPartyContext(),
          new CookieTooLarge(),
          new CorsCredentialsNotAllowed(),
          new CorsHeaderNotAllowed(),
          new CorsOriginNotAllowed(),
          new CorsVaryOriginMissing(),
          new CorsWildcardWithCredentials(),
          new CsrfOriginUntrusted(),
          new CsrfTokenMissing(),
          new HttpNoHttpsRedirect(),
          new JwtAlgMismatch(),
          new JwtAudienceMismatch(),
          new JwtExpired(),
          new JwtIssuerMismatch(),
          new JwtMissingClaim(),
          new JwtNotYetValid(),
          new JwtSignatureInvalid(),
          new JwtUnknownKid(),
          new OauthDiscoveryMismatch(),
          new OauthRedirectUriMismatch(),
          new OauthRedirectUriScheme(),
          new OauthStateCookieLost(),
          new ProxyAuthResponseCached(),
          new ProxyAuthorizationStripped(),
          new ProxyForwardedProtoMissing(),
          new ProxyForwardedProtoOverwritten(),
          new ProxyForwardedProtoUntrusted(),
          new ProxyHostNotForwarded(),
          new ProxyPrefixNotForwarded(),
          new ProxySetCookieCached(),
          new RedirectHttpsDowngrade(),
          new RedirectWrongHost(),
          new SessionLogoutCookieNotCleared(),
          new SessionLogoutNotInvalidated(),
          new SessionLostOnRestart(),
          new SessionSecretMismatch(),
          new SessionSecretMissing(),
          new SessionStoreNotShared(),
          new SessionStoreUnreachable(),
          new TlsHstsMissing());

  /** The spec of a check class (see {@link Check#spec}). */
  public static CheckSpec spec(Check check) {
    return Check.spec(check);
  }
}
