package authdoctor.report;

import authdoctor.Finding;
import authdoctor.Severity;

/** Whether a finding fails the run under {@code --fail-on}, and what a passing one says instead. */
final class Verdicts {
  private Verdicts() {}

  /** True when the finding is at or above {@code failOn}: a failed test, exit 1. */
  static boolean fails(Finding f, Severity failOn) {
    return f.fails(failOn);
  }

  /** Why a finding that does not fail passes: accepted, or below {@code --fail-on}. */
  static String passNote(Finding f, Severity failOn) {
    if (f.accepted() != null) return accepted(f.accepted());
    return f.severity().word() + ", below --fail-on " + failOn.word();
  }

  /** {@code accepted: REASON (until DATE)}. */
  static String accepted(authdoctor.Acceptance a) {
    return "accepted: " + a.reason() + (a.until() == null ? "" : " (until " + a.until() + ")");
  }
}
