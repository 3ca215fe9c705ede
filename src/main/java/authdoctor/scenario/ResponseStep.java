package authdoctor.scenario;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.Context;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * A response received from {@code url}, carrying {@code setCookie} lines (in one response, in order)
 * and optionally a {@code Date} header.
 *
 * <p>{@link #toString()} never shows the Set-Cookie lines: they hold cookie values.
 */
public record ResponseStep(
    URI url,
    String method,
    Context context,
    @Nullable URI from,
    Duration after,
    List<String> setCookie,
    @Nullable Instant date)
    implements Step {
  public ResponseStep {
    requireNonNull(url);
    requireNonNull(method);
    requireNonNull(context);
    requireNonNull(after);
    setCookie = List.copyOf(setCookie);
  }

  @Override
  public String toString() {
    return "ResponseStep[" + method + " " + url + ", context=" + ScenarioKeys.key(context)
        + (from == null ? "" : ", from=" + from) + ", after=" + after
        + ", setCookie=" + setCookie.size() + " line(s)" + (date == null ? "" : ", date=" + date) + "]";
  }
}
