package authdoctor.cli;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.cookie.BundledScenarios;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.demo.Demo;
import authdoctor.report.Format;
import authdoctor.report.Result;
import authdoctor.report.trace.CookieSteps;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code authdoctor demo}: starts small deployments with classic production auth bugs in-process and
 * diagnoses each with the real probe. Text: one report per deployment. JSON: one {@code authdoctor/1}
 * object whose findings hold all of them, each evidence naming its deployment, trace steps numbered
 * across deployments.
 */
@WritesFormats({Format.TEXT, Format.JSON, Format.SARIF, Format.JUNIT, Format.MARKDOWN, Format.HTML})
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = {
      "Diagnose built-in broken deployments: zero setup.",
      "Starts broken deployments on 127.0.0.1 (TLS proxy, apps, load balancer; fake host names, a CA generated for the run) and diagnoses each with the real probe, in a few seconds. Then replays bundled real-world broken-cookie scenarios (OAuth state, SAML POST, embedded widget, API subdomain, logout path, http staging, __Host- prefix) through the browser cookie model. Exits 1: the demo deployments have errors, as they should."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor demo                      one report per deployment, root cause first",
      "  authdoctor demo --format json        one authdoctor/1 object; each evidence names its deployment",
      "  authdoctor demo --trace              also every request, response and cookie decision"
    })
final class DemoCommand implements Callable<Integer> {
  /** The demo user's password, for tests that plant a canary; random per run when unset. */
  static final String PASSWORD_ENV = "AUTHDOCTOR_DEMO_PASSWORD";

  /** What to try next, closing the human report. */
  private static final List<String> NEXT = List.of(
      "On your own deployment: authdoctor probe https://app.example.com --login /login \\",
      "    --user you@example.com --password-env APP_PASSWORD --protected /dashboard --logout /logout",
      "Works locally, fails in production? The same flow on both, side by side:",
      "  authdoctor diff http://localhost:5000 https://app.example.com --login /login … (same flags)");

  private final Io io;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

  @Option(names = "--trace", description = "Also print each run's trace (every request, response and cookie decision).")
  boolean trace;

  @Mixin OutputMixin output;

  DemoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    Progress progress = new Progress(io, quiet);
    AuthDoctor doctor = AuthDoctor.prepare(Clock.systemUTC(), redactor, output::prepare);
    List<Demo.Diagnosis> all;
    try {
      String password = io.env().get(PASSWORD_ENV);
      all = password == null || password.isEmpty()
          ? Demo.run(doctor, redactor, Clock.systemUTC(), progress::show)
          : Demo.run(doctor, redactor, Clock.systemUTC(), password, progress::show);
    } finally {
      progress.clear();
    }
    List<Result.Section> sections = new ArrayList<>();
    for (Demo.Diagnosis d : all) {
      String bug = d.deployment().bug().isEmpty() ? "healthy: nothing should be wrong" : "planted bug: " + d.deployment().bug();
      sections.add(new Result.Section(d.deployment().name(), "deployment " + d.deployment().name() + " — " + bug, d.report()));
    }
    sections.addAll(cookieScenarios(doctor, redactor));
    return output.emit(new Result.Combined("demo", "deployment", sections, NEXT), trace, redactor, io);
  }

  /** The bundled real-world broken-cookie scenarios, replayed through the cookie model. */
  private static List<Result.Section> cookieScenarios(AuthDoctor doctor, Redactor redactor) {
    List<Result.Section> out = new ArrayList<>();
    Instant start = Clock.systemUTC().instant();
    for (BundledScenarios.Bundled b : BundledScenarios.all()) {
      ScenarioReplay.Replay replay = ScenarioReplay.run(b.scenario(), start);
      Report r = doctor.diagnose("cookie", "scenario " + b.name(), CookieSteps.collected(replay, redactor, null), Scope.ALL);
      String name = b.name().replaceFirst("\\.yaml$", "");
      out.add(new Result.Section(name, "cookie scenario " + name + " — reported: " + b.symptom(), r));
    }
    return out;
  }
}
