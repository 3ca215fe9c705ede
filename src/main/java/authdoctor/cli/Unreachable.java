package authdoctor.cli;

/** The target could not be reached at all: one line, exit 3. */
public final class Unreachable extends RuntimeException {
  public Unreachable(String message) {
    super(message, null, false, false);
  }
}
