package authdoctor.check;

import authdoctor.observation.Observations;
import java.util.Optional;

/**
 * A live detector that, when it found nothing, can say whether the live run showed its id not
 * happening on the deployment: through the proxy the app built {@code https://} URLs, so
 * {@code X-Forwarded-Proto} arrives. When the configuration read next to the run ({@code probe --config})
 * says otherwise, the live run wins: the configuration finding is dropped with this as the note (see
 * {@link Corroboration}). A detector that cannot tell (it saw nothing it could judge) answers empty.
 */
public interface Refuting {
  /**
   * What in the live run shows the id is not happening ("step 4: through the public URL the app built
   * https://app.example.com/dashboard"), already redacted; empty when the run cannot tell.
   */
  Optional<String> refutation(Observations observations, CheckContext ctx);
}
