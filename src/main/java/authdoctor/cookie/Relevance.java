package authdoctor.cookie;

import java.net.URI;
import java.util.Locale;

/**
 * Which of the model's decisions are worth a finding. The model answers for every cookie in the jar;
 * a cookie of an unrelated site that is not sent to a request is expected, not a problem.
 */
public final class Relevance {
  private Relevance() {}

  /** True when the cookie belongs to the request's site (same registrable domain, schemeless). */
  public static boolean concerns(StoredCookie cookie, URI requestUrl) {
    String host = Sites.host(requestUrl);
    // Fast path (no public-suffix lookup): checks call this for every cookie of every request.
    if (cookie.domainWithoutDot().equals(host)) return true;
    Sites sites = new Sites();
    return sites.siteHost(cookie.domainWithoutDot()).equals(sites.siteHost(host));
  }

  /** Names of CSRF token cookies, which scripts must read: HttpOnly would break them. */
  public static boolean csrfTokenName(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.contains("csrf") || n.contains("xsrf");
  }
}
