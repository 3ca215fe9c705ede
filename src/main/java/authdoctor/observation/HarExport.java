package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import org.jspecify.annotations.Nullable;

/**
 * What a HAR file holds as a whole (HAR 1.2 {@code log}): who wrote it, how many entries, and how many of
 * them carried the headers a cookie or token diagnosis needs ({@code Cookie} or {@code request.cookies},
 * {@code Set-Cookie}, {@code Authorization}). Browsers' default "sanitized" export leaves all three out.
 *
 * @param creator {@code log.creator} name and version
 * @param browser {@code log.browser} name and version, null when absent
 * @param entries how many entries the file holds
 * @param withCookie entries whose request carried a {@code Cookie} header or a {@code cookies} array
 * @param withSetCookie entries whose response carried {@code Set-Cookie}
 * @param withAuthorization entries whose request carried {@code Authorization}
 * @param logins entries that posted a password field (the sign-in the recording covers)
 * @param location the first sign-in's entry, else the first entry; null for a file without entries
 * @param leftOut redirects whose bytes on the wire ({@code _transferSize}) exceed what their listed headers
 *     can take: the export left headers out
 * @param measuredWhole whether the responses that decide the session were measured whole (bytes on the wire
 *     that their listed headers account for): the first sign-in's response, or most redirects of a file
 *     without a sign-in
 */
public record HarExport(String creator, @Nullable String browser, int entries, int withCookie, int withSetCookie,
    int withAuthorization, int logins, @Nullable Location location, int leftOut, boolean measuredWhole)
    implements Observation {
  public HarExport {
    requireNonNull(creator);
  }

  /**
   * No entry carries any of the three, and nothing shows the server sent none: cookie-level causes cannot be
   * decided from the file. Such a file is either a sanitized export or a recording in which no cookie was set at
   * all; the bytes on the wire tell them apart where they were measured ({@link #leftOut}, {@link #measuredWhole}).
   */
  public boolean sanitized() {
    // Chromium's _transferSize of a redirect now and then counts bytes beyond its header block (seen: the
    // same 302 measured 130 and 235 bytes in one recording), so one long redirect proves nothing: the
    // sign-in's own redirect decides, or, without one, most redirects.
    return cookieless() && !measuredWhole;
  }

  /** No entry carries {@code Cookie}, {@code Set-Cookie} or {@code Authorization}. */
  public boolean cookieless() {
    return entries > 0 && withCookie == 0 && withSetCookie == 0 && withAuthorization == 0;
  }
}
