package authdoctor.nginx;

import static java.util.Objects.requireNonNull;

import java.util.List;

/**
 * One directive of an nginx configuration, as written: its name, its arguments with quotes and escapes
 * resolved, its block (for {@code http}, {@code server}, {@code location}, {@code if}, {@code map},
 * {@code upstream}, …) and where it starts.
 *
 * @param name the directive name ({@code proxy_set_header})
 * @param args the arguments, unquoted ({@code ["X-Forwarded-Proto", "$scheme"]})
 * @param block the directives inside its braces; empty for a simple directive
 * @param hasBlock whether it has a block (an empty {@code {}} is still a block)
 * @param file the file it was read from, as the user named it
 * @param line the line of its name, from 1
 * @param column the column of its name, from 1
 * @param text the source line of its name, trimmed (the excerpt a person recognises)
 */
public record NginxNode(
    String name, List<String> args, List<NginxNode> block, boolean hasBlock, String file, int line, int column, String text) {
  public NginxNode {
    requireNonNull(name);
    args = List.copyOf(args);
    block = List.copyOf(block);
    requireNonNull(file);
    requireNonNull(text);
    if (line < 1 || column < 1) throw new IllegalArgumentException("no such position: " + line + ":" + column);
  }

  /** The argument at {@code i}, or "" when there is none. */
  public String arg(int i) {
    return i < args.size() ? args.get(i) : "";
  }

  /** The same directive with another block (an {@code include} spliced in). */
  public NginxNode withBlock(List<NginxNode> children) {
    return new NginxNode(name, args, children, hasBlock, file, line, column, text);
  }

  @Override
  public String toString() {
    return file + ":" + line + " " + name + (args.isEmpty() ? "" : " " + String.join(" ", args)) + (hasBlock ? " {…}" : ";");
  }
}
