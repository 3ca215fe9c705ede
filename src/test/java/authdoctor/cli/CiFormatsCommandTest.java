package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Severity;
import authdoctor.testing.JUnitXml;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The CI formats from the command line: the same findings as JSON, failing exactly at --fail-on. */
class CiFormatsCommandTest {
  private static final String CANARY = "canary-ci-cookie-4e1d";
  private static final String[] COOKIE = {"cookie", "sid=" + CANARY + "; Path=/; SameSite=None", "--url",
      "https://app.example.com/login", "--now", "2026-11-26T10:00:00Z"};

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Run(code, out.toString(), err.toString());
  }

  static String[] with(String[] base, String... more) {
    String[] all = java.util.Arrays.copyOf(base, base.length + more.length);
    System.arraycopy(more, 0, all, base.length, more.length);
    return all;
  }

  @Test
  void junitFailuresAreTheFindingsAtOrAboveFailOnAndTheExitCodeAgrees() throws Exception {
    for (Severity failOn : Severity.values()) {
      Run json = run(with(COOKIE, "--format", "json", "--fail-on", failOn.word()));
      Run junit = run(with(COOKIE, "--format", "junit", "--fail-on", failOn.word()));
      long expected = 0;
      for (JsonNode f : new ObjectMapper().readTree(json.out()).get("findings")) {
        if (Severity.parse(f.get("severity").asText()).atLeast(failOn)) expected++;
      }
      Document doc = JUnitXml.validate(junit.out());
      assertThat(JUnitXml.failures(doc)).as("--fail-on %s", failOn).hasSize((int) expected);
      assertThat(junit.code()).isEqualTo(json.code()).isEqualTo(expected > 0 ? 1 : 0);
      assertThat(junit.out()).doesNotContain(CANARY);
    }
  }

  @Test
  void markdownFailsAndPassesWithTheExitCode() {
    Run failing = run(with(COOKIE, "--format", "markdown"));
    assertThat(failing.code()).isEqualTo(1);
    assertThat(failing.out()).startsWith("## authdoctor cookie: ✗ fails").contains("**Root cause:** `cookie.samesite-none-insecure`")
        .doesNotContain(CANARY);
  }

  @Test
  void theCommandsThatReportListJunitInHelp() {
    for (String command : new String[] {"probe", "diff", "demo", "cookie", "jwt"}) {
      assertThat(run(command, "--help").out()).as(command).contains("junit", "markdown");
    }
    assertThat(run("explain", "--help").out()).doesNotContain("junit").doesNotContain("markdown");
  }
}
