package authdoctor.nginx;

import java.util.List;

/**
 * A parsed nginx file (or a whole configuration with its includes): the directives nginx would read,
 * and the problems met on the way. The parser never throws on untrusted input; it keeps what it could
 * read and says where it stopped understanding.
 *
 * @param nodes the top-level directives, in order
 * @param problems what nginx would refuse, with file and line
 */
public record ParsedConfig(List<NginxNode> nodes, List<NginxProblem> problems) {
  public ParsedConfig {
    nodes = List.copyOf(nodes);
    problems = List.copyOf(problems);
  }

  public boolean ok() {
    return problems.isEmpty();
  }
}
