package authdoctor.cookie;

import java.net.URI;

/**
 * Schemeful same-site as Chromium decides it (the registrable domain by the public suffix list, and the
 * scheme): what {@code Sec-Fetch-Site} (Fetch Metadata §2.3) and the cookie jar's SameSite rules share.
 */
public final class Schemeful {
  private Schemeful() {}

  /** Whether {@code a} and {@code b} are the same schemeful site ({@code http} and {@code https} are not). */
  public static boolean sameSite(URI a, URI b) {
    return new Sites().sameSite(a, b, true);
  }
}
