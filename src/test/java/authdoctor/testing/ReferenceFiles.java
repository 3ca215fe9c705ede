package authdoctor.testing;

import java.nio.file.Path;

/**
 * Reference data the tests compare against, copied into {@code src/test/resources} with its source
 * and licence noted in {@code src/test/resources/NOTICE.md}: the finding catalog as specified and the
 * cookie conformance corpora. Nothing a test reads lies outside the repository.
 */
public final class ReferenceFiles {
  private static final Path ROOT = Path.of("src/test/resources");

  private ReferenceFiles() {}

  /** The finding catalog as specified ({@code reference/catalog.md}): ids and severities. */
  public static Path catalog() {
    return ROOT.resolve("reference/catalog.md");
  }

  /** A file of the cookie corpora, e.g. {@code wpt/wpt-cookies.jsonl} or {@code chromium/reasons.json}. */
  public static Path cookieCorpus(String relative) {
    return ROOT.resolve("corpus/cookies").resolve(relative);
  }
}
