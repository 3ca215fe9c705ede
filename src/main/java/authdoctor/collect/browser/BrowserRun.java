package authdoctor.collect.browser;

import static java.util.Objects.requireNonNull;

import authdoctor.cookie.ThirdPartyCookies;
import java.time.Duration;
import java.util.List;

/**
 * The outcome of one scenario in real Chromium: per step what was stored, sent or withheld with
 * Chromium's reasons, and the jar at the end. Holds cookie names and attributes, never values.
 */
public record BrowserRun(
    String browserVersion, ThirdPartyCookies thirdPartyCookies, List<BrowserStep> steps, List<JarCookie> jar, Duration elapsed) {
  public BrowserRun {
    requireNonNull(browserVersion);
    requireNonNull(thirdPartyCookies);
    requireNonNull(elapsed);
    steps = List.copyOf(steps);
    jar = List.copyOf(jar);
  }

  /** Whether every step was replayed. */
  public boolean complete() {
    return steps.stream().noneMatch(s -> s instanceof BrowserStep.NotReplayed);
  }
}
