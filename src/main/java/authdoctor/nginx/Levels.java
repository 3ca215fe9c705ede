package authdoctor.nginx;

import java.util.ArrayList;
import java.util.List;

/**
 * The blocks enclosing a point of the configuration, outermost first ({@code http}, {@code server},
 * {@code location}, nested {@code location}s and {@code if}s), and nginx's rule for what applies there:
 * a directive is inherited from the enclosing level only when the inner level declares none of it
 * ({@code ngx_conf_merge_*}: {@code proxy_set_header}, {@code add_header}, {@code proxy_hide_header},
 * {@code proxy_cookie_*} and every scalar setting alike).
 *
 * @param blocks the enclosing block directives, outermost first (the top level is not one of them)
 * @param top the directives at the top of the file (main and {@code http} context for a fragment)
 */
public record Levels(List<NginxNode> top, List<NginxNode> blocks) {
  public Levels {
    top = List.copyOf(top);
    blocks = List.copyOf(blocks);
  }

  /** One level deeper. */
  public Levels enter(NginxNode block) {
    List<NginxNode> b = new ArrayList<>(blocks);
    b.add(block);
    return new Levels(top, b);
  }

  /** The directives of one level, counted from the innermost (0) outwards; the top is the last. */
  private List<NginxNode> level(int fromInside) {
    int i = blocks.size() - 1 - fromInside;
    return i >= 0 ? blocks.get(i).block() : top;
  }

  private int depth() {
    return blocks.size() + 1;
  }

  /**
   * The directives named {@code name} in effect here: those of the innermost level that declares any,
   * in order; empty when no level does (nginx's default applies).
   */
  public List<NginxNode> effective(String name) {
    for (int i = 0; i < depth(); i++) {
      List<NginxNode> own = own(level(i), name);
      if (!own.isEmpty()) return own;
    }
    return List.of();
  }

  /**
   * The directives named {@code name} of outer levels that do not apply here because an inner level
   * declares its own: the innermost such outer level's, which a person expected to be inherited.
   */
  public List<NginxNode> shadowed(String name) {
    boolean declared = false;
    for (int i = 0; i < depth(); i++) {
      List<NginxNode> own = own(level(i), name);
      if (own.isEmpty()) continue;
      if (declared) return own;
      declared = true;
    }
    return List.of();
  }

  private static List<NginxNode> own(List<NginxNode> level, String name) {
    List<NginxNode> out = new ArrayList<>();
    for (NginxNode n : level) if (n.name().equals(name)) out.add(n);
    return out;
  }
}
