package authdoctor.collect.nginx;

import java.util.List;
import java.util.Optional;

/**
 * Where nginx configuration files come from: a directory tree on disk or the files of an {@code nginx -T}
 * dump. Names are those evidence shows (relative to the scanned root, or as the dump's markers give them).
 */
public interface NginxFiles {
  /** The text of a file by its name, or empty when there is no such file (or it may not be read). */
  Optional<String> read(String name);

  /**
   * The names an {@code include} argument matches, sorted as glob(3) sorts them: a pattern with
   * {@code *}, {@code ?} or {@code [} matches any number of files; a plain path matches itself if it
   * exists. {@code from} is the name of the including file.
   */
  List<String> resolve(String include, String from);
}
