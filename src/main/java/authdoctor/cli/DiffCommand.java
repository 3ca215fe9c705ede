package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.Resolve;
import authdoctor.collect.probe.ProbeCollector;
import authdoctor.collect.probe.ProbeConfig;
import authdoctor.diff.Comparison;
import authdoctor.diff.DiffReport;
import authdoctor.diff.FlowDiff;
import authdoctor.internal.Hosts;
import authdoctor.observation.Collected;
import authdoctor.report.Format;
import authdoctor.report.Result;
import authdoctor.report.trace.ProbeSteps;
import java.net.URI;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor diff URL_A URL_B}: the probe's flow against two targets at once — local and
 * production, staging and production, the app's own port and the proxy — and where they diverge first.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Compare the login flow on two targets, side by side.",
      "Runs the same flow against A (where login works: local, staging, the app's own port) and B (where it fails: production), both at once, and shows where they diverge first — a cookie attribute, a missing header, a redirect scheme — with the findings only one side has. Takes the flags of `probe`; a URL on one target's origin is used on the other's."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  APP_PASSWORD=… authdoctor diff http://localhost:5000 https://app.example.com \\",
      "      --login /login --user test@example.com --password-env APP_PASSWORD --protected /dashboard",
      "  authdoctor diff --flow authdoctor.yml staging production",
      "  authdoctor diff https://staging.example.com https://app.example.com … \\",
      "      --resolve-b app.example.com:443:10.0.0.5        (B's public name pinned to one address)",
      "",
      "Exit 1 when either target has a finding at --fail-on or above; a difference alone is not an",
      "error (the JSON says where they diverge). --direct, --instance, --store and --restart-command",
      "name parts of one deployment: use them with `probe` on that target. --config DIR is B's",
      "configuration: B's findings name the line behind them (see `probe --help`)."
    })
final class DiffCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(index = "0", paramLabel = "URL_A", description = "The target where login works (e.g. http://localhost:5000); with --flow, an environment of the flow file.")
  String urlA = "";

  @Parameters(index = "1", paramLabel = "URL_B", description = "The target where it fails (e.g. https://app.example.com); with --flow, another environment.")
  String urlB = "";

  @Option(names = FlowFile.FLOW, paramLabel = "FILE",
      description = "Read the flags from a flow file; URL_A and URL_B name two of its environments (their url, resolve, user and password_env may differ). Flags typed override it.")
  java.nio.file.@Nullable Path flowFile;

  @Option(names = "--resolve-a", paramLabel = "HOST:PORT:ADDR", description = "Like --resolve, for target A only (repeatable).")
  List<String> resolveA = new ArrayList<>();

  @Option(names = "--resolve-b", paramLabel = "HOST:PORT:ADDR", description = "Like --resolve, for target B only (repeatable).")
  List<String> resolveB = new ArrayList<>();

  @Option(names = "--user-b", paramLabel = "NAME", description = "Log in to B as this user instead (B's own test account); needs --password-env-b.")
  @Nullable String userB;

  @Option(names = "--password-env-b", paramLabel = "VAR", description = "Read B's password from environment variable VAR (with --user-b).")
  @Nullable String passwordEnvB;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

  @Option(names = "--trace", description = "Also print both runs' traces (every request, response and cookie decision).")
  boolean trace;

  @Mixin ProbeOptions flow;

  @Mixin VerifierMixin verifier;

  @Mixin HttpMixin http;

  @Mixin OutputMixin output;

  @Mixin BaselineMixin accepted;

  /** B's configuration: the deployment where login fails. */
  @Mixin ConfigMixin config;

  DiffCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    URI a = Args.url("URL_A", urlA);
    URI b = Args.url("URL_B", urlB);
    List<String> perTarget = flow.perTargetFlags();
    if (!perTarget.isEmpty()) {
      throw new UsageError(String.join(", ", perTarget) + ": names a part of one deployment; diff compares two "
          + "flows — run `authdoctor probe` on that target with it");
    }
    flow.prepare(io, redactor);
    accepted.prepare(flowFile);
    String authorization = http.header("Authorization").orElse(null);
    if (authorization != null) HttpMixin.declare(authorization, redactor);
    HttpOptions optionsA = withResolve(http.options().withCredentialOrigin(a), "--resolve-a", resolveA);
    HttpOptions optionsB = withResolve(http.options().withCredentialOrigin(b), "--resolve-b", resolveB);
    http.announce(io);
    // The comparison and the report come after both flows: a tenth of --max-time, at most 2 s, is kept for them.
    java.time.Duration max = http.maxTime();
    java.time.Duration runTime = http.runTime(max.dividedBy(10).compareTo(java.time.Duration.ofSeconds(2)) > 0
        ? java.time.Duration.ofSeconds(2) : max.dividedBy(10));
    ProbeConfig configA = flow.config(a, authorization, verifier, runTime, rebase(b, a));
    ProbeConfig sameUserB = flow.config(b, authorization, verifier, runTime, rebase(a, b));
    ProbeConfig configB = userB != null || passwordEnvB != null ? otherUser(sameUserB, redactor) : sameUserB;
    List<authdoctor.observation.Observation> filesB = config.read(redactor, io);
    Progress progress = new Progress(io, quiet);
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    String[] status = {"starting", "starting"};
    Collected ra, rb;
    // Platform threads: a virtual thread blocked on a socket starts the JDK's I/O pollers, which cost
    // the JVM a 300 ms wait at exit (see BENCHMARKS.md).
    try (ExecutorService pool = Executors.newFixedThreadPool(2, Thread.ofPlatform().name("authdoctor diff ", 0).factory())) {
      Future<Collected> fa = pool.submit(() -> run(configA, optionsA, redactor, line -> show(progress, status, 0, line)));
      Future<Collected> fb = pool.submit(() -> run(configB, optionsB, redactor, line -> show(progress, status, 1, line)));
      ra = fa.get();
      rb = fb.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Unreachable("interrupted");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      if (e.getCause() instanceof Error err) throw err;
      throw new IllegalStateException(e.getCause());
    } finally {
      progress.clear();
    }
    List<String> unreachable = new ArrayList<>();
    if (ra.unreachable() != null) unreachable.add("A (" + a + ") is unreachable: " + ra.unreachable());
    if (rb.unreachable() != null) unreachable.add("B (" + b + ") is unreachable: " + rb.unreachable());
    if (!unreachable.isEmpty()) throw new Unreachable(redactor.scrub(String.join("; ", unreachable)));
    Report reportA = accepted.apply(doctor.diagnose("probe", redactor.url(a.toString()), ProbeSteps.traced(ra, redactor), Scope.ALL), io);
    Report reportB = accepted.apply(doctor.diagnose("probe", redactor.url(b.toString()), ConfigMixin.join(ProbeSteps.traced(rb, redactor), filesB), Scope.ALL), io);
    accepted.save(java.util.stream.Stream.concat(reportA.findings().stream(), reportB.findings().stream()).toList());
    List<Report.Part> parts = List.of(new Report.Part("A", reportA), new Report.Part("B", reportB));
    String target = redactor.url(a.toString()) + " vs " + redactor.url(b.toString());
    String framework = java.util.Objects.equals(reportA.framework(), reportB.framework()) ? reportA.framework() : null;
    Report combined = Report.combine("diff", target, framework, DiffReport.TARGET, parts);
    List<Map<Integer, Integer>> steps = Report.renumbering(parts);
    Comparison comparison = FlowDiff.compare(new FlowDiff.Side("A", a, ra.observations()),
        new FlowDiff.Side("B", b, rb.observations()), redactor);
    DiffReport d = new DiffReport(combined, new DiffReport.Target("A", redactor.url(a.toString()), reportA, steps.get(0)),
        new DiffReport.Target("B", redactor.url(b.toString()), reportB, steps.get(1)), comparison);
    return output.emit(new Result.Diff(d), trace, redactor, io);
  }

  /** B's config with B's own account ({@code --user-b}, {@code --password-env-b}). */
  private ProbeConfig otherUser(ProbeConfig config, Redactor redactor) {
    if (userB == null || passwordEnvB == null) throw new UsageError("--user-b and --password-env-b go together");
    if (flow.user() == null) throw new UsageError("--user-b needs --user (A's account): both targets log in or neither");
    String password = io.env().get(passwordEnvB);
    if (password == null) throw new UsageError("--password-env-b " + passwordEnvB + ": the variable is not set");
    redactor.credential(password);
    return config.withLogin(config.login(), userB, password);
  }

  private Collected run(ProbeConfig config, HttpOptions options, Redactor redactor,
      java.util.function.Consumer<String> progress) {
    try (HttpCollector collector = new HttpCollector(options)) {
      return new ProbeCollector(collector, redactor, Clock.systemUTC(), progress, flow.browser()).collect(config);
    }
  }

  private static void show(Progress progress, String[] status, int side, String line) {
    synchronized (status) {
      status[side] = line;
      progress.show("A: " + status[0] + "  │  B: " + status[1]);
    }
  }

  /** A path or URL flag for one target: a URL on the other target's origin moves to this one's. */
  private static UnaryOperator<String> rebase(URI from, URI to) {
    String fromOrigin = Hosts.origin(from);
    return p -> {
      String v = p.strip();
      if (fromOrigin.equals(Hosts.origin(to)) || !(v.startsWith("http://") || v.startsWith("https://"))) return p;
      URI u = Args.url("path", v);
      if (!Hosts.origin(u).equals(fromOrigin)) return p;
      String rest = (u.getRawPath() == null ? "" : u.getRawPath()) + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery());
      return to.getScheme() + "://" + to.getRawAuthority() + rest;
    };
  }

  private static HttpOptions withResolve(HttpOptions options, String flag, List<String> extra) {
    List<Resolve> all = new ArrayList<>(options.resolve());
    try {
      for (String s : extra) all.add(Resolve.parse(s));
    } catch (IllegalArgumentException e) {
      throw new UsageError(e.getMessage().replace("--resolve:", flag + ":"));
    }
    return options.withResolve(all);
  }
}
