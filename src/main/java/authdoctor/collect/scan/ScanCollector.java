package authdoctor.collect.scan;

import static java.util.Objects.requireNonNull;

import authdoctor.Step;
import authdoctor.collect.Collector;
import authdoctor.collect.nginx.DiskFiles;
import authdoctor.collect.nginx.DumpFiles;
import authdoctor.collect.nginx.NginxFiles;
import authdoctor.collect.nginx.NginxObservations;
import authdoctor.collect.nginx.NginxReader;
import authdoctor.nginx.NginxProblem;
import authdoctor.observation.Collected;
import authdoctor.observation.Observation;
import authdoctor.observation.Problem;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scan} command's collector: reads the configuration files under the given paths (or an
 * {@code nginx -T} dump) into observations located at their file and line. A file the user named (or
 * the dump) that nginx would refuse is bad input ({@link IllegalArgumentException}, exit 2, naming
 * file:line); one found while walking a tree becomes a problem and the walk goes on.
 */
public final class ScanCollector implements Collector<ScanCollector.Request> {
  /**
   * What to scan.
   *
   * @param paths files and directories the user named
   * @param base the directory evidence paths are relative to
   * @param dump the text of an {@code nginx -T} dump (or one config file) read from stdin, or null
   * @param nginxPrefix nginx's configuration prefix for relative includes, or null (each file's directory)
   * @param maxBytes files larger than this are skipped
   */
  public record Request(List<Path> paths, Path base, @Nullable String dump, @Nullable Path nginxPrefix, long maxBytes) {
    public Request {
      paths = List.copyOf(paths);
      requireNonNull(base);
    }
  }

  private final List<String> skipped = new ArrayList<>();

  /** What the walks left out and why, for {@code --verbose}. */
  public List<String> skipped() {
    return List.copyOf(skipped);
  }

  @Override
  public Collected collect(Request request) {
    List<Observation> observations = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    if (request.dump() != null) {
      DumpFiles files = DumpFiles.split(request.dump(), "stdin");
      String main = files.names().isEmpty() ? "stdin" : files.names().get(0);
      NginxReader.Result r = NginxReader.read(files, main);
      if (!r.config().ok()) throw new IllegalArgumentException(r.config().problems().get(0).toString());
      observations.addAll(NginxObservations.of(main, r.config().nodes()));
      steps.add(step(steps.size() + 1, main, r));
    }
    for (Path p : request.paths()) {
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IllegalArgumentException(p + ": no such file or directory");
      if (Files.isDirectory(p)) tree(p, request, observations, problems, steps);
      else named(p, request, observations, steps);
    }
    return new Collected(observations, problems, steps, null);
  }

  private NginxFiles disk(Request request, Path dir) {
    return new DiskFiles(request.base(), request.nginxPrefix() != null ? request.nginxPrefix() : dir, request.maxBytes());
  }

  private void named(Path file, Request request, List<Observation> observations, List<Step> steps) {
    DiskFiles files = (DiskFiles) disk(request, file.toAbsolutePath().getParent());
    String name = files.name(file);
    String text = read(file, request.maxBytes());
    if (text == null) throw new IllegalArgumentException(name + ": cannot read the file (or larger than " + request.maxBytes() + " bytes)");
    NginxReader.Result r = NginxReader.read(files, name);
    if (!r.config().ok()) throw new IllegalArgumentException(r.config().problems().get(0).toString());
    observations.addAll(NginxObservations.of(name, r.config().nodes()));
    steps.add(step(steps.size() + 1, name, r));
  }

  private void tree(Path dir, Request request, List<Observation> observations, List<Problem> problems, List<Step> steps) {
    TreeWalker.Walk walk;
    try {
      walk = TreeWalker.walk(dir, FileKind::candidate, request.maxBytes());
    } catch (IOException e) {
      throw new IllegalArgumentException(dir + ": cannot walk the directory (" + e.getClass().getSimpleName() + ")");
    }
    skipped.addAll(walk.skipped());
    Map<String, NginxReader.Result> configs = new LinkedHashMap<>();
    Set<String> included = new LinkedHashSet<>();
    for (Path f : walk.files()) {
      String text = read(f, request.maxBytes());
      if (text == null || FileKind.of(f, text) != FileKind.NGINX) continue;
      DiskFiles files = (DiskFiles) disk(request, f.toAbsolutePath().getParent());
      String name = files.name(f);
      NginxReader.Result r = NginxReader.read(files, name);
      configs.put(name, r);
      included.addAll(r.files().subList(1, r.files().size()));
    }
    // A file another one includes is read as part of it, where its directives take their context.
    for (Map.Entry<String, NginxReader.Result> e : configs.entrySet()) {
      if (included.contains(e.getKey())) continue;
      NginxReader.Result r = e.getValue();
      for (NginxProblem p : r.config().problems()) problems.add(new Problem(p.file() + ":" + p.line(), p.message()));
      observations.addAll(NginxObservations.of(e.getKey(), r.config().nodes()));
      steps.add(step(steps.size() + 1, e.getKey(), r));
    }
  }

  private static @Nullable String read(Path file, long maxBytes) {
    try {
      if (Files.size(file) > maxBytes) return null;
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** Trace step: one configuration read (its main file, the files its includes brought in). */
  private static Step step(int n, String main, NginxReader.Result r) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", n);
    json.put("kind", "nginx");
    json.put("file", main);
    json.put("files", r.files());
    json.put("unread", r.unread().stream().map(NginxProblem::toString).toList());
    List<String> text = new ArrayList<>();
    text.add("nginx " + main + (r.files().size() > 1 ? " (+" + (r.files().size() - 1) + " included)" : ""));
    r.unread().forEach(u -> text.add("  not read: " + u));
    return new Step(json, text);
  }
}
