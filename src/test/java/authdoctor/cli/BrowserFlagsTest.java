package authdoctor.cli;

import static authdoctor.cli.ProbeCommandTest.run;
import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.cli.ProbeCommandTest.Run;
import org.junit.jupiter.api.Test;

/** What {@code --browser chromium} refuses, each with one line saying why and what to give instead (exit 2). */
class BrowserFlagsTest {
  @Test
  void loginJsonIsTheRawProbesStandInForThePagesScriptSoTheBrowserRefusesIt() {
    Run r = run("probe", "http://127.0.0.1:9/", "--browser", "chromium", "--user", "alice", "--password-env", "PW",
        "--login", "/api/login", "--login-json", "{\"u\":\"{user}\",\"p\":\"{password}\"}");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--login-json with --browser chromium").contains("leave --login-json out");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }

  @Test
  void oauthStartIsNotDrivenByTheBrowserYetAndSaysTheRawProbeDoes() {
    Run r = run("probe", "http://127.0.0.1:9/", "--browser", "chromium", "--user", "alice", "--password-env", "PW",
        "--oauth-start", "/login", "--idp-user", "alice");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("--oauth-start").contains("leave --browser out");
    assertThat(r.err().lines().count()).isEqualTo(1);
  }
}
