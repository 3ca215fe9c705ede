package authdoctor.collect.scan.python;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The names a module (or a class body) binds at the top level, in statement order, the way Python would
 * leave them after import: later assignments replace earlier ones, {@code from .base import *} brings in
 * the other module's names at that point. A development-only branch ({@code if DEBUG:}, {@code if
 * app.debug:}, {@code if __name__ == "__main__":}) is left out; its {@code else} is production's. An
 * assignment under any other condition is kept with its condition: its value is not determined.
 */
final class Namespace {
  /**
   * A name's binding.
   *
   * @param expr the expression assigned (for a fallback {@code if not X: X = gen()}, {@code X or gen()})
   * @param module where it is written
   * @param line its line
   * @param condition the condition it is assigned under, null when unconditional
   */
  record Bound(PyExpr expr, PyModule module, int line, @Nullable String condition) {}

  private static final Pattern DEV = Pattern.compile(
      "(?i).*(\\bDEBUG\\b|\\.debug\\b|__name__\\s*==|\\bTESTING\\b|['\"](dev|development|local|test|testing)['\"]).*");
  private static final Pattern PROD = Pattern.compile("(?i).*['\"](prod|production)['\"].*");

  final Map<String, Bound> names = new LinkedHashMap<>();

  /** Whether a condition selects development only (true), production only (false), or neither (null). */
  static @Nullable Boolean devOnly(String condition) {
    String c = condition.strip();
    boolean negated = c.startsWith("not ") || c.contains("!=") || c.contains(" not in ");
    if (c.startsWith("not ")) c = c.substring(4);
    if (DEV.matcher(c).matches()) return !negated;
    if (PROD.matcher(c).matches()) return negated;
    return null;
  }

  /** The module-level names of {@code m}, star imports followed within the project. */
  static Namespace of(PyModule m, PyProject project) {
    Namespace ns = new Namespace();
    ns.read(m, m.statements(), project, null, new HashSet<>(Set.of(m.name())));
    return ns;
  }

  /** The names a class body binds (its bases' first, as attribute lookup finds them). */
  static Namespace ofBody(PyModule m, List<PyStmt> body) {
    Namespace ns = new Namespace();
    ns.read(m, body, null, null, new HashSet<>());
    return ns;
  }

  void read(PyModule m, List<PyStmt> statements, @Nullable PyProject project, @Nullable String condition, Set<String> seen) {
    Boolean previousDev = null;
    String previousHeader = "";
    for (PyStmt s : statements) {
      switch (s) {
        case PyStmt.Assign a -> {
          for (String t : a.targets()) {
            if (!t.matches("[A-Za-z_]\\w*")) continue;
            PyExpr value = a.augmented() ? new PyExpr.Other(t + " += " + a.value().text()) : a.value();
            names.put(t, new Bound(value, m, a.line(), condition));
          }
        }
        case PyStmt.Import i -> {
          if (project == null || !i.names().equals(List.of("*"))) continue;
          String target = m.absolute(i.module());
          PyModule other = project.module(target);
          if (other == null || !seen.add(other.name())) continue;
          read(other, other.statements(), project, condition, seen);
        }
        case PyStmt.Block b -> {
          switch (b.keyword()) {
            case "if", "elif" -> {
              Boolean dev = devOnly(b.header());
              previousDev = dev;
              previousHeader = b.header();
              if (Boolean.TRUE.equals(dev)) continue;
              if (fallback(m, b)) continue;
              read(m, b.body(), project, dev == null ? join(condition, b.header()) : condition, seen);
            }
            case "else" -> {
              if (previousDev == null) read(m, b.body(), project, join(condition, "not (" + previousHeader + ")"), seen);
              else if (previousDev) read(m, b.body(), project, condition, seen);
            }
            case "try", "with", "async with" -> read(m, b.body(), project, condition, seen);
            default -> {}
          }
        }
        case PyStmt.Expr e -> {}
      }
    }
  }

  /**
   * {@code if not X:} (or {@code if X is None:}, {@code if not os.environ.get(...)}) whose body assigns X:
   * a fallback for an unset value, bound as {@code X or fallback}.
   */
  private boolean fallback(PyModule m, PyStmt.Block b) {
    if (b.body().size() != 1 || !(b.body().get(0) instanceof PyStmt.Assign a) || a.targets().size() != 1) return false;
    String name = a.targets().get(0);
    String h = b.header().strip();
    if (!(h.equals("not " + name) || h.equals(name + " is None"))) return false;
    Bound before = names.get(name);
    if (before == null) return false;
    PyExpr or = new PyExpr.Or(List.of(before.expr(), a.value()), before.expr().text() + " or " + a.value().text());
    names.put(name, new Bound(or, m, a.line(), before.condition()));
    return true;
  }

  private static String join(@Nullable String outer, String inner) {
    return outer == null ? inner : outer + " and " + inner;
  }

  @Nullable Bound get(String name) {
    return names.get(name);
  }
}
