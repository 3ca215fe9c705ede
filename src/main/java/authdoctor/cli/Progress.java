package authdoctor.cli;

/**
 * A one-line status display on stderr ("which step is it on"), redrawn in place; only on a terminal and
 * never with {@code --quiet}. Cleared before the report is printed.
 */
final class Progress {
  private final Io io;
  private final boolean enabled;
  private boolean shown;

  Progress(Io io, boolean quiet) {
    this.io = io;
    this.enabled = io.tty() && !quiet;
  }

  synchronized void show(String line) {
    if (!enabled) return;
    String safe = authdoctor.report.ServerText.render(line);
    String l = safe.length() > 76 ? safe.substring(0, 75) + "…" : safe;
    io.err().print("\r\u001b[K" + l);
    io.err().flush();
    shown = true;
  }

  synchronized void clear() {
    if (!enabled || !shown) return;
    io.err().print("\r\u001b[K");
    io.err().flush();
    shown = false;
  }
}
