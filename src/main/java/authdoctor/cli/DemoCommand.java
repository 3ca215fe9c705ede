package authdoctor.cli;

import authdoctor.Finding;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.catalog.Catalog;
import authdoctor.check.Checks;
import authdoctor.check.Engine;
import authdoctor.check.Observations;
import authdoctor.check.StackDetector;
import authdoctor.collect.cookie.BundledScenarios;
import authdoctor.collect.cookie.CookieTrace;
import authdoctor.collect.cookie.ScenarioReplay;
import authdoctor.demo.Demo;
import authdoctor.report.Format;
import authdoctor.report.JsonReporter;
import authdoctor.report.MarkdownText;
import authdoctor.report.TextReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
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

  private final Io io;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

  @Option(names = "--trace", description = "Also print each run's trace (every request, response and cookie decision).")
  boolean trace;

  /** One diagnosed part of the demo: a deployment probed live, or a bundled cookie scenario. */
  record Section(String name, String headline, Report report) {}

  @Mixin OutputMixin output;

  DemoCommand(Io io) {
    this.io = io;
  }

  @Override
  public Integer call() {
    Redactor redactor = Redactor.forUser();
    Progress progress = new Progress(io, quiet);
    List<Demo.Diagnosis> all;
    try {
      String password = io.env().get(PASSWORD_ENV);
      all = password == null || password.isEmpty()
          ? Demo.run(redactor, Clock.systemUTC(), progress::show)
          : Demo.run(redactor, Clock.systemUTC(), password, progress::show);
    } finally {
      progress.clear();
    }
    List<Section> sections = new ArrayList<>();
    for (Demo.Diagnosis d : all) {
      String bug = d.deployment().bug().isEmpty() ? "healthy: nothing should be wrong" : "planted bug: " + d.deployment().bug();
      sections.add(new Section(d.deployment().name(), "deployment " + d.deployment().name() + " — " + bug, d.report()));
    }
    sections.addAll(cookieScenarios(redactor));
    String text = output.format() == Format.JSON ? json(sections) : text(sections);
    output.write(redactor.safetyNet(text), io);
    return output.exitCode(combined(sections)).code;
  }

  /** The bundled real-world broken-cookie scenarios, replayed through the cookie model. */
  private static List<Section> cookieScenarios(Redactor redactor) {
    List<Section> out = new ArrayList<>();
    Engine engine = new Engine(Checks.ALL, Catalog.bundled(), Clock.systemUTC(), redactor);
    Instant start = Clock.systemUTC().instant();
    for (BundledScenarios.Bundled b : BundledScenarios.all()) {
      ScenarioReplay.Replay replay = ScenarioReplay.run(b.scenario(), start);
      Observations obs = new Observations(replay.observations());
      Report r = engine.report("cookie", "scenario " + b.name(), obs, StackDetector.detect(obs), List.of(),
          CookieTrace.steps(replay.observations(), redactor));
      String name = b.name().replaceFirst("\\.yaml$", "");
      out.add(new Section(name, "cookie scenario " + name + " — reported: " + b.symptom(), r));
    }
    return out;
  }

  private String text(List<Section> all) {
    StringBuilder sb = new StringBuilder();
    TextReporter reporter = new TextReporter(output.color(io), trace);
    int n = 0;
    for (Section d : all) {
      if (n++ > 0) sb.append('\n');
      MarkdownText.wrap("═══ " + n + "/" + all.size() + " " + d.headline(), "", "    ", sb);
      StringWriter w = new StringWriter();
      try {
        reporter.write(d.report(), w);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sb.append(w);
    }
    sb.append("\nSummary: the root cause authdoctor names first in each run\n");
    for (Section d : all) {
      List<Finding> f = d.report().findings();
      String first = f.isEmpty() ? "✓ nothing wrong" : mark(f.get(0)) + " " + f.get(0).id() + (f.size() > 1 ? " (+" + (f.size() - 1) + " more)" : "");
      sb.append(String.format("  %-31s %s%n", d.name(), first));
    }
    sb.append("\nOn your own deployment: authdoctor probe https://app.example.com --login /login \\\n")
        .append("    --user you@example.com --password-env APP_PASSWORD --protected /dashboard --logout /logout\n")
        .append("Works locally, fails in production? The same flow on both, side by side:\n")
        .append("  authdoctor diff http://localhost:5000 https://app.example.com --login /login … (same flags)\n");
    if (!trace) sb.append("Each run's full trace: authdoctor demo --trace\n");
    return sb.toString();
  }

  private static String mark(Finding f) {
    return switch (f.severity()) {
      case ERROR -> "✗";
      case WARN -> "!";
      case INFO -> "i";
    };
  }

  /** One report: every finding once, each evidence naming its deployment; steps renumbered across runs. */
  static Report combined(List<Section> all) {
    return Report.combine("demo", null, null, "deployment",
        all.stream().map(d -> new Report.Part(d.name(), d.report())).toList());
  }

  private String json(List<Section> all) {
    StringWriter w = new StringWriter();
    try {
      new JsonReporter().write(combined(all), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }
}
