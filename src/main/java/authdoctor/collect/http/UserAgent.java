package authdoctor.collect.http;

import authdoctor.Version;

/**
 * The {@code User-Agent} every request carries unless {@code -A/--user-agent} or {@code -H} sets one:
 * desktop Chromium's on Linux, of the version the cookie model follows, with {@code authdoctor/VERSION}
 * appended so that a server's log tells the probe from a person. Servers that serve browsers and API
 * clients differently (a login page, an OIDC module) then treat the probe as the browser it stands for.
 */
public final class UserAgent {
  /** The Chromium major version whose cookie rules and request headers the model follows. */
  public static final int CHROMIUM_MAJOR = 156;

  /** What Chromium {@value #CHROMIUM_MAJOR} on Linux sends (its reduced form: minor versions are zeros). */
  public static final String CHROMIUM = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/"
      + CHROMIUM_MAJOR + ".0.0.0 Safari/537.36";

  /** The default: {@link #CHROMIUM} and {@code authdoctor/VERSION}. */
  public static final String DEFAULT = CHROMIUM + " authdoctor/" + Version.get();

  private UserAgent() {}
}
