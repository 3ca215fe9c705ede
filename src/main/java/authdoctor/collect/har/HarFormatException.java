package authdoctor.collect.har;

/**
 * A file that is not a HAR, is truncated, or lacks a field HAR 1.2 requires; the message is one line that
 * names where ({@code log.entries[3].request.url: missing}).
 */
public final class HarFormatException extends Exception {
  public HarFormatException(String message) {
    super(message, null, false, false);
  }
}
