package authdoctor.lab;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.observation.HttpExchange;
import authdoctor.testing.RecordedRun;
import authdoctor.testing.TestRedactors;
import authdoctor.testing.lab.Lab;
import authdoctor.testing.lab.LabDeployment;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The recorded runs that ProbeStepsGoldenTest replays, against the real deployments: with {@code
 * AUTHDOCTOR_UPDATE_GOLDEN=1} each run is recorded again (then rerun ProbeStepsGoldenTest with the same
 * variable and review the diff); without it, a fresh run must still make the recorded requests, step by
 * step, so the recording stays the probe's real flow.
 */
@Tag("lab")
class RecordedRunLabTest {
  @ParameterizedTest
  @ValueSource(strings = {"flask-healthy", "flask-samesite-none-insecure"})
  void theRecordedRunIsTheProbesFlow(String name) throws Exception {
    String info = Lab.up(name);
    try {
      LabDeployment lab = LabDeployment.load(Lab.dir(), name, info);
      RecordedRun.Flow flow = new RecordedRun.Flow(lab.baseUrl(), lab.login().url().getRawPath(), lab.user(),
          lab.protectedUrls().stream().map(URI::getRawPath).toList(),
          lab.logout() == null ? null : lab.logout().url().getRawPath(), lab.directUrls().get(0));
      RecordedRun fresh = RecordedRun.record(name, flow, lab.password(), lab.httpOptions(), TestRedactors.fixed());
      assertThat(fresh.exchanges()).as("the deployment answered").allMatch(HttpExchange::answered);
      if ("1".equals(System.getenv("AUTHDOCTOR_UPDATE_GOLDEN")) || !Files.exists(RecordedRun.file(name))) {
        fresh.write();
      }
      RecordedRun kept = RecordedRun.read(name);
      assertThat(requests(fresh)).as("the probe still makes the recorded requests (AUTHDOCTOR_UPDATE_GOLDEN=1 records again)")
          .isEqualTo(requests(kept));
      assertThat(Files.readString(RecordedRun.file(name))).as("the password is not recorded").doesNotContain(lab.password());
    } finally {
      Lab.down(name);
    }
  }

  private static List<String> requests(RecordedRun run) {
    return run.exchanges().stream().map(x -> x.step() + " " + x.label() + ": " + x.method() + " " + x.url()).toList();
  }
}
