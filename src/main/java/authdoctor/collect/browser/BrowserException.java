package authdoctor.collect.browser;

import org.jspecify.annotations.Nullable;

/** The browser could not be started, or did not answer in time. The message is one line. */
public final class BrowserException extends Exception {
  private final boolean notInstalled;

  public BrowserException(String message) {
    this(message, null, false);
  }

  public BrowserException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private BrowserException(String message, @Nullable Throwable cause, boolean notInstalled) {
    super(message, cause);
    this.notInstalled = notInstalled;
  }

  /** No browser executable was found: an installation problem, not a browser failure. */
  static BrowserException notInstalled(String message) {
    return new BrowserException(message, null, true);
  }

  /** True when no browser executable was found (the message says how to install one). */
  public boolean notInstalled() {
    return notInstalled;
  }
}
