package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import authdoctor.Redactor;
import authdoctor.collect.Collector;
import authdoctor.collect.http.HttpCollector;
import authdoctor.observation.Collected;
import java.time.Clock;
import java.util.function.Consumer;

/**
 * The live probe as a {@link Collector}: one flow ({@link ProbeConfig}) through the given HTTP collector,
 * its trace alongside the observations; a target that never answered is {@link Collected#unreachable()}.
 *
 * @param progress receives a short line per step (for a terminal status line)
 */
public record ProbeCollector(HttpCollector http, Redactor redactor, Clock clock, Consumer<String> progress)
    implements Collector<ProbeConfig> {
  public ProbeCollector {
    requireNonNull(http);
    requireNonNull(redactor);
    requireNonNull(clock);
    requireNonNull(progress);
  }

  @Override
  public Collected collect(ProbeConfig config) {
    return Probe.run(config, http, redactor, clock, progress).collected();
  }
}
