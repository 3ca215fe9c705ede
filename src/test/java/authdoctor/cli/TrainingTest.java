package authdoctor.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The AOT cache's training run: every command it runs must really run (exit 0 or 1), on loopback only. */
class TrainingTest {
  @Test
  void everyTrainingCommandRuns() throws Exception {
    assertThat(Training.run()).as("training commands that failed").isZero();
  }
}
