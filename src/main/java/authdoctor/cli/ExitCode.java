package authdoctor.cli;

/** The process exit codes, as documented in ARCHITECTURE.md and printed by {@code --help}. */
public enum ExitCode {
  OK(0, "no finding at or above --fail-on (default: error)"),
  FINDINGS(1, "findings at or above --fail-on"),
  USAGE(2, "usage or input error (bad flag, URL, file)"),
  INCOMPLETE(3, "target unreachable, run incomplete, or the flow failed and no known cause matched"),
  INTERNAL(70, "internal error (a bug: please report it)");

  public final int code;
  public final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }
}
