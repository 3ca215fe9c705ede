package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.collect.Collector;
import authdoctor.collect.http.HttpCollector;
import authdoctor.observation.Collected;
import java.time.Clock;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * The live probe as a {@link Collector}: one flow ({@link ProbeConfig}) through the given HTTP collector,
 * its trace alongside the observations; a target that never answered is {@link Collected#unreachable()}.
 *
 * @param progress receives a short line per step (for a terminal status line)
 * @param browser the real browser that performs the login ({@code --browser chromium}), or null
 * @param canary the session to replay before the login and where to save this run's ({@code --reuse-session}, {@code --save-session})
 */
public record ProbeCollector(HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress,
    @Nullable LoginBrowser browser, SessionCanary canary)
    implements Collector<ProbeConfig> {
  public ProbeCollector {
    requireNonNull(http);
    requireNonNull(redactor);
    requireNonNull(clock);
    requireNonNull(progress);
    requireNonNull(canary);
  }

  /** The probe without a saved session ({@link SessionCanary#NONE}). */
  public ProbeCollector(HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress,
      @Nullable LoginBrowser browser) {
    this(http, redactor, clock, progress, browser, SessionCanary.NONE);
  }

  /** The probe posting the login itself (no {@code --browser}). */
  public ProbeCollector(HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress) {
    this(http, redactor, clock, progress, null);
  }

  @Override
  public Collected collect(ProbeConfig config) {
    return Probe.run(config, http, redactor, clock, progress, browser, canary).collected();
  }
}
