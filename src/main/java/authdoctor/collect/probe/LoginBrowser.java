package authdoctor.collect.probe;

import static java.util.Objects.requireNonNull;

import java.nio.file.Path;

/**
 * The real browser that performs the login ({@code --browser chromium}): the Chromium executable, found
 * before the run so that a missing browser is a usage error, not a failed probe.
 */
public record LoginBrowser(Path executable) {
  public LoginBrowser {
    requireNonNull(executable);
  }
}
