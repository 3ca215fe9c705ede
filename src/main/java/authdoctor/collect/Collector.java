package authdoctor.collect;

import authdoctor.observation.Collected;

/**
 * Talks to the outside world (network, files, a browser) and records what it saw as observations. A
 * collector decides nothing: the checks do. Failures of the environment become problems in the result,
 * not exceptions; only bad input (the user's mistake) is thrown.
 *
 * @param <I> what to collect from: the probe's flow, a token and its verifier, a cookie scenario
 */
@FunctionalInterface
public interface Collector<I> {
  Collected collect(I input);
}
