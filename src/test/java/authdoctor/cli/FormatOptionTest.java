package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import authdoctor.report.Format;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Each command's {@code --format} accepts, completes and lists exactly the formats it declares. */
class FormatOptionTest {
  record Run(int code, String out, String err) {}

  /** A command that writes text only, as a future command (or explain) declaring fewer formats would. */
  @WritesFormats(Format.TEXT)
  @Command(name = "textonly", mixinStandardHelpOptions = true)
  static final class TextOnly implements Callable<Integer> {
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      return 0;
    }
  }

  /** A command with --format that forgot to declare what it writes. */
  @Command(name = "undeclared")
  static final class Undeclared implements Callable<Integer> {
    @Mixin OutputMixin output;

    @Override
    public Integer call() {
      return 0;
    }
  }

  private static CommandLine tree(StringWriter out, StringWriter err) {
    return Main.commandLine(new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err), Map.of(), false));
  }

  private static Run runWithTextOnly(String... args) {
    StringWriter out = new StringWriter(), err = new StringWriter();
    PrintWriter outWriter = new PrintWriter(out), errWriter = new PrintWriter(err);
    CommandLine cl = tree(out, err);
    cl.addSubcommand("textonly", new TextOnly());
    FormatOption.install(cl);
    cl.setOut(outWriter); // reaches the command added last too
    cl.setErr(errWriter);
    int code = cl.execute(args);
    outWriter.flush();
    errWriter.flush();
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void everyCommandWithFormatDeclaresItAndCompletesAndListsExactlyThat() {
    CommandLine cl = tree(new StringWriter(), new StringWriter());
    int withFormat = 0;
    for (var e : cl.getSubcommands().entrySet()) {
      var option = e.getValue().getCommandSpec().findOption("--format");
      if (option == null) continue;
      withFormat++;
      WritesFormats declared = e.getValue().getCommand().getClass().getAnnotation(WritesFormats.class);
      assertThat(declared).as(e.getKey()).isNotNull();
      List<String> names = Arrays.stream(declared.value()).map(Format::toString).toList();
      assertThat(StreamSupport.stream(option.completionCandidates().spliterator(), false).toList()).as(e.getKey())
          .containsExactlyElementsOf(names);
      // Whitespace collapsed: a long list of formats wraps in the help's description column.
      assertThat(e.getValue().getUsageMessage().replaceAll("\\s+", " ")).as(e.getKey()).contains("Output format: " + String.join(", ", names) + " (default: text)");
    }
    assertThat(withFormat).as("demo, probe, diff, cookie, explain, jwt, har, scan, store, fingerprint").isEqualTo(10);
  }

  @Test
  void explainDeclaresTextAndJsonOnly() {
    assertThat(ExplainCommand.class.getAnnotation(WritesFormats.class).value()).containsExactly(Format.TEXT, Format.JSON);
  }

  @Test
  void aFormatTheCommandDoesNotDeclareIsExitTwoWithOneLineNamingItsFormats() {
    Run r = runWithTextOnly("textonly", "--format", "json");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err().lines().findFirst()).hasValue("authdoctor: Invalid value for option '--format': textonly writes text, not 'json'");
    assertThat(r.err().lines().count()).isEqualTo(2); // and the --help hint
    assertThat(r.out()).isEmpty();
  }

  @Test
  void theDeclaredFormatIsAcceptedInAnyCase() {
    assertThat(runWithTextOnly("textonly", "--format", "TEXT").code()).isZero();
  }

  @Test
  void helpAndCompletionOfANarrowerCommandListOnlyItsFormats() {
    Run help = runWithTextOnly("textonly", "--help");
    assertThat(help.code()).isZero();
    assertThat(help.out()).contains("Output format: text (default: text)").doesNotContain("json");
    StringWriter out = new StringWriter();
    CommandLine cl = tree(out, new StringWriter());
    cl.addSubcommand("textonly", new TextOnly());
    FormatOption.install(cl);
    String script = picocli.AutoComplete.bash("authdoctor", cl);
    assertThat(script).contains("local FORMAT_option_args=(\"text\") # --format values");
  }

  @Test
  void anUnknownFormatNamesTheCommandsFormats() {
    StringWriter out = new StringWriter(), err = new StringWriter();
    int code = tree(out, err).execute("explain", "--list", "--format", "sarif");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("authdoctor: Invalid value for option '--format': explain writes text or json, not 'sarif'\n");
  }

  @Test
  void aCommandWithFormatButNoDeclarationFailsWhenTheTreeIsBuilt() {
    CommandLine cl = new CommandLine(new Undeclared());
    assertThatThrownBy(() -> FormatOption.install(cl)).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("undeclared has --format but no @WritesFormats");
  }

  @Test
  void formatNamesReadAsAList() {
    assertThat(FormatOption.names(List.of(Format.TEXT))).isEqualTo("text");
    assertThat(FormatOption.names(List.of(Format.TEXT, Format.JSON))).isEqualTo("text or json");
  }
}
