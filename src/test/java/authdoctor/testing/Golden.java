package authdoctor.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Golden-file comparison. Set {@code AUTHDOCTOR_UPDATE_GOLDEN=1} to rewrite the files after a
 * deliberate change, then review the diff.
 */
public final class Golden {
  private Golden() {}

  public static void assertMatches(String actual, String file) throws IOException {
    Path path = Path.of("src/test/resources/golden", file);
    if ("1".equals(System.getenv("AUTHDOCTOR_UPDATE_GOLDEN"))) {
      Files.createDirectories(path.getParent());
      Files.writeString(path, actual, StandardCharsets.UTF_8);
    }
    assertThat(path).as("golden file %s (AUTHDOCTOR_UPDATE_GOLDEN=1 rewrites it)", path).exists();
    assertThat(actual).isEqualTo(Files.readString(path, StandardCharsets.UTF_8));
  }
}
