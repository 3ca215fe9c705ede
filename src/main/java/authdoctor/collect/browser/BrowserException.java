package authdoctor.collect.browser;

/** The browser could not be started, or did not answer in time. The message is one line. */
public final class BrowserException extends Exception {
  public BrowserException(String message) {
    super(message);
  }

  public BrowserException(String message, Throwable cause) {
    super(message, cause);
  }
}
