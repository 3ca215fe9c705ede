package authdoctor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates {@code ../shared} (catalog, corpora), which CI lays beside the checkout. */
public final class SharedFiles {
  private SharedFiles() {}

  public static Path root() {
    Path p = Path.of(System.getProperty("authdoctor.shared", "../shared"));
    assertThat(p.resolve("catalog.md"))
        .as("the shared folder (catalog, corpora) must sit beside the checkout as ../shared")
        .exists();
    return p;
  }

  public static Path catalog() {
    return root().resolve("catalog.md");
  }

  public static boolean present() {
    return Files.isRegularFile(Path.of(System.getProperty("authdoctor.shared", "../shared"), "catalog.md"));
  }
}
