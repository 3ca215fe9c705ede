package authdoctor.report;

import java.util.Locale;

/** The output formats a reporting command accepts with {@code --format}. */
public enum Format {
  TEXT,
  JSON;

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
