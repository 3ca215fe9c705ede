package authdoctor;

import static java.util.Objects.requireNonNull;

/** Where a piece of evidence was seen: a trace step, a file line, a HAR entry, a token claim or a store key. */
public sealed interface Location {

  /** A position used to sort findings by "earliest point in the flow". */
  long order();

  /** A step of the command's trace (probe request, cookie scenario step), counted from 1. */
  record ExchangeRef(int step) implements Location {
    public long order() {
      return step;
    }
  }

  /**
   * A line of a file, counted from 1, and optionally the column on it.
   *
   * @param column counted from 1; 0 when unknown
   */
  record FileLine(String file, int line, int column) implements Location {
    public FileLine {
      requireNonNull(file);
      if (line < 1 || column < 0) throw new IllegalArgumentException("no such position: " + line + ":" + column);
    }

    /** A line, no column. */
    public FileLine(String file, int line) {
      this(file, line, 0);
    }

    public long order() {
      return line;
    }
  }

  /** An entry of a HAR file, counted from 0 as in the file. */
  record HarEntryRef(int entry) implements Location {
    public long order() {
      return entry;
    }
  }

  /** A claim of a token ({@code exp}, {@code aud}, …). */
  record ClaimRef(String claim) implements Location {
    public ClaimRef {
      requireNonNull(claim);
    }

    public long order() {
      return 0;
    }
  }

  /** A key (or key pattern) in a session store. */
  record StoreKey(String key) implements Location {
    public StoreKey {
      requireNonNull(key);
    }

    public long order() {
      return 0;
    }
  }
}
