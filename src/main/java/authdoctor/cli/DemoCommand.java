package authdoctor.cli;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.Step;
import authdoctor.check.Outcome;
import authdoctor.check.Problem;
import authdoctor.demo.Demo;
import authdoctor.report.Format;
import authdoctor.report.JsonReporter;
import authdoctor.report.TextReporter;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
      "Start built-in broken deployments on 127.0.0.1 (TLS proxy, apps, load balancer; fake host names,",
      "a CA generated for the run) and diagnose each with the real probe. Zero setup, a few seconds.",
      "Exits 1: the demo deployments have errors, as they should."
    },
    footerHeading = "%nExamples:%n",
    footer = {
      "  authdoctor demo                      one report per deployment, root cause first",
      "  authdoctor demo --format json        one authdoctor/1 object; each evidence names its deployment"
    })
final class DemoCommand implements Callable<Integer> {
  /** The demo user's password, for tests that plant a canary; random per run when unset. */
  static final String PASSWORD_ENV = "AUTHDOCTOR_DEMO_PASSWORD";

  private final Io io;

  @Option(names = {"-q", "--quiet"}, description = "No progress line on stderr.")
  boolean quiet;

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
    String text = output.format() == Format.JSON ? json(all) : text(all);
    write(redactor.scrub(text));
    boolean findings = all.stream().anyMatch(d -> d.report().hasFindingAtLeast(output.failOn));
    boolean problems = all.stream().anyMatch(d -> !d.report().problems().isEmpty());
    return (findings ? ExitCode.FINDINGS : problems ? ExitCode.INCOMPLETE : ExitCode.OK).code;
  }

  private String text(List<Demo.Diagnosis> all) {
    StringBuilder sb = new StringBuilder();
    TextReporter reporter = new TextReporter(output.output == null && io.color());
    int n = 0;
    for (Demo.Diagnosis d : all) {
      if (n++ > 0) sb.append('\n');
      String bug = d.deployment().bug().isEmpty() ? "healthy: nothing should be wrong" : "planted bug: " + d.deployment().bug();
      sb.append("═══ deployment ").append(n).append('/').append(all.size()).append(": ")
          .append(d.deployment().name()).append(" — ").append(bug).append('\n');
      StringWriter w = new StringWriter();
      try {
        reporter.write(d.report(), w);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      sb.append(w);
    }
    return sb.toString();
  }

  /** One report: every finding once, each evidence naming its deployment; steps renumbered across runs. */
  static Report combined(List<Demo.Diagnosis> all) {
    List<Finding> findings = new ArrayList<>();
    List<Outcome> outcomes = new ArrayList<>();
    List<Problem> problems = new ArrayList<>();
    List<Step> steps = new ArrayList<>();
    int offset = 0;
    for (Demo.Diagnosis d : all) {
      String name = d.deployment().name();
      Map<Integer, Integer> renumber = new LinkedHashMap<>();
      for (Step s : d.report().steps()) {
        Object old = s.json().get("step");
        int next = steps.size() + 1;
        if (old instanceof Number num) renumber.put(num.intValue(), next);
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("step", next);
        json.put("deployment", name);
        s.json().forEach((k, v) -> { if (!k.equals("step")) json.put(k, v); });
        steps.add(new Step(json, s.text()));
      }
      for (Finding f : d.report().findings()) {
        List<Evidence> ev = new ArrayList<>();
        for (Evidence e : f.evidence()) {
          Location loc = e.location();
          if (loc instanceof Location.ExchangeRef r && renumber.containsKey(r.step())) {
            loc = new Location.ExchangeRef(renumber.get(r.step()));
          }
          Map<String, String> facts = new LinkedHashMap<>();
          facts.put("deployment", name);
          facts.putAll(e.facts());
          ev.add(new Evidence(e.kind(), e.subject(), e.excerpt(), loc, facts));
        }
        findings.add(new Finding(f.id(), f.severity(), f.title(), ev, f.why(), f.fix(), f.fixes()));
      }
      outcomes.addAll(d.report().outcomes());
      for (Problem p : d.report().problems()) problems.add(new Problem(name + ": " + p.source(), p.message()));
      offset = steps.size();
    }
    return new Report("demo", null, null, all.isEmpty() ? java.time.Instant.now() : all.get(0).report().startedAt(),
        findings, outcomes, problems, steps);
  }

  private String json(List<Demo.Diagnosis> all) {
    StringWriter w = new StringWriter();
    try {
      new JsonReporter().write(combined(all), w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return w.toString();
  }

  private void write(String text) {
    Path out = output.output;
    if (out == null) {
      io.out().print(text);
      io.out().flush();
      return;
    }
    try {
      Path parent = out.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(out, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("cannot write --output " + out + ": " + e.getMessage());
    }
  }
}
