package authdoctor.scenario;

import java.util.Locale;

/** How a request is started (scenario key {@code context}); decides the SameSite context per RFC 6265bis §5.2. */
public enum Context {
  /** A top-level navigation: typed by the user, or a link or form on the {@code from} page. */
  NAVIGATION,
  /** A fetch or image issued by the {@code from} page, which is also the top-level site. */
  SUBRESOURCE,
  /** An iframe embedded in the {@code from} page, which is also the top-level site. */
  IFRAME;

  /** The word used in scenario files: {@code navigation}, {@code subresource} or {@code iframe}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
