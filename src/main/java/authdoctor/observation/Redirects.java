package authdoctor.observation;

import java.net.URI;
import java.util.Optional;

/** Resolves an exchange's {@code Location} against its URL (RFC 9110 §10.2.2), without throwing. */
public final class Redirects {
  private Redirects() {}

  /** The absolute target of a redirect, or empty when there is none or it is not a valid URI. */
  public static Optional<URI> target(HttpExchange x) {
    if (!x.isRedirect()) return Optional.empty();
    try {
      return Optional.of(x.url().resolve(x.responseHeader("Location").orElseThrow().strip()));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
