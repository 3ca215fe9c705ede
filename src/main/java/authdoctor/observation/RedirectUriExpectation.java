package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import org.jspecify.annotations.Nullable;

/**
 * The redirect_uri registered with the provider for this app, as the user stated it
 * ({@code --expect-redirect-uri}): the app's authorization requests must send exactly this.
 *
 * @param redirectUri the registered value, as given
 * @param source where it came from ({@code --expect-redirect-uri})
 */
public record RedirectUriExpectation(String redirectUri, String source) implements Observation {
  public RedirectUriExpectation {
    requireNonNull(redirectUri);
    requireNonNull(source);
  }

  /** Given, not seen: no location. */
  @Override
  public @Nullable Location location() {
    return null;
  }
}
