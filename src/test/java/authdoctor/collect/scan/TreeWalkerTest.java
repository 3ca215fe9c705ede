package authdoctor.collect.scan;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The scan's walk: the same files in the same order on every machine, dependency folders left out. */
class TreeWalkerTest {
  @Test
  void filesComeSortedByPathWhateverOrderTheDirectoryKeeps(@TempDir Path root) throws Exception {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < 40; i++) names.add("svc" + i + "/nginx.conf");
    for (int i = 0; i < 40; i++) names.add("f" + i + ".env");
    Collections.shuffle(names, new Random(7));
    for (String n : names) {
      Files.createDirectories(root.resolve(n).getParent());
      Files.writeString(root.resolve(n), "x");
    }
    List<String> walked = TreeWalker.walk(root, p -> true, 1 << 20).files().stream()
        .map(p -> TreeWalker.rel(root, p)).toList();
    assertThat(walked).hasSize(80).isSortedAccordingTo((a, b) -> root.resolve(a).compareTo(root.resolve(b)));
  }

  @Test
  void dependencyFoldersAndOversizedFilesAreLeftOutAndSaidSo(@TempDir Path root) throws Exception {
    Files.createDirectories(root.resolve("node_modules/x"));
    Files.writeString(root.resolve("node_modules/x/.env"), "SECRET=1");
    Files.writeString(root.resolve("big.env"), "A=" + "x".repeat(100));
    Files.writeString(root.resolve("app.env"), "A=1");
    TreeWalker.Walk walk = TreeWalker.walk(root, p -> true, 50);
    assertThat(walk.files()).extracting(p -> TreeWalker.rel(root, p)).containsExactly("app.env");
    assertThat(walk.skipped()).containsExactly("big.env (larger than 50 bytes)", "node_modules/ (dependencies)");
  }
}
