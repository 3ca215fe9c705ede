package authdoctor.collect.nginx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * nginx files on disk, read only inside the allowed directories (the scanned root and the
 * {@code --nginx-prefix}): a symlink or an absolute include that leads elsewhere is not followed. An
 * absolute include outside them ({@code /etc/nginx/conf.d/*.conf} in a repository) is tried against the
 * prefix with its leading directories dropped ({@code conf.d/*.conf}), as a deployment copies the tree.
 *
 * @param base the directory names are relative to
 * @param prefix nginx's configuration prefix, for relative includes
 * @param maxBytes files larger than this are not read
 */
public record DiskFiles(Path base, Path prefix, long maxBytes) implements NginxFiles {
  private static final int MAX_MATCHES = 1000;

  public DiskFiles {
    base = base.toAbsolutePath().normalize();
    prefix = prefix.toAbsolutePath().normalize();
  }

  /** The name evidence uses for a path: relative to the base when inside it, with {@code /} separators. */
  public String name(Path path) {
    Path p = path.toAbsolutePath().normalize();
    String s = p.startsWith(base) ? base.relativize(p).toString() : p.toString();
    return s.replace('\\', '/');
  }

  private Path path(String name) {
    return base.resolve(name).normalize();
  }

  @Override
  public Optional<String> read(String name) {
    Path p = path(name);
    if (!allowed(p)) return Optional.empty();
    try {
      if (!Files.isRegularFile(p) || Files.size(p) > maxBytes) return Optional.empty();
      return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
  }

  /** Inside the base or the prefix once every symlink is resolved. */
  boolean allowed(Path p) {
    try {
      Path real = p.toRealPath();
      return real.startsWith(base.toRealPath()) || real.startsWith(prefix.toRealPath());
    } catch (IOException | SecurityException e) {
      return false;
    }
  }

  @Override
  public List<String> resolve(String include, String from) {
    Path fromDir = path(from).getParent();
    List<Path> candidates = new ArrayList<>();
    Path inc = Path.of(include);
    if (inc.isAbsolute()) {
      candidates.add(inc.normalize());
      for (int i = 1; i < inc.getNameCount(); i++) {
        Path tail = inc.subpath(i, inc.getNameCount());
        candidates.add(prefix.resolve(tail).normalize());
        if (fromDir != null) candidates.add(fromDir.resolve(tail).normalize());
      }
    } else {
      if (fromDir != null) candidates.add(fromDir.resolve(inc).normalize());
      candidates.add(prefix.resolve(inc).normalize());
    }
    for (Path c : candidates) {
      List<String> out = new ArrayList<>();
      for (Path m : expand(c)) if (allowed(m) && Files.isRegularFile(m)) out.add(name(m));
      if (!out.isEmpty()) return out;
    }
    return List.of();
  }

  /** The paths a pattern matches, segment by segment, sorted; a plain path is itself. */
  private static List<Path> expand(Path pattern) {
    List<Path> current = new ArrayList<>();
    Path root = pattern.getRoot();
    current.add(root == null ? Path.of("") : root);
    for (Path segment : pattern) {
      String s = segment.toString();
      List<Path> next = new ArrayList<>();
      for (Path dir : current) {
        if (!Globs.isGlob(s)) {
          next.add(dir.resolve(s));
          continue;
        }
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) && !Files.isDirectory(dir)) continue;
        Pattern re = Globs.regex(s);
        List<Path> matched = new ArrayList<>();
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir)) {
          for (Path child : ds) {
            String n = child.getFileName().toString();
            if (!n.startsWith(".") && re.matcher(n).matches()) matched.add(child);
            if (matched.size() > MAX_MATCHES) break;
          }
        } catch (IOException | SecurityException e) {
          continue;
        }
        matched.sort(null);
        next.addAll(matched);
      }
      current = next;
      if (current.size() > MAX_MATCHES) current = current.subList(0, MAX_MATCHES);
    }
    return current;
  }
}
