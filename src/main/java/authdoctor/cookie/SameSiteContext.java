package authdoctor.cookie;

/**
 * Chromium's {@code CookieOptions::SameSiteCookieContext::ContextType}, weakest first: which SameSite
 * cookies a request (or response, or script) may use.
 */
enum SameSiteContext {
  CROSS_SITE,
  SAME_SITE_LAX_METHOD_UNSAFE,
  SAME_SITE_LAX,
  SAME_SITE_STRICT;

  boolean atLeast(SameSiteContext other) {
    return compareTo(other) >= 0;
  }
}
