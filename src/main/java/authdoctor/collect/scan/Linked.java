package authdoctor.collect.scan;

import org.jspecify.annotations.Nullable;

/**
 * Opens a file another one refers to ({@code env_file}, {@code EnvironmentFile=}) for the readers, only
 * inside the scanned tree: its name as evidence shows it and its text, or null when it is not there.
 */
@FunctionalInterface
interface Linked {
  /** The file's evidence name and text. */
  record Text(String name, String text) {}

  /** Resolves {@code ref} as written in the file that names it. */
  @Nullable Text open(String ref);

  /** Opens nothing. */
  Linked NONE = ref -> null;
}
