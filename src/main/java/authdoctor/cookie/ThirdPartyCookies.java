package authdoctor.cookie;

/** The browser's third-party cookie setting (Chrome default: allowed; Incognito default: blocked). */
public enum ThirdPartyCookies {
  ALLOWED,
  BLOCKED
}
