package authdoctor.collect.scan.python;

import java.util.List;

/**
 * One Python source file of the scanned tree: its dotted module name (from its path, {@code
 * mysite/settings/production.py} → {@code mysite.settings.production}) and its statements.
 *
 * @param name the dotted module name ({@code __init__} names its package)
 * @param file the file, relative to the scanned root
 * @param text the source
 * @param statements the parsed statements
 */
record PyModule(String name, String file, String text, List<PyStmt> statements) {
  static PyModule of(String file, String text) {
    String path = file.replace('\\', '/');
    if (path.endsWith(".py")) path = path.substring(0, path.length() - 3);
    if (path.endsWith("/__init__")) path = path.substring(0, path.length() - "/__init__".length());
    return new PyModule(path.replace('/', '.'), file, text, PyStmt.parse(text));
  }

  /** The package a relative import starts from: the module's own for a package, else its parent. */
  String packageName() {
    boolean isPackage = file.endsWith("__init__.py");
    if (isPackage) return name;
    int dot = name.lastIndexOf('.');
    return dot < 0 ? "" : name.substring(0, dot);
  }

  /** The absolute name of {@code module} as imported here ({@code .base} → {@code mysite.settings.base}). */
  String absolute(String module) {
    if (!module.startsWith(".")) return module;
    String pkg = packageName();
    int i = 0;
    while (i < module.length() && module.charAt(i) == '.') i++;
    for (int up = 1; up < i; up++) {
      int dot = pkg.lastIndexOf('.');
      pkg = dot < 0 ? "" : pkg.substring(0, dot);
    }
    String rest = module.substring(i);
    return pkg.isEmpty() ? rest : rest.isEmpty() ? pkg : pkg + "." + rest;
  }

  /** The line of its first statement (where a setting it lacks would be added), 1 when it has none. */
  int firstLine() {
    return statements.isEmpty() ? 1 : statements.get(0).line();
  }

  /** Whether this module is the one named {@code dotted} (its name ends with it at a dot boundary). */
  boolean is(String dotted) {
    return name.equals(dotted) || name.endsWith("." + dotted);
  }
}
