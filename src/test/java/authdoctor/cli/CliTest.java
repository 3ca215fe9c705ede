package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.catalog.Catalog;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class CliTest {
  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void versionPrintsTheVersionAndExitsZero() {
    Run r = run("--version");
    assertThat(r.code()).isZero();
    assertThat(r.out()).startsWith("authdoctor ").contains("Java ").containsPattern("TLS: (Conscrypt \\d|the JDK's)");
  }

  @Test
  void verboseSaysWhichTlsTheRequestsUse() {
    Run r = run("probe", "http://127.0.0.1:1/", "-v", "--quiet");
    assertThat(r.err()).containsPattern("(?m)^authdoctor: TLS: (Conscrypt \\d|the JDK's)");
    assertThat(run("probe", "http://127.0.0.1:1/", "--quiet").err()).doesNotContain("TLS:");
  }

  @Test
  void helpListsCommandsExitCodesAndExamples() {
    Run r = run("--help");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("explain", "generate-completion", "Exit codes:", "70", "Examples:");
  }

  @Test
  void unknownFlagIsOneLineAndExitTwo() {
    Run r = run("--frobnicate");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).startsWith("authdoctor: Unknown option: '--frobnicate'").contains("--help");
    assertThat(r.err().lines().count()).isLessThanOrEqualTo(2);
    assertThat(r.err()).doesNotContain("at authdoctor.", "Exception");
  }

  @Test
  void noCommandIsAUsageError() {
    Run r = run();
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("a command is required");
  }

  @Test
  void everyCommandHasHelpWithAnExample() {
    CommandLine cl = Main.commandLine(new Io(InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter()), Map.of(), false));
    for (var e : cl.getSubcommands().entrySet()) {
      if (e.getKey().equals("generate-completion")) continue; // picocli's own command
      String usage = e.getValue().getUsageMessage();
      assertThat(usage).as(e.getKey()).contains("Examples:", "authdoctor " + e.getKey());
    }
  }

  @Test
  void explainPrintsEveryPartOfTheEntry() {
    Run r = run("explain", "tls.hsts-missing");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains(Catalog.bundled().get("tls.hsts-missing").title(), "Why it breaks auth",
        "How to confirm it by hand", "Fix", "nginx", "Django", "Any stack", "Known limitations");
    assertThat(r.out()).doesNotContain("```");
  }

  @Test
  void explainWithStackShowsOnlyThatFix() {
    Run r = run("explain", "tls.hsts-missing", "--stack", "django");
    assertThat(r.out()).contains("SECURE_HSTS_SECONDS").doesNotContain("add_header");
  }

  @Test
  void explainUnknownIdSuggestsTheClosestOne() {
    Run r = run("explain", "tls.hsts-mising");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).isEqualTo("authdoctor: unknown finding id 'tls.hsts-mising'; did you mean tls.hsts-missing?\n");
  }

  @Test
  void explainListHasEveryIdInTextAndJson() throws Exception {
    Run text = run("explain", "--list");
    assertThat(text.code()).isZero();
    for (String id : Catalog.bundled().ids()) assertThat(text.out()).contains(id);
    Run json = run("explain", "--list", "--format", "json");
    JsonNode root = new ObjectMapper().readTree(json.out());
    assertThat(root.get("schema").asText()).isEqualTo("authdoctor/1");
    assertThat(root.get("entries")).hasSize(Catalog.bundled().ids().size());
    assertThat(root.get("entries").get(0).get("severity").asText()).isIn("error", "warn", "info");
  }

  @Test
  void explainNeedsAnIdOrList() {
    assertThat(run("explain").code()).isEqualTo(2);
  }

  @Test
  void badFormatValueIsAUsageError() {
    Run r = run("explain", "--list", "--format", "yaml");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--format").contains("yaml");
  }

  @Test
  void completionScriptIsGenerated() {
    Run r = run("generate-completion");
    assertThat(r.code()).isZero();
    assertThat(r.out()).contains("complete -F").contains("explain");
  }

  @Command(name = "boom")
  static final class Boom implements Callable<Integer> {
    @Override
    public Integer call() {
      throw new IllegalStateException("unexpected state");
    }
  }

  @Test
  void unexpectedExceptionIsExitSeventyWithOneLineAndWhereToReport() {
    StringWriter err = new StringWriter();
    CommandLine cl = Main.commandLine(new Io(InputStream.nullInputStream(), new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of(), false));
    cl.addSubcommand("boom", new Boom());
    cl.setErr(new PrintWriter(err));
    int code = cl.execute("boom");
    assertThat(code).isEqualTo(70);
    assertThat(err.toString()).startsWith("authdoctor: internal error: IllegalStateException: unexpected state (at ")
        .contains("report");
    assertThat(err.toString()).doesNotContain("\tat ");
  }

  @Test
  void outputFlagWritesTheReportToAFile(@TempDir Path dir) throws Exception {
    // Exercised through explain's sibling reporting commands once they exist; here the mixin itself.
    OutputMixin m = new OutputMixin();
    m.output = dir.resolve("report.json"); // a missing directory is refused: InputRefusalsTest
    m.format = authdoctor.report.Format.JSON;
    StringWriter out = new StringWriter();
    var io = new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(new StringWriter()), Map.of(), false);
    var redactor = authdoctor.testing.TestRedactors.fixed();
    int code = m.emit(authdoctor.testing.SampleReports.sample(redactor), redactor, io);
    assertThat(code).isEqualTo(3); // only info findings, but one problem: the run was incomplete
    assertThat(out.toString()).isEmpty();
    assertThat(Files.readString(m.output)).contains("\"schema\" : \"authdoctor/1\"");
  }
}
