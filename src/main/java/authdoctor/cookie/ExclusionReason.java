package authdoctor.cookie;

import org.jspecify.annotations.Nullable;

/**
 * Why a browser refuses to store or send a cookie: Chromium's {@code
 * CookieInclusionStatus::ExclusionReason}, one constant per Chromium name, with the DevTools protocol
 * value ({@code Network.SetCookieBlockedReason} / {@code Network.CookieBlockedReason}) and the
 * authdoctor catalog id that explains it (mirrors {@code corpus/cookies/chromium/reasons.json}).
 */
public enum ExclusionReason {
  EXCLUDE_UNKNOWN_ERROR(Phase.BOTH, "UnknownError", "UnknownError", null),
  EXCLUDE_HTTP_ONLY(Phase.BOTH, null, null, null),
  EXCLUDE_SECURE_ONLY(Phase.BOTH, "SecureOnly", "SecureOnly", CatalogIds.SECURE_OVER_HTTP),
  EXCLUDE_DOMAIN_MISMATCH(Phase.BOTH, null, "DomainMismatch", CatalogIds.SCOPE_EXCLUDES_HOST),
  EXCLUDE_NOT_ON_PATH(Phase.GET, null, "NotOnPath", CatalogIds.PATH_EXCLUDES_ROUTE),
  EXCLUDE_SAMESITE_STRICT(Phase.BOTH, "SameSiteStrict", "SameSiteStrict", CatalogIds.SAMESITE_BLOCKS_FLOW),
  EXCLUDE_SAMESITE_LAX(Phase.BOTH, "SameSiteLax", "SameSiteLax", CatalogIds.SAMESITE_BLOCKS_FLOW),
  EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX(
      Phase.BOTH,
      "SameSiteUnspecifiedTreatedAsLax",
      "SameSiteUnspecifiedTreatedAsLax",
      CatalogIds.SAMESITE_BLOCKS_FLOW),
  EXCLUDE_SAMESITE_NONE_INSECURE(
      Phase.BOTH, "SameSiteNoneInsecure", "SameSiteNoneInsecure", CatalogIds.SAMESITE_NONE_INSECURE),
  EXCLUDE_USER_PREFERENCES(
      Phase.BOTH, "UserPreferences", "UserPreferences", CatalogIds.THIRD_PARTY_CONTEXT),
  EXCLUDE_FAILURE_TO_STORE(Phase.SET, "SyntaxError", null, null),
  EXCLUDE_NONCOOKIEABLE_SCHEME(Phase.SET, "SchemeNotSupported", null, null),
  EXCLUDE_OVERWRITE_SECURE(Phase.SET, "OverwriteSecure", null, CatalogIds.SECURE_OVERWRITE),
  EXCLUDE_OVERWRITE_HTTP_ONLY(Phase.SET, null, null, null),
  /**
   * Catalog id {@code cookie.domain-mismatch}, or {@code cookie.domain-public-suffix} when the Domain
   * attribute is a public suffix (decided per cookie, see {@link SetResult#finding()}).
   */
  EXCLUDE_INVALID_DOMAIN(Phase.SET, "InvalidDomain", null, CatalogIds.DOMAIN_MISMATCH),
  EXCLUDE_INVALID_PREFIX(Phase.SET, "InvalidPrefix", null, CatalogIds.PREFIX_VIOLATION),
  EXCLUDE_INVALID_PARTITIONED(Phase.SET, null, null, CatalogIds.PARTITIONED_INVALID),
  EXCLUDE_NAME_VALUE_PAIR_EXCEEDS_MAX_SIZE(
      Phase.BOTH, "NameValuePairExceedsMaxSize", "NameValuePairExceedsMaxSize", CatalogIds.TOO_LARGE),
  EXCLUDE_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE(Phase.SET, null, null, CatalogIds.TOO_LARGE),
  EXCLUDE_DOMAIN_NON_ASCII(Phase.SET, null, null, CatalogIds.DOMAIN_MISMATCH),
  EXCLUDE_THIRD_PARTY_BLOCKED_WITHIN_FIRST_PARTY_SET(
      Phase.BOTH,
      "ThirdPartyBlockedInFirstPartySet",
      "ThirdPartyBlockedInFirstPartySet",
      CatalogIds.THIRD_PARTY_CONTEXT),
  EXCLUDE_PORT_MISMATCH(Phase.GET, null, "PortMismatch", CatalogIds.SCOPE_EXCLUDES_HOST),
  EXCLUDE_SCHEME_MISMATCH(Phase.GET, null, "SchemeMismatch", CatalogIds.SCOPE_EXCLUDES_HOST),
  EXCLUDE_SHADOWING_DOMAIN(Phase.GET, null, null, CatalogIds.SCOPE_EXCLUDES_HOST),
  EXCLUDE_DISALLOWED_CHARACTER(
      Phase.SET, "DisallowedCharacter", null, CatalogIds.INVALID_CHARACTERS),
  EXCLUDE_THIRD_PARTY_PHASEOUT(
      Phase.BOTH, "ThirdPartyPhaseout", "ThirdPartyPhaseout", CatalogIds.THIRD_PARTY_CONTEXT),
  EXCLUDE_NO_COOKIE_CONTENT(Phase.SET, "NoCookieContent", null, CatalogIds.NO_CONTENT),
  EXCLUDE_ANONYMOUS_CONTEXT(Phase.GET, null, "AnonymousContext", CatalogIds.THIRD_PARTY_CONTEXT),
  EXCLUDE_INVALID_PATH(Phase.SET, null, null, CatalogIds.PATH_EXCLUDES_ROUTE),
  EXCLUDE_AMBIGUOUS_SERIALIZATION(Phase.SET, null, null, CatalogIds.NO_CONTENT);

  /** When Chromium can report a reason: while storing, while sending/reading, or both. */
  public enum Phase {
    SET,
    GET,
    BOTH
  }

  private final Phase phase;
  private final @Nullable String devtoolsSetReason;
  private final @Nullable String devtoolsGetReason;
  private final @Nullable String catalogId;

  ExclusionReason(
      Phase phase,
      @Nullable String devtoolsSetReason,
      @Nullable String devtoolsGetReason,
      @Nullable String catalogId) {
    this.phase = phase;
    this.devtoolsSetReason = devtoolsSetReason;
    this.devtoolsGetReason = devtoolsGetReason;
    this.catalogId = catalogId;
  }

  public Phase phase() {
    return phase;
  }

  /** The {@code Network.SetCookieBlockedReason} value, or null when DevTools does not surface it. */
  public @Nullable String devtoolsSetReason() {
    return devtoolsSetReason;
  }

  /** The {@code Network.CookieBlockedReason} value, or null when DevTools does not surface it. */
  public @Nullable String devtoolsGetReason() {
    return devtoolsGetReason;
  }

  /**
   * The DevTools value Chromium reports for this exclusion ({@code Network.SetCookieBlockedReason} when
   * {@code setting}, else {@code Network.CookieBlockedReason}), or null when DevTools does not surface
   * it. Chromium 156 reports every SameSite exclusion in its {@code Schemeful…} form ({@code
   * SchemefulSameSiteLax}), even between two https sites (observed through the browser collector).
   */
  public @Nullable String devtoolsReason(boolean setting) {
    String plain = setting ? devtoolsSetReason : devtoolsGetReason;
    if (plain != null && isSameSite()) return "Schemeful" + plain;
    return plain;
  }

  /** The catalog id that explains this exclusion, or null when it has no finding of its own. */
  public @Nullable String catalogId() {
    return catalogId;
  }

  /** Strict, Lax or unspecified-treated-as-Lax. */
  public boolean isSameSite() {
    return this == EXCLUDE_SAMESITE_STRICT
        || this == EXCLUDE_SAMESITE_LAX
        || this == EXCLUDE_SAMESITE_UNSPECIFIED_TREATED_AS_LAX;
  }
}
