package authdoctor.cli;

/** Bad input from the user (file, URL, flag value): one line, exit 2, never a stack trace. */
public final class UsageError extends RuntimeException {
  public UsageError(String message) {
    super(message, null, false, false);
  }
}
