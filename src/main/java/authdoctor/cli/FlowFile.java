package authdoctor.cli;

import authdoctor.internal.LocatedYaml;
import authdoctor.internal.LocatedYaml.Entry;
import authdoctor.internal.LocatedYaml.Mapping;
import authdoctor.internal.LocatedYaml.Node;
import authdoctor.internal.LocatedYaml.Scalar;
import authdoctor.internal.LocatedYaml.Sequence;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The flow file ({@code authdoctor.yml}): the flags of {@code probe} kept in a file checked into the
 * user's repository, with shared defaults at the top and {@code environments:} overriding them. Its keys
 * are derived from picocli's model of the command — every option's long name without dashes, {@code -}
 * as {@code _} ({@code --login-json} → {@code login_json}), the URL as {@code url} — so an option added to
 * {@code probe} is a key without touching this class. {@code probe --flow FILE [ENV]} becomes the command
 * line the file describes, with the flags typed overriding it; secrets only as references
 * ({@code password_env}, {@code password_file}).
 */
final class FlowFile {
  static final String FLOW = "--flow";
  static final String SAVE_FLOW = "--save-flow";
  /** The keys of the file that are not options. */
  static final String URL = "url", ENVIRONMENTS = "environments", ACCEPTED = "accepted";
  /** Keys that would hold a secret's value: refused with a pointer to the references. */
  private static final Set<String> SECRET_KEYS = Set.of("password", "secret", "token", "client_secret",
      "idp_password", "api_key", "password_b");
  private static final Pattern SECRET_FIELD = Pattern.compile("(?i).*(pass|secret|token|key).*");
  private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "cookie", "proxy-authorization");

  private FlowFile() {}

  /** The file key of an option: {@code --login-json} → {@code login_json}, {@code -H/--header} → {@code header}. */
  static String key(OptionSpec o) {
    return o.longestName().replaceFirst("^-+", "").replace('-', '_').toLowerCase(Locale.ROOT);
  }

  /** The options a flow file may set: every option but help, version, hidden ones and the flow's own. */
  static Map<String, OptionSpec> keyed(CommandSpec spec) {
    Map<String, OptionSpec> keys = new LinkedHashMap<>();
    for (OptionSpec o : spec.options()) {
      if (o.usageHelp() || o.versionHelp() || o.hidden()) continue;
      if (o.longestName().equals(FLOW) || o.longestName().equals(SAVE_FLOW)) continue;
      keys.put(key(o), o);
    }
    return keys;
  }

  /**
   * {@code args} with a {@code --flow FILE} expanded into the command line the file describes; returned
   * as given when there is no {@code --flow} (or the line does not parse: picocli then says why).
   */
  static String[] expand(String[] args, CommandLine root) {
    if (java.util.Arrays.stream(args).noneMatch(a -> a.equals(FLOW) || a.startsWith(FLOW + "="))) return args;
    ParseResult parsed;
    try {
      parsed = root.parseArgs(args);
    } catch (ParameterException e) {
      return args;
    }
    ParseResult sub = parsed.subcommand();
    if (sub == null || !sub.hasMatchedOption(FLOW)) return args;
    CommandSpec spec = sub.commandSpec();
    Path file = sub.matchedOptionValue(FLOW, Path.of(""));
    List<String> envs = new ArrayList<>();
    sub.matchedPositionals().forEach(p -> envs.addAll(p.originalStringValues()));
    Mapping doc = mapping(file, LocatedYaml.read(file));
    Map<String, OptionSpec> keys = keyed(spec);
    check(file, doc, keys, true);
    Map<String, Entry> defaults = new LinkedHashMap<>(doc.entries());
    Mapping environments = defaults.remove(ENVIRONMENTS) instanceof Entry e ? mapping(file, e.value()) : null;
    defaults.remove(ACCEPTED);
    if (environments != null) {
      for (Entry env : environments.entries().values()) check(file, mapping(file, env.value()), keys, false);
    }
    List<String> out = new ArrayList<>();
    out.add(spec.name());
    Map<String, Entry> values;
    if (spec.name().equals("diff")) {
      if (envs.size() != 2) throw new UsageError("diff --flow " + file + ": name two environments, A and B");
      values = diffValues(file, defaults, environment(file, environments, envs.get(0)),
          environment(file, environments, envs.get(1)), out);
    } else {
      if (envs.size() > 1) throw new UsageError("probe --flow " + file + ": name one environment, not " + envs.size());
      values = new LinkedHashMap<>(defaults);
      if (!envs.isEmpty()) values.putAll(environment(file, environments, envs.get(0)));
      Entry url = values.remove(URL);
      if (url == null) throw new UsageError(file + ": no url" + (envs.isEmpty() ? "" : " for environment " + envs.get(0)));
      out.add(scalar(file, url));
    }
    Set<OptionSpec> typed = Set.copyOf(sub.matchedOptions());
    for (Map.Entry<String, OptionSpec> k : keys.entrySet()) {
      Entry v = values.get(k.getKey());
      if (v != null && !typed.contains(k.getValue())) out.addAll(tokens(file, v, k.getValue()));
    }
    out.addAll(typedArgs(sub, Set.of()));
    String[] expanded = out.toArray(String[]::new);
    try {
      root.parseArgs(expanded);
    } catch (ParameterException e) {
      // A value the file gave that its option refuses (not a number, not a format): name the key and line.
      if (e.getArgSpec() instanceof OptionSpec opt && !typed.contains(opt) && values.get(key(opt)) instanceof Entry v) {
        throw new UsageError(file + ":" + v.line() + ": " + v.key() + ": " + Main.oneLine(e.getMessage()));
      }
    }
    return expanded;
  }

  /**
   * Two environments for {@code diff}: their urls are A and B; their {@code resolve} become
   * {@code --resolve-a}/{@code --resolve-b}; B's own {@code user}/{@code password_env} become
   * {@code --user-b}/{@code --password-env-b}; any other key must agree (one flow, two targets).
   */
  private static Map<String, Entry> diffValues(Path file, Map<String, Entry> defaults, Map<String, Entry> a,
      Map<String, Entry> b, List<String> out) {
    Map<String, Entry> va = new LinkedHashMap<>(defaults);
    va.putAll(a);
    Map<String, Entry> vb = new LinkedHashMap<>(defaults);
    vb.putAll(b);
    for (Map<String, Entry> side : List.of(va, vb)) {
      if (!side.containsKey(URL)) throw new UsageError(file + ": an environment of diff --flow has no url");
      out.add(scalar(file, side.get(URL)));
    }
    Map<String, Entry> values = new LinkedHashMap<>();
    for (String k : union(va.keySet(), vb.keySet())) {
      if (k.equals(URL)) continue;
      Entry ea = va.get(k), eb = vb.get(k);
      if (k.equals("resolve")) {
        if (a.containsKey(k) || b.containsKey(k)) {
          if (ea != null) for (String s : values(file, ea)) out.add("--resolve-a=" + s);
          if (eb != null) for (String s : values(file, eb)) out.add("--resolve-b=" + s);
          continue;
        }
      } else if ((k.equals("user") || k.equals("password_env")) && eb != null && !same(ea, eb)) {
        out.add("--" + k.replace('_', '-') + "-b=" + scalar(file, eb));
        if (ea != null) values.put(k, ea);
        continue;
      }
      if (!same(ea, eb)) {
        Entry where = ea != null && a.containsKey(k) ? ea : eb;
        throw new UsageError(file + ":" + Objects.requireNonNull(where).line() + ": " + k
            + " differs between the two environments; diff runs one flow against two targets");
      }
      values.put(k, ea);
    }
    return values;
  }

  private static List<String> union(Set<String> a, Set<String> b) {
    List<String> all = new ArrayList<>(a);
    for (String k : b) if (!all.contains(k)) all.add(k);
    return all;
  }

  private static boolean same(@Nullable Entry a, @Nullable Entry b) {
    if (a == null || b == null) return a == b;
    return plain(a.value()).equals(plain(b.value()));
  }

  private static Object plain(Node n) {
    return switch (n) {
      case Scalar s -> s.text();
      case Sequence s -> s.items().stream().map(FlowFile::plain).toList();
      case Mapping m -> m.entries().keySet();
    };
  }

  private static Map<String, Entry> environment(Path file, @Nullable Mapping environments, String name) {
    if (environments == null) throw new UsageError(file + ": no environments: section, so no environment " + name);
    Entry env = environments.entries().get(name);
    if (env == null) {
      throw new UsageError(file + ":" + environments.line() + ": no environment '" + name + "' (there are: "
          + String.join(", ", environments.entries().keySet()) + ")");
    }
    return mapping(file, env.value()).entries();
  }

  /** Every key known, no literal secret; the top level may also hold environments and accepted findings. */
  private static void check(Path file, Mapping m, Map<String, OptionSpec> keys, boolean top) {
    for (Entry e : m.entries().values()) {
      String k = e.key();
      if (SECRET_KEYS.contains(k)) {
        throw new UsageError(file + ":" + e.line() + ": " + k + ": a secret is never written in the flow file; "
            + "use password_env: VARIABLE or password_file: PATH");
      }
      if (k.equals(URL) || (top && (k.equals(ENVIRONMENTS) || k.equals(ACCEPTED)))) continue;
      OptionSpec o = keys.get(k);
      if (o == null) {
        throw new UsageError(file + ":" + e.line() + ": unknown key '" + k + "'"
            + (top || !(k.equals(ENVIRONMENTS) || k.equals(ACCEPTED)) ? "" : " (only at the top level)")
            + " (`authdoctor probe --help` lists the flags; the key is the flag without dashes, - as _)");
      }
      tokens(file, e, o); // the value's shape
      if (k.equals("header")) {
        for (String h : values(file, e)) {
          String name = h.contains(":") ? h.substring(0, h.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
          if (CREDENTIAL_HEADERS.contains(name)) {
            throw new UsageError(file + ":" + e.line() + ": header: a " + name + " header is a secret; give it with -H "
                + "on the command line from a CI secret, never in the flow file");
          }
        }
      }
      if (k.equals("form_field")) {
        for (String f : values(file, e)) {
          String name = f.contains("=") ? f.substring(0, f.indexOf('=')) : f;
          if (SECRET_FIELD.matcher(name).matches()) {
            throw new UsageError(file + ":" + e.line() + ": form_field " + name + ": looks like a secret; give it with "
                + "--form-field on the command line from a CI secret, or as the password (password_field + password_env)");
          }
        }
      }
    }
  }

  /** The command-line tokens for one key: {@code --name=value} per value, {@code --name} for a true flag. */
  private static List<String> tokens(Path file, Entry e, OptionSpec o) {
    String name = o.longestName();
    if (o.arity().max() == 0) {
      if (!(e.value() instanceof Scalar s && s.isBoolean())) {
        throw new UsageError(file + ":" + e.line() + ": " + e.key() + ": use true or false");
      }
      return s.text().equals("true") ? List.of(name) : List.of();
    }
    List<String> vs = o.isMultiValue() ? values(file, e) : List.of(scalar(file, e));
    return vs.stream().map(v -> name + "=" + v).toList();
  }

  private static String scalar(Path file, Entry e) {
    if (e.value() instanceof Scalar s && s.token() != com.fasterxml.jackson.core.JsonToken.VALUE_NULL) return s.text();
    throw new UsageError(file + ":" + e.line() + ": " + e.key() + ": expected one value");
  }

  private static List<String> values(Path file, Entry e) {
    return switch (e.value()) {
      case Scalar s -> List.of(scalar(file, e));
      case Sequence seq -> {
        List<String> out = new ArrayList<>();
        for (Node n : seq.items()) {
          if (!(n instanceof Scalar s)) throw new UsageError(file + ":" + n.line() + ": " + e.key() + ": expected a list of values");
          out.add(s.text());
        }
        yield out;
      }
      case Mapping m -> throw new UsageError(file + ":" + e.line() + ": " + e.key() + ": expected a value or a list");
    };
  }

  private static Mapping mapping(Path file, Node n) {
    if (n instanceof Mapping m) return m;
    throw new UsageError(file + ":" + n.line() + ": expected keys (key: value)");
  }

  /** The options typed on the command line, as {@code --name=value} tokens (a flag as its name). */
  static List<String> typedArgs(ParseResult sub, Set<String> leaveOut) {
    List<String> out = new ArrayList<>();
    for (OptionSpec o : sub.matchedOptions()) {
      if (leaveOut.contains(o.longestName())) continue;
      if (o.arity().max() == 0) {
        out.add(o.longestName());
      } else {
        for (String v : o.originalStringValues()) out.add(o.longestName() + "=" + v);
      }
    }
    return out;
  }

  /**
   * Writes the flow file of the command line just parsed: {@code url} and every option typed, as keys;
   * never a secret's value (a credential header is left out, and said so on stderr).
   */
  static void save(ParseResult sub, String url, Path file, Io io) {
    StringBuilder sb = new StringBuilder();
    sb.append("# authdoctor flow file: authdoctor ").append(sub.commandSpec().name()).append(" --flow ")
        .append(file.getFileName()).append("\n");
    sb.append("# Secrets only as references: password_env: VARIABLE or password_file: PATH.\n");
    sb.append(URL).append(": ").append(quote(url)).append('\n');
    Map<String, OptionSpec> keys = keyed(sub.commandSpec());
    for (Map.Entry<String, OptionSpec> k : keys.entrySet()) {
      OptionSpec o = k.getValue();
      if (!sub.hasMatchedOption(o) || o.longestName().equals(SAVE_FLOW)) continue;
      if (o.arity().max() == 0) {
        sb.append(k.getKey()).append(": true\n");
        continue;
      }
      List<String> values = new ArrayList<>();
      for (String v : o.originalStringValues()) {
        String name = v.contains(":") ? v.substring(0, v.indexOf(':')).strip().toLowerCase(Locale.ROOT) : "";
        if (k.getKey().equals("header") && CREDENTIAL_HEADERS.contains(name)) {
          io.err().println("authdoctor: --save-flow: the " + name + " header is a secret and is not written; give it with -H");
          continue;
        }
        values.add(quote(v));
      }
      if (values.isEmpty()) continue;
      sb.append(k.getKey()).append(": ");
      sb.append(o.isMultiValue() ? "[" + String.join(", ", values) + "]" : values.get(0)).append('\n');
    }
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) Files.createDirectories(parent);
      Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UsageError("--save-flow " + file + ": cannot write it (" + e.getClass().getSimpleName() + ")");
    }
  }

  /** A YAML double-quoted scalar (YAML 1.2 §7.3.1: JSON's escapes are valid there). */
  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) sb.append(String.format("\\u%04x", (int) c));
          else sb.append(c);
        }
      }
    }
    return sb.append('"').toString();
  }
}
