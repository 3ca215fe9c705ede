package authdoctor.cli;

import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Map;

/**
 * The process's surroundings, injected so tests never touch {@code System.*}: standard streams, the
 * environment, and whether stdout/stderr are terminals.
 */
public record Io(
    InputStream in, PrintWriter out, PrintWriter err, Map<String, String> env, boolean tty) {

  /** Colour only on a terminal, and never when {@code NO_COLOR} is set (https://no-color.org). */
  public boolean color() {
    String noColor = env.get("NO_COLOR");
    return tty && (noColor == null || noColor.isEmpty());
  }
}
