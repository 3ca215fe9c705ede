package authdoctor.collect.scan;

import static java.util.Objects.requireNonNull;

import authdoctor.collect.Collector;
import authdoctor.collect.nginx.DiskFiles;
import authdoctor.collect.nginx.DumpFiles;
import authdoctor.collect.nginx.NginxFiles;
import authdoctor.collect.nginx.NginxObservations;
import authdoctor.collect.nginx.NginxReader;
import authdoctor.nginx.NginxProblem;
import authdoctor.observation.Collected;
import authdoctor.observation.ConfigRead;
import authdoctor.observation.DeploySetting;
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
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * The {@code scan} command's collector: reads the configuration files under the given paths (or an
 * {@code nginx -T} dump) into observations located at their file and line: nginx, {@code .env},
 * {@code redis.conf}, docker compose, Kubernetes manifests, Dockerfiles, systemd units, Procfiles,
 * {@code gunicorn.conf.py} and start scripts. Each file read is a {@link ConfigRead} (the trace is
 * rendered from them, see {@link authdoctor.report.trace.ScanSteps}). A file the user named (or
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
    if (request.dump() != null) {
      DumpFiles files = DumpFiles.split(request.dump(), "stdin");
      String main = files.names().isEmpty() ? "stdin" : files.names().get(0);
      NginxReader.Result r = NginxReader.read(files, main);
      if (!r.config().ok()) throw new IllegalArgumentException(r.config().problems().get(0).toString());
      observations.addAll(NginxObservations.of(main, r.config().nodes()));
      observations.add(read(main, r));
    }
    AppFiles apps = new AppFiles();
    for (Path p : request.paths()) {
      if (!Files.exists(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) throw new IllegalArgumentException(p + ": no such file or directory");
      if (Files.isDirectory(p)) tree(p, request, apps, observations, problems);
      else named(p, request, apps, observations);
    }
    apps.finish(observations, problems);
    return new Collected(observations, problems);
  }

  private NginxFiles disk(Request request, Path dir) {
    return new DiskFiles(request.base(), request.nginxPrefix() != null ? request.nginxPrefix() : dir, request.maxBytes());
  }

  private void named(Path file, Request request, AppFiles apps, List<Observation> observations) {
    DiskFiles files = (DiskFiles) disk(request, file.toAbsolutePath().getParent());
    String name = files.name(file);
    String text = read(file, request.maxBytes());
    if (text == null) throw new IllegalArgumentException(name + ": cannot read the file (or larger than " + request.maxBytes() + " bytes)");
    if (apps.accept(FileKind.of(file, text), name, text)) return;
    try {
      if (deployment(FileKind.of(file, text), name, text, linked(file, request), observations)) return;
    } catch (Yaml.Invalid e) {
      throw new IllegalArgumentException(name + ":" + e.line + ": " + e.getMessage());
    }
    NginxReader.Result r = NginxReader.read(files, name);
    if (!r.config().ok()) throw new IllegalArgumentException(r.config().problems().get(0).toString());
    observations.addAll(NginxObservations.of(name, r.config().nodes()));
    observations.add(read(name, r));
  }

  private void tree(Path dir, Request request, AppFiles apps, List<Observation> observations, List<Problem> problems) {
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
      if (text == null) continue;
      FileKind kind = FileKind.of(f, text);
      if (kind == FileKind.OTHER) continue;
      DiskFiles files = (DiskFiles) disk(request, f.toAbsolutePath().getParent());
      String name = files.name(f);
      if (apps.accept(kind, name, text)) continue;
      try {
        if (deployment(kind, name, text, linked(f, request), observations)) continue;
      } catch (Yaml.Invalid e) {
        problems.add(new Problem(name + ":" + e.line, e.getMessage()));
        continue;
      }
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
      observations.add(read(e.getKey(), r));
    }
  }

  /** Reads a deployment or runtime file into settings and processes; false when it is not one (nginx). */
  private static boolean deployment(FileKind kind, String name, String text, Linked linked, List<Observation> observations)
      throws Yaml.Invalid {
    DeployFacts facts = switch (kind) {
      case ENV, REDIS -> {
        List<DeploySetting> read = SettingsReader.read(kind == FileKind.ENV ? DeploySetting.Format.ENV : DeploySetting.Format.REDIS, name, text);
        observations.addAll(read);
        observations.add(new ConfigRead(kind.name().toLowerCase(Locale.ROOT), name, List.of(), List.of(), read.size(), -1));
        yield null;
      }
      case COMPOSE -> {
        List<Yaml> docs = Yaml.documents(text);
        yield ComposeReader.read(name, docs.isEmpty() ? new Yaml.Scalar("", 1) : docs.get(0), linked);
      }
      case KUBERNETES -> {
        List<Yaml> docs = Yaml.documents(text);
        observations.addAll(IngressReader.read(name, text, docs)); // an Ingress as the nginx ingress-nginx renders
        yield KubernetesReader.read(name, docs);
      }
      case DOCKERFILE -> DockerfileReader.read(name, text);
      case SYSTEMD -> UnitReader.read(name, text, linked);
      case PROCFILE -> ProcfileReader.read(name, text);
      case GUNICORN -> GunicornConfReader.read(name, text);
      case SCRIPT -> ScriptReader.read(name, text);
      case PM2 -> Pm2Reader.read(name, text);
      case NGINX, JS, SPRING, JAVA, PYTHON, OTHER -> null;
    };
    if (facts == null) return kind == FileKind.ENV || kind == FileKind.REDIS;
    if (kind == FileKind.SCRIPT && facts.observations.isEmpty()) return true;
    observations.addAll(facts.observations);
    observations.add(new ConfigRead(kind.name().toLowerCase(Locale.ROOT), name, List.of(), List.of(), facts.settings, facts.processes));
    return true;
  }

  /**
   * Opens the files {@code file} refers to ({@code env_file: .env.web}, {@code EnvironmentFile=/etc/app/web.env})
   * inside the scanned tree only: a relative path from the file's directory; an absolute one (a path on the
   * server) by its name in that directory, where a repository keeps the server's files next to the unit.
   */
  private static Linked linked(Path file, Request request) {
    Path dir = file.toAbsolutePath().getParent();
    return ref -> {
      if (ref.isBlank() || ref.contains("${")) return null;
      Path p = Path.of(ref).isAbsolute() ? dir.resolve(Path.of(ref).getFileName().toString()) : dir.resolve(ref);
      try {
        Path real = p.toRealPath();
        if (!real.startsWith(request.base().toRealPath()) || !Files.isRegularFile(real)) return null;
        String text = read(real, request.maxBytes());
        return text == null ? null : new Linked.Text(new DiskFiles(request.base(), dir, request.maxBytes()).name(p), text);
      } catch (IOException | SecurityException | java.nio.file.InvalidPathException e) {
        return null;
      }
    };
  }

  private static @Nullable String read(Path file, long maxBytes) {
    try {
      if (Files.size(file) > maxBytes) return null;
      return new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    } catch (IOException | SecurityException e) {
      return null;
    }
  }

  /** What the trace shows of one configuration read: its main file, the files its includes brought in. */
  private static ConfigRead read(String main, NginxReader.Result r) {
    return new ConfigRead("nginx", main, r.files(), r.unread().stream().map(NginxProblem::toString).toList(), 0, -1);
  }
}
