package authdoctor.report;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;

/**
 * The output formats, each with its reporter. A command declares which of them it writes (its
 * {@code --format} values); to add one, add a value here with a {@link Reporter} that renders every
 * {@link Result} shape, then declare it on the commands that write it.
 */
public enum Format {
  TEXT("txt", TextReporter::new, () -> {}),
  JSON("json", options -> new JsonReporter(), JsonReporter.Mappers::json),
  SARIF("sarif", options -> new SarifReporter(), JsonReporter.Mappers::json),
  JUNIT("xml", JUnitReporter::new, () -> {}),
  MARKDOWN("md", MarkdownReporter::new, () -> {}),
  HTML("html", HtmlReporter::new, () -> {});

  private final String extension;
  private final Function<Reporter.Options, Reporter> reporter;
  private final Runnable warmUp;

  Format(String extension, Function<Reporter.Options, Reporter> reporter, Runnable warmUp) {
    this.extension = extension;
    this.reporter = reporter;
    this.warmUp = warmUp;
  }

  /** This format's reporter. */
  public Reporter reporter(Reporter.Options options) {
    return reporter.apply(options);
  }

  /** The usual file name extension of this format's output, without the dot. */
  public String extension() {
    return extension;
  }

  /** Loads what the reporter needs (a JSON mapper) ahead of time, e.g. while a probe waits on the network. */
  public void warmUp() {
    warmUp.run();
  }

  /** The value named {@code name}, in any case. */
  public static Optional<Format> parse(String name) {
    for (Format f : values()) {
      if (f.toString().equals(name.toLowerCase(Locale.ROOT))) return Optional.of(f);
    }
    return Optional.empty();
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
