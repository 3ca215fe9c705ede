package authdoctor.scenario;

import java.util.Locale;

/** The browser's third-party cookie setting a scenario runs under (scenario key {@code third_party_cookies}). */
public enum ThirdPartyCookies {
  /** Third-party cookies are stored and sent (Chrome's default for a regular profile). */
  ALLOWED,
  /** Third-party cookies are blocked ("Block third-party cookies", Incognito's default). */
  BLOCKED;

  /** The word used in scenario files: {@code allowed} or {@code blocked}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
