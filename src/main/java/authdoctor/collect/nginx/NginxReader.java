package authdoctor.collect.nginx;

import authdoctor.nginx.NginxNode;
import authdoctor.nginx.NginxParser;
import authdoctor.nginx.NginxProblem;
import authdoctor.nginx.ParsedConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads one nginx configuration from its main file: parses it and splices every {@code include} in
 * place (ngx_conf_include: a glob matching nothing is fine, a missing plain file is an error nginx would
 * refuse to start with), with each directive keeping its own file and line. Bounded: includes nest at
 * most {@value #MAX_INCLUDE_DEPTH} deep, a file including itself is reported, not followed.
 */
public final class NginxReader {
  public static final int MAX_INCLUDE_DEPTH = 16;
  public static final int MAX_FILES = 2000;

  private final NginxFiles files;
  private final List<NginxProblem> problems = new ArrayList<>();
  private final List<NginxProblem> unread = new ArrayList<>();
  private final Set<String> read = new LinkedHashSet<>();
  private final Deque<String> including = new ArrayDeque<>();

  private NginxReader(NginxFiles files) {
    this.files = files;
  }

  /**
   * The configuration rooted at {@code main}, what nginx would refuse in it ({@code problems}) and the
   * includes that could not be read here ({@code unread}: outside the tree, not present).
   */
  public record Result(ParsedConfig config, List<String> files, List<NginxProblem> unread) {
    public Result {
      files = List.copyOf(files);
      unread = List.copyOf(unread);
    }
  }

  public static Result read(NginxFiles files, String main) {
    NginxReader r = new NginxReader(files);
    List<NginxNode> nodes = r.file(main, main, 1);
    return new Result(new ParsedConfig(nodes, r.problems), List.copyOf(r.read), r.unread);
  }

  private List<NginxNode> file(String name, String from, int fromLine) {
    if (including.contains(name)) {
      problems.add(new NginxProblem(from, fromLine, "include cycle: " + name + " includes itself"));
      return List.of();
    }
    if (including.size() >= MAX_INCLUDE_DEPTH || read.size() >= MAX_FILES) {
      problems.add(new NginxProblem(from, fromLine, "includes nested too deep or too many files"));
      return List.of();
    }
    String text = files.read(name).orElse(null);
    if (text == null) {
      unread.add(new NginxProblem(from, fromLine, "cannot read " + name));
      return List.of();
    }
    read.add(name);
    ParsedConfig parsed = NginxParser.parse(name, text);
    problems.addAll(parsed.problems());
    including.push(name);
    try {
      return splice(parsed.nodes(), name);
    } finally {
      including.pop();
    }
  }

  private List<NginxNode> splice(List<NginxNode> nodes, String file) {
    List<NginxNode> out = new ArrayList<>(nodes.size());
    for (NginxNode n : nodes) {
      if (n.name().equals("include") && !n.hasBlock()) {
        if (n.args().size() != 1) {
          problems.add(new NginxProblem(file, n.line(), "invalid number of arguments in \"include\""));
          continue;
        }
        List<String> matched = files.resolve(n.arg(0), file);
        if (matched.isEmpty() && !Globs.isGlob(n.arg(0))) {
          unread.add(new NginxProblem(file, n.line(), "include " + n.arg(0) + ": no such file here"));
        }
        for (String m : matched) out.addAll(file(m, file, n.line()));
      } else if (n.hasBlock()) {
        out.add(n.withBlock(splice(n.block(), file)));
      } else {
        out.add(n);
      }
    }
    return out;
  }
}
