package authdoctor.cookie;

import java.util.List;

/**
 * The finding ids of {@code catalog.md} that the cookie model emits, and the order in which one
 * finding is picked when a cookie has several reasons (the {@code about} of reasons.json).
 */
public final class CatalogIds {
  public static final String SAMESITE_NONE_INSECURE = "cookie.samesite-none-insecure";
  public static final String SECURE_OVER_HTTP = "cookie.secure-over-http";
  public static final String DOMAIN_PUBLIC_SUFFIX = "cookie.domain-public-suffix";
  public static final String DOMAIN_MISMATCH = "cookie.domain-mismatch";
  public static final String PREFIX_VIOLATION = "cookie.prefix-violation";
  public static final String PARTITIONED_INVALID = "cookie.partitioned-invalid";
  public static final String INVALID_CHARACTERS = "cookie.invalid-characters";
  public static final String NO_CONTENT = "cookie.no-content";
  public static final String TOO_LARGE = "cookie.too-large";
  public static final String SECURE_OVERWRITE = "cookie.secure-overwrite";
  public static final String SCOPE_EXCLUDES_HOST = "cookie.scope-excludes-host";
  public static final String PATH_EXCLUDES_ROUTE = "cookie.path-excludes-route";
  public static final String SAMESITE_BLOCKS_FLOW = "cookie.samesite-blocks-flow";
  public static final String THIRD_PARTY_CONTEXT = "cookie.third-party-context";
  public static final String EXPIRED_ON_ARRIVAL = "cookie.expired-on-arrival";
  public static final String LOGOUT_COOKIE_NOT_CLEARED = "session.logout-cookie-not-cleared";
  public static final String NOT_HTTPONLY = "cookie.not-httponly";
  public static final String NOT_SECURE = "cookie.not-secure";
  public static final String NO_SAMESITE = "cookie.no-samesite";
  public static final String PARENT_DOMAIN_SCOPE = "cookie.parent-domain-scope";

  /** When several reasons apply, the finding is the first of these that any reason maps to. */
  public static final List<String> FINDING_ORDER =
      List.of(
          SAMESITE_NONE_INSECURE,
          SECURE_OVER_HTTP,
          DOMAIN_PUBLIC_SUFFIX,
          DOMAIN_MISMATCH,
          PREFIX_VIOLATION,
          PARTITIONED_INVALID,
          INVALID_CHARACTERS,
          NO_CONTENT,
          TOO_LARGE,
          SECURE_OVERWRITE,
          SCOPE_EXCLUDES_HOST,
          PATH_EXCLUDES_ROUTE,
          SAMESITE_BLOCKS_FLOW,
          THIRD_PARTY_CONTEXT);

  private CatalogIds() {}
}
