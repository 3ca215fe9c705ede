package authdoctor.nginx;

import static java.util.Objects.requireNonNull;

/**
 * Something in a configuration file nginx would refuse or that could not be read (an unbalanced brace,
 * an unterminated quote, an include that matches nothing), where it is.
 *
 * @param file the file, as the user named it
 * @param line the line, from 1
 * @param message one line, free of secrets (it never quotes a value)
 */
public record NginxProblem(String file, int line, String message) {
  public NginxProblem {
    requireNonNull(file);
    requireNonNull(message);
    if (line < 1) line = 1;
  }

  @Override
  public String toString() {
    return file + ":" + line + ": " + message;
  }
}
