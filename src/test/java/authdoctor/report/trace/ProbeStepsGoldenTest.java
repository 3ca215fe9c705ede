package authdoctor.report.trace;

import static org.assertj.core.api.Assertions.assertThat;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.cookie.SetCookieParser;
import authdoctor.observation.HttpExchange;
import authdoctor.testing.Golden;
import authdoctor.testing.RecordedRun;
import authdoctor.testing.TestRedactors;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The probe's {@code steps[]} (docs/steps.md) on real traffic: a run recorded against a lab deployment
 * (RecordedRun, refreshed by RecordedRunLabTest with {@code AUTHDOCTOR_UPDATE_GOLDEN=1}) is replayed
 * through the real probe and its trace, JSON and text, must equal the golden files under {@code
 * golden/probe-steps/} ({@code AUTHDOCTOR_UPDATE_GOLDEN=1} rewrites them; review the diff).
 */
class ProbeStepsGoldenTest {
  @ParameterizedTest
  @ValueSource(strings = {"flask-healthy", "flask-samesite-none-insecure"})
  void theTraceOfARecordedRunIsGolden(String name) throws Exception {
    RecordedRun run = RecordedRun.read(name);
    Redactor redactor = TestRedactors.fixed();
    List<Step> steps = run.steps(redactor);
    String json = RecordedRun.json(steps);
    String text = RecordedRun.text(steps);

    assertThat(steps).as("one step per request the recording holds").hasSizeGreaterThanOrEqualTo(run.exchanges().size());
    for (HttpExchange x : run.exchanges()) {
      for (String line : x.responseHeaders("Set-Cookie")) {
        String value = SetCookieParser.parse(line).value();
        if (value.length() < 8) continue;
        assertThat(json).as("cookie values are redacted in JSON").doesNotContain(value);
        assertThat(text).as("cookie values are redacted in text").doesNotContain(value);
      }
    }
    Golden.assertMatches(json, "probe-steps/" + name + ".json");
    Golden.assertMatches(text, "probe-steps/" + name + ".txt");
  }
}
