package authdoctor.collect.browsing;

import authdoctor.cookie.Schemeful;
import authdoctor.internal.Hosts;
import authdoctor.observation.HeaderField;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The headers Chromium adds to a request by itself, per destination: {@code Accept}, {@code
 * Upgrade-Insecure-Requests}, Fetch Metadata ({@code Sec-Fetch-Site}, {@code -Mode}, {@code -User},
 * {@code -Dest}, W3C Fetch Metadata Request Headers §2; {@code Sec-Fetch-Storage-Access} of the Storage
 * Access API), {@code Cache-Control} on a form POST and {@code Accept-Language}, with the values
 * Chromium 156 sends (checked against headless Chromium by {@code BrowserHeadersChromiumTest}). Servers
 * branch on them: mod_auth_openidc answers a request without {@code Accept: text/html} with 401 instead
 * of redirecting to the provider. {@code User-Agent} is the HTTP client's ({@code UserAgent}).
 */
final class BrowserHeaders {
  /** Chromium's {@code Accept} for a document (top-level or frame). */
  static final String ACCEPT_DOCUMENT = "text/html,application/xhtml+xml,application/xml;q=0.9,image/jxl,image/avif,image/webp,"
      + "image/apng,*/*;q=0.8,application/signed-exchange;v=b3;q=0.7";
  /** Chromium's {@code Accept} for {@code fetch()} and a preflight when the script sets none. */
  static final String ACCEPT_ANY = "*/*";
  /** The language of a fresh Chromium profile in the {@code en-US} locale. */
  static final String ACCEPT_LANGUAGE = "en-US,en;q=0.9";

  private BrowserHeaders() {}

  /** Where the request goes, as {@code Sec-Fetch-Dest} names it. */
  enum Dest {
    DOCUMENT("document"),
    IFRAME("iframe"),
    EMPTY("empty");

    final String value;

    Dest(String value) {
      this.value = value;
    }
  }

  /**
   * The browser's headers for a request to {@code url}.
   *
   * @param initiator the page that started the request; null for one the user started (typed, a bookmark)
   * @param mode {@code Sec-Fetch-Mode}
   * @param user whether the user started it (a click, typing): {@code Sec-Fetch-User: ?1}, navigations only
   * @param method the request's method: a navigation other than GET/HEAD (a form POST) asks for a fresh answer
   * @param embedded whether it may carry cookies inside another site's page (a credentialed fetch, an iframe):
   *     cross-site, such a request says it has no storage access grant ({@code Sec-Fetch-Storage-Access: none})
   */
  static List<HeaderField> of(@Nullable URI initiator, URI url, String mode, Dest dest, boolean user, String method,
      boolean embedded) {
    List<HeaderField> h = new ArrayList<>(9);
    boolean document = dest != Dest.EMPTY;
    if (document && !method.equals("GET") && !method.equals("HEAD")) h.add(new HeaderField("Cache-Control", "max-age=0"));
    if (document) h.add(new HeaderField("Upgrade-Insecure-Requests", "1"));
    h.add(new HeaderField("Accept", document ? ACCEPT_DOCUMENT : ACCEPT_ANY));
    String site = site(initiator, url);
    h.add(new HeaderField("Sec-Fetch-Site", site));
    h.add(new HeaderField("Sec-Fetch-Mode", mode));
    if (user && document) h.add(new HeaderField("Sec-Fetch-User", "?1"));
    h.add(new HeaderField("Sec-Fetch-Dest", dest.value));
    h.add(new HeaderField("Accept-Language", ACCEPT_LANGUAGE));
    if (embedded && site.equals("cross-site")) h.add(new HeaderField("Sec-Fetch-Storage-Access", "none"));
    return h;
  }

  /**
   * {@code Sec-Fetch-Site} (Fetch Metadata §2.3): {@code none} for a request the user started, else how the
   * initiator relates to the target. A redirect hop is compared with the chain's initiator only, where
   * Chromium takes the most distant relation over the whole chain.
   */
  static String site(@Nullable URI initiator, URI url) {
    if (initiator == null) return "none";
    if (Hosts.sameOrigin(initiator, url)) return "same-origin";
    return Schemeful.sameSite(initiator, url) ? "same-site" : "cross-site";
  }
}
