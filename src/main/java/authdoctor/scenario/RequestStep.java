package authdoctor.scenario;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.Context;
import java.net.URI;
import java.time.Duration;
import org.jspecify.annotations.Nullable;

/** A request to {@code url} whose cookies (sent or withheld) we want to know. */
public record RequestStep(URI url, String method, Context context, @Nullable URI from, Duration after)
    implements Step {
  public RequestStep {
    requireNonNull(url);
    requireNonNull(method);
    requireNonNull(context);
    requireNonNull(after);
  }
}
