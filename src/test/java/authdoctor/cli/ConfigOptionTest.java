package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code --config DIR} of {@code probe} and {@code diff}: bad input is exit 2 with one line, before any
 * request (the targets here are a closed port: a request would be exit 3 instead), and the help says
 * what the option does.
 */
class ConfigOptionTest {
  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter o = new StringWriter();
    StringWriter e = new StringWriter();
    int code = Main.run(args, new Io(InputStream.nullInputStream(), new PrintWriter(o), new PrintWriter(e), Map.of(), false));
    return new Run(code, o.toString(), e.toString());
  }

  @Test
  void aConfigurationThatDoesNotExistIsExit2BeforeAnyRequest() {
    Run probe = run("probe", "http://127.0.0.1:9/", "--quiet", "--config", "no/such/dir");
    assertThat(probe.code()).isEqualTo(2);
    assertThat(probe.err().strip()).contains("--config no/such/dir: no such file or directory").doesNotContain("\n").doesNotContain("Exception");
    Run diff = run("diff", "http://127.0.0.1:9/", "http://127.0.0.1:7/", "--quiet", "--config", "no/such/dir");
    assertThat(diff.code()).isEqualTo(2);
    assertThat(diff.err()).contains("--config no/such/dir: no such file or directory");
  }

  @Test
  void aNamedNginxFileNginxWouldRefuseIsExit2NamingItsLine() {
    Run r = run("probe", "http://127.0.0.1:9/", "--quiet", "--config", "src/test/resources/corroboration/unclosed.conf");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--config: ").contains("unclosed.conf:");
  }

  @Test
  void theHelpSaysWhatTheOptionDoes() {
    assertThat(run("probe", "--help").out()).contains("--config=DIR").contains("not seen live");
    assertThat(run("diff", "--help").out()).contains("--config=DIR").contains("B's");
  }
}
