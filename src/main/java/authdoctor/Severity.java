package authdoctor;

import java.util.Locale;

/** How bad a finding is, as defined in the catalog: error = broken now, warn = fragile, info = context. */
public enum Severity {
  ERROR,
  WARN,
  INFO;

  /** The lowercase word used in the catalog and in JSON ({@code "error"}, {@code "warn"}, {@code "info"}). */
  public String word() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** True when this severity is at least as bad as {@code threshold}. */
  public boolean atLeast(Severity threshold) {
    return ordinal() <= threshold.ordinal();
  }

  /** Parses {@code error|warn|info}; throws {@link IllegalArgumentException} otherwise. */
  public static Severity parse(String word) {
    return switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "error" -> ERROR;
      case "warn", "warning" -> WARN;
      case "info" -> INFO;
      default -> throw new IllegalArgumentException("unknown severity '" + word + "' (error, warn, info)");
    };
  }
}
