package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.scan.ScanCollector;
import authdoctor.observation.Collected;
import authdoctor.report.Format;
import authdoctor.report.trace.ScanSteps;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor scan}: reads the deployment side of a project (nginx configuration files or an
 * {@code nginx -T} dump, env files, redis.conf, compose, Kubernetes, Dockerfiles, systemd units,
 * Procfiles, gunicorn configuration, start scripts) and reports the catalog ids it shows, each at the
 * line to change.
 *
 * <p>Trace: one step per file read, rendered by {@link ScanSteps} (fields documented there and in docs/steps.md).
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "scan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Read deployment configuration and report what breaks login, at the line to change.",
      "nginx configuration: every file under PATH that is one (includes followed inside the tree), one named file, or a live server's 'nginx -T' dump on stdin. Also .env files (weak session secrets), redis.conf (eviction, persistence), docker compose files, Kubernetes manifests, Dockerfiles, systemd units, Procfiles, gunicorn.conf.py and start scripts (secrets that differ between instances of one app or are generated at start, gunicorn/uvicorn forwarded-header trust against the nginx in front, headers with '_' that nginx drops). Paths in evidence are relative to the scanned directory (with several PATHs or a file: to the current directory).",
      "Application settings as production runs them: Express source (trust proxy, sessions, cors, CSRF, tokens; the NODE_ENV=production branch), Spring Boot application[-profile].properties/yml for the profile the deployment activates (or an assumed prod profile, said in the evidence) and its security configuration, PM2 ecosystem files (instances). A value that cannot be read without running the code is listed under problems as 'could not determine'.",
      "Python apps, read without running them: Django (the settings module DJANGO_SETTINGS_MODULE selects), Flask (config classes, from_object, from_prefixed_env, ProxyFix), FastAPI/Starlette (middleware arguments); their settings in production are joined with nginx and the deployment files (forwarded-scheme trust, session stores behind several processes, secrets generated at start). A value that cannot be read without running the code is listed as a note (problems), never a finding."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor scan .",
      "  authdoctor scan deploy/nginx/site.conf --nginx-prefix deploy/nginx",
      "  sudo nginx -T | authdoctor scan --nginx -",
      "  authdoctor scan . --format json --fail-on warn",
      "  authdoctor scan deploy/docker-compose.yml deploy/nginx",
      "",
      "Kubernetes Ingress objects of ingress-nginx are read as the nginx they render (annotations at their lines);",
      "a session store host (REDIS_URL, REDIS_HOST, …) that no compose service or Kubernetes Service defines is reported.",
      "Secret values found in files are never printed: they appear as ‹redacted N chars fp:…›.",
      "Exit 0 or 1 by --fail-on; a file found while walking that cannot be parsed is listed (problems) and does not change it. A PATH that does not exist, or a named file or dump that cannot be parsed (nginx, or YAML that is not valid): exit 2."
    })
final class ScanCommand implements Callable<Integer> {
  /** Files larger than this are skipped (listed with --verbose). */
  static final long DEFAULT_MAX_BYTES = 1 << 20;
  /** An nginx -T dump on stdin is read up to this size. */
  static final int MAX_STDIN = 16 << 20;

  private final Io io;

  @Parameters(paramLabel = "PATH", arity = "0..*", description = "Directories to walk and files to read (default: '.' unless --nginx - is given).")
  List<Path> paths = new ArrayList<>();

  @Option(names = "--nginx", paramLabel = "-", description = "Read an 'nginx -T' dump (or one nginx configuration file) from stdin: give '-'.")
  @Nullable String nginx;

  @Option(names = "--nginx-prefix", paramLabel = "DIR", description = "nginx's configuration directory, for relative includes (default: the including file's directory).")
  @Nullable Path nginxPrefix;

  @Option(names = "--max-file-size", paramLabel = "BYTES", description = "Skip files larger than this (default: ${DEFAULT-VALUE}).", defaultValue = "1048576")
  long maxBytes = DEFAULT_MAX_BYTES;

  @Option(names = {"-v", "--verbose"}, description = "Also list on stderr what the walk skipped and why.")
  boolean verbose;

  @Mixin OutputMixin output;

  ScanCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (nginx != null && !nginx.equals("-")) throw new UsageError("--nginx takes '-' (stdin); give files as PATH");
    if (nginxPrefix != null && !Files.isDirectory(nginxPrefix)) throw new UsageError("--nginx-prefix " + nginxPrefix + ": not a directory");
    if (maxBytes < 1) throw new UsageError("--max-file-size must be at least 1");
    List<Path> roots = paths.isEmpty() && nginx == null ? List.of(Path.of(".")) : paths;
    Path cwd = Path.of("").toAbsolutePath();
    Path base = roots.size() == 1 && Files.isDirectory(roots.get(0)) ? roots.get(0) : cwd;
    String dump = nginx == null ? null : stdin();
    Redactor redactor = Redactor.forUser();
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    ScanCollector collector = new ScanCollector();
    Collected collected = ScanSteps.traced(collector.collect(new ScanCollector.Request(roots, base, dump, nginxPrefix, maxBytes)));
    if (verbose) collector.skipped().forEach(s -> io.err().println("authdoctor: skipped " + s));
    String target = roots.isEmpty() ? "stdin" : String.join(" ", roots.stream().map(Path::toString).toList());
    Report report = doctor.diagnose("scan", target, collected, Scope.ALL);
    collected.problems().forEach(p -> io.err().println("authdoctor: " + redactor.scrub(p.source() + ": " + p.message())));
    int code = output.emit(report, redactor, io);
    // A file the walk could not parse is reported in problems[] and the walk went on: the scan is
    // complete, so its exit code is 0 or 1 by --fail-on alone (a named file that nginx would refuse
    // never gets here: it is exit 2).
    return code == ExitCode.INCOMPLETE.code ? ExitCode.OK.code : code;
  }

  private String stdin() {
    try {
      byte[] bytes = io.in().readNBytes(MAX_STDIN + 1);
      if (bytes.length > MAX_STDIN) throw new UsageError("stdin: larger than " + MAX_STDIN + " bytes");
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("cannot read stdin: " + e.getMessage());
    }
  }
}
