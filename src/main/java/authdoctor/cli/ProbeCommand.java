package authdoctor.cli;

import static java.util.Objects.requireNonNull;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.probe.ProbeCollector;
import authdoctor.collect.probe.ProbeConfig;
import authdoctor.collect.probe.SessionCanary;
import authdoctor.report.Format;
import authdoctor.observation.Collected;
import authdoctor.report.trace.ProbeSteps;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.function.UnaryOperator;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code authdoctor probe URL}: logs in to a live deployment as a browser would and diagnoses the whole
 * flow — cookies issued, accepted and returned, redirects, refresh, logout, proxy awareness, CORS, CSRF,
 * sessions across instances — root cause first.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "probe",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnose a live deployment's login flow end to end.",
      "Logs in like a browser: cookies issued, stored and sent back, redirects, refresh, logout, proxy headers, CORS, CSRF, sessions across instances. Every request goes through a Chromium-faithful cookie model."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  APP_PASSWORD=… authdoctor probe https://app.example.com --login /login \\",
      "      --user test@example.com --password-env APP_PASSWORD --protected /dashboard --logout /logout",
      "  authdoctor probe https://app.example.com --login /api/login \\",
      "      --login-json '{\"email\":\"{user}\",\"password\":\"{password}\"}' --user u@example.com --password-stdin",
      "  authdoctor probe https://app.example.com --login /login --user u@example.com --password-env APP_PASSWORD \\",
      "      --protected /dashboard --browser chromium      (a login a script draws or completes: real headless Chromium)",
      "  authdoctor probe --flow authdoctor.yml staging --format junit -o authdoctor.xml",
      "  authdoctor probe --flow authdoctor.yml prod --save-session s.bin --session-key-env SESSION_KEY   (before a deploy;",
      "      after it, --reuse-session s.bin replays that session without logging in: docs/ci.md)",
      "  authdoctor probe https://app.example.com … --direct http://127.0.0.1:8000 \\",
      "      --instance http://10.0.0.11:8000 --instance http://10.0.0.12:8000",
      "",
      "The password is read from an environment variable, a file or stdin, never from the command line,",
      "and never printed. Where credentials go (README \"Where credentials go\"):",
      "  password        only to the login form (or --login/--login-json target) on an origin you named:",
      "                  the URL, --login, --api, --direct, --instance, or a host pinned by --resolve;",
      "                  never when no form was seen (a page without one, a redirect not followed), but",
      "                  to a --login endpoint answering 404/405 to GET whose request you described",
      "                  (--user-field, --password-field, --form-field); a 307/308 elsewhere is not followed",
      "  --idp-password  only to the form of the provider the app's own redirect led to (--oidc-issuer's)",
      "  -H credentials  only to the origins you named; --location-trusted lets them follow redirects",
      "What was not sent, and why, is reported as redirect.login-cross-origin.",
      "",
      "With --config DIR the deployment's files are read as `authdoctor scan` reads them, and each live",
      "finding names the line behind it:  authdoctor probe https://app.example.com … --config deploy/"
    })
final class ProbeCommand implements Callable<Integer> {
  private final Io io;

  @Parameters(paramLabel = "URL", arity = "0..1",
      description = "The deployment's public base URL, e.g. https://app.example.com; with --flow, the flow file's environment to run (optional).")
  String url = "";

  @Option(names = FlowFile.FLOW, paramLabel = "FILE",
      description = "Read the flags from a flow file (authdoctor.yml: every flag as a key, - as _, shared defaults and environments:); flags typed override it.")
  @Nullable Path flowFile;

  @Option(names = FlowFile.SAVE_FLOW, paramLabel = "FILE",
      description = "Write the flags typed as a flow file (secrets only as references) and exit without probing.")
  @Nullable Path saveFlow;

  @Spec CommandSpec spec;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

  @Mixin ProbeOptions flow;

  @Mixin VerifierMixin verifier;

  @Mixin HttpMixin http;

  @Mixin OutputMixin output;

  @Mixin BaselineMixin accepted;

  @Mixin ConfigMixin config;

  @Mixin SessionCanaryMixin canary;

  ProbeCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    if (url.isEmpty()) throw new UsageError("probe: give the deployment's URL, or --flow FILE");
    Redactor redactor = Redactor.forUser();
    URI base = Args.url("URL", url);
    if (saveFlow != null) {
      FlowFile.save(spec.commandLine().getParseResult(), url, saveFlow, io);
      io.err().println("authdoctor: wrote " + saveFlow + "; run it with: authdoctor probe --flow " + saveFlow);
      return ExitCode.OK.code;
    }
    flow.prepare(io, redactor);
    SessionCanary sessions = canary.prepare(io, redactor, base, flow.user() != null, flow.restartCommand != null);
    accepted.prepare(flowFile);
    HttpOptions options = http.options().withCredentialOrigin(base);
    http.announce(io);
    String authorization = http.header("Authorization").orElse(null);
    if (authorization != null) HttpMixin.declare(authorization, redactor);
    java.time.Duration runTime = http.runTime(java.time.Duration.ZERO);
    ProbeConfig config = flow.config(base, authorization, verifier, runTime, UnaryOperator.identity());
    java.util.List<authdoctor.observation.Observation> files = this.config.read(redactor, io);
    Progress progress = new Progress(io, quiet);
    Collected r;
    // The checks, the catalog and the JSON mapper load while the probe is on the network.
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    try (HttpCollector collector = new HttpCollector(options)) {
      r = new ProbeCollector(collector, redactor, Clock.systemUTC(), progress::show, flow.browser(), sessions).collect(config);
    } finally {
      progress.clear();
    }
    if (r.unreachable() != null) throw new Unreachable(redactor.scrub(base + " is unreachable: " + r.unreachable()));
    Report report = accepted.apply(doctor.diagnose("probe", redactor.url(base.toString()), ConfigMixin.join(ProbeSteps.traced(r, redactor), files), Scope.ALL), io);
    accepted.save(report.findings());
    int code = output.emit(report, redactor, io);
    if (code == ExitCode.INCOMPLETE.code) {
      // The report says it too; stderr gets the one line a script or a human sees first.
      if (!report.problems().isEmpty()) {
        io.err().println("authdoctor: incomplete: " + Main.oneLine(redactor.scrub(report.problems().get(0).message())));
      }
      if (report.unexplained() != null) {
        io.err().println("authdoctor: " + Main.oneLine(redactor.scrub(requireNonNull(report.unexplained()).headline())));
      }
      io.err().flush();
    }
    return code;
  }
}
