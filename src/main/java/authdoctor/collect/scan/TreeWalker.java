package authdoctor.collect.scan;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Walks a directory tree for the scan: never follows a symlinked directory (so never out of the tree nor
 * into a loop), follows a symlinked file only when it resolves inside the tree, skips version-control
 * and dependency folders, virtualenvs and build outputs, and files over a size bound.
 */
public final class TreeWalker {
  /** Directory names never entered. */
  static final Set<String> SKIPPED_DIRS =
      Set.of(
          ".git", ".hg", ".svn", "node_modules", "bower_components", ".venv", "venv", "__pycache__", ".tox", ".nox",
          ".mypy_cache", ".pytest_cache", ".ruff_cache", "target", "build", "dist", "out", ".gradle", ".idea",
          ".next", ".nuxt", ".terraform", ".cache", "site-packages");

  private TreeWalker() {}

  /**
   * What a walk found and left out.
   *
   * @param files candidate files, sorted by their path (the same order on every machine and file system)
   * @param skipped what was left out and why ({@code node_modules/ (dependencies)}), for {@code --verbose}
   */
  public record Walk(List<Path> files, List<String> skipped) {}

  /** The files under {@code root} that {@code candidate} accepts by name. */
  public static Walk walk(Path root, Predicate<Path> candidate, long maxBytes) throws IOException {
    Path realRoot = root.toRealPath();
    List<Path> files = new ArrayList<>();
    List<String> skipped = new ArrayList<>();
    Files.walkFileTree(root, new SimpleFileVisitor<>() {
      @Override
      public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
        if (dir.equals(root)) return FileVisitResult.CONTINUE;
        String name = dir.getFileName().toString();
        if (SKIPPED_DIRS.contains(name)) {
          skipped.add(rel(root, dir) + "/ (" + why(name) + ")");
          return FileVisitResult.SKIP_SUBTREE;
        }
        if (Files.isRegularFile(dir.resolve("pyvenv.cfg"))) {
          skipped.add(rel(root, dir) + "/ (virtualenv)");
          return FileVisitResult.SKIP_SUBTREE;
        }
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) {
        if (!candidate.test(file)) return FileVisitResult.CONTINUE;
        if (attrs.isSymbolicLink()) {
          try {
            Path real = file.toRealPath();
            if (!real.startsWith(realRoot) || !Files.isRegularFile(real)) {
              skipped.add(rel(root, file) + " (symlink out of the tree)");
              return FileVisitResult.CONTINUE;
            }
            if (Files.size(real) > maxBytes) {
              skipped.add(rel(root, file) + " (larger than " + maxBytes + " bytes)");
              return FileVisitResult.CONTINUE;
            }
          } catch (IOException e) {
            skipped.add(rel(root, file) + " (broken symlink)");
            return FileVisitResult.CONTINUE;
          }
        } else if (!attrs.isRegularFile()) {
          return FileVisitResult.CONTINUE;
        } else if (attrs.size() > maxBytes) {
          skipped.add(rel(root, file) + " (larger than " + maxBytes + " bytes)");
          return FileVisitResult.CONTINUE;
        }
        files.add(file);
        return FileVisitResult.CONTINUE;
      }

      @Override
      public FileVisitResult visitFileFailed(Path file, IOException e) {
        skipped.add(rel(root, file) + " (unreadable)");
        return FileVisitResult.CONTINUE;
      }
    });
    // walkFileTree visits entries in the directory's own order (hash order on ext4): sorted, the
    // output and the first finding's evidence do not change from one machine to the next.
    files.sort(null);
    skipped.sort(null);
    return new Walk(files, skipped);
  }

  private static String why(String dir) {
    return switch (dir) {
      case ".git", ".hg", ".svn" -> "version control";
      case "node_modules", "bower_components", "site-packages" -> "dependencies";
      case ".venv", "venv" -> "virtualenv";
      case "target", "build", "dist", "out", ".next", ".nuxt" -> "build output";
      default -> "cache";
    };
  }

  static String rel(Path root, Path p) {
    String s = root.relativize(p).toString().replace('\\', '/');
    return s.isEmpty() ? "." : s;
  }
}
