package authdoctor.cookie;

/**
 * Something worth knowing about a cookie that did not change whether it was stored or sent: Chromium's
 * {@code CookieInclusionStatus::WarningReason} (the current names), plus none of our own.
 */
public enum WarningReason {
  /** An unspecified-SameSite cookie was used in a cross-site context (and so withheld or refused). */
  WARN_SAMESITE_UNSPECIFIED_CROSS_SITE_CONTEXT,
  /** SameSite=None without Secure. */
  WARN_SAMESITE_NONE_INSECURE,
  /** Sent on a cross-site top-level unsafe-method request only because it is at most 2 minutes old. */
  WARN_SAMESITE_UNSPECIFIED_LAX_ALLOW_UNSAFE,
  /** A Secure cookie set or sent over a non-cryptographic but trustworthy URL (localhost). */
  WARN_SECURE_ACCESS_GRANTED_NON_CRYPTOGRAPHIC,
  /** The result would differ if cross-site redirects downgraded the same-site context. */
  WARN_CROSS_SITE_REDIRECT_DOWNGRADE_CHANGES_INCLUSION,
  /** An attribute value over 1024 bytes was ignored. */
  WARN_ATTRIBUTE_VALUE_EXCEEDS_MAX_SIZE,
  /** The Domain attribute has non-ASCII characters (rejected only behind a Chromium feature flag). */
  WARN_DOMAIN_NON_ASCII,
  /** The request port differs from the port the cookie was set from (origin-bound cookies off). */
  WARN_PORT_MISMATCH,
  /** The request scheme differs from the scheme the cookie was set from (origin-bound cookies off). */
  WARN_SCHEME_MISMATCH,
  /** A Secure cookie created from a non-cryptographic URL (allowed because it is trustworthy). */
  WARN_TENTATIVELY_ALLOWING_SECURE_SOURCE_SCHEME,
  /** A domain cookie has the same name as a host cookie for this host. */
  WARN_SHADOWING_DOMAIN,
  /** The cookie would be blocked by third-party cookie phaseout. */
  WARN_THIRD_PARTY_PHASEOUT
}
