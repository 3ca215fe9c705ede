package authdoctor.scenario;

/**
 * A scenario file that cannot be used. The message is one line, starting with the file name and, where
 * it applies, the step: {@code scenario.yaml: step 3: unknown key 'contxt'}. The CLI prints it and
 * exits with code 2.
 */
public final class ScenarioException extends Exception {
  public ScenarioException(String message) {
    super(message);
  }
}
