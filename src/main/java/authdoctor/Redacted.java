package authdoctor;

import static java.util.Objects.requireNonNull;

/**
 * Text that is safe to print: every secret in it has been replaced by a {@code ‹redacted N chars fp:…›}
 * marker. Only {@link Redactor} creates instances, so evidence cannot carry raw secrets by accident.
 */
public final class Redacted {
  private final String text;

  Redacted(String text) {
    this.text = requireNonNull(text);
  }

  /** The printable text. */
  public String text() {
    return text;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Redacted r && r.text.equals(text);
  }

  @Override
  public int hashCode() {
    return text.hashCode();
  }

  @Override
  public String toString() {
    return text;
  }
}
