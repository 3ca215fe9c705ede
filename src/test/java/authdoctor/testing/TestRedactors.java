package authdoctor.testing;

import authdoctor.Redactor;
import java.nio.charset.StandardCharsets;

/** Redactors with fixed keys, so fingerprints in golden files are stable. */
public final class TestRedactors {
  private TestRedactors() {}

  public static Redactor fixed() {
    return new Redactor("authdoctor-test-key".getBytes(StandardCharsets.UTF_8));
  }
}
