package authdoctor.collect.scan;

import authdoctor.collect.nginx.NginxObservations;
import authdoctor.nginx.NginxNode;
import authdoctor.nginx.NginxParser;
import authdoctor.nginx.ParsedConfig;
import authdoctor.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads the Kubernetes Ingress objects that ingress-nginx serves as the nginx configuration the controller
 * renders from them (its {@code nginx.tmpl}): one {@code server} per host (plain http, and TLS with a
 * redirect to https for a host under {@code tls:}), one {@code location} per path with the forwarded
 * headers the controller always sets, and the annotations that change it —
 * {@code ssl-redirect}/{@code force-ssl-redirect}, {@code rewrite-target} (a prefix stripped),
 * {@code x-forwarded-prefix}, {@code proxy-cookie-path} and {@code configuration-snippet} (its nginx
 * directives, read by the nginx parser). Each rendered directive is located at the manifest line that
 * causes it (the annotation, the {@code tls:} entry, the path), so the nginx detectors name the line to
 * change. An Ingress for another controller (its class names no nginx and it has no ingress-nginx
 * annotation) is left out.
 */
final class IngressReader {
  static final String PREFIX = "nginx.ingress.kubernetes.io/";

  private IngressReader() {}

  /** One annotation: its value and the line of its key. */
  private record Annotation(String value, int line) {}

  static List<Observation> read(String file, String text, List<Yaml> docs) {
    String[] lines = text.split("\n", -1);
    List<Observation> out = new ArrayList<>();
    for (Yaml d : docs) {
      if (d instanceof Yaml.Mapping doc && "Ingress".equals(doc.text("kind"))) {
        List<NginxNode> servers = ingress(file, lines, doc);
        if (!servers.isEmpty()) out.addAll(NginxObservations.of(file, servers));
      } else if (d instanceof Yaml.Mapping list && "List".equals(list.text("kind")) && list.get("items") instanceof Yaml.Sequence items) {
        out.addAll(read(file, text, items.items()));
      }
    }
    return out;
  }

  private static List<NginxNode> ingress(String file, String[] lines, Yaml.Mapping doc) {
    Yaml.Mapping meta = doc.map("metadata");
    Map<String, Annotation> a = new LinkedHashMap<>();
    Yaml.Mapping annotations = meta == null ? null : meta.map("annotations");
    if (annotations != null) {
      for (String k : annotations.entries().keySet()) {
        String v = annotations.text(k);
        if (v != null) a.put(k, new Annotation(v, annotations.lineOf(k)));
      }
    }
    Yaml.Mapping spec = doc.map("spec");
    if (spec == null || !nginx(spec, a)) return List.of();
    Set<String> tlsHosts = new LinkedHashSet<>();
    int tlsLine = spec.lineOf("tls");
    if (spec.get("tls") instanceof Yaml.Sequence tls) {
      for (Yaml t : tls.items()) {
        if (t instanceof Yaml.Mapping m && m.get("hosts") instanceof Yaml.Sequence hosts) {
          for (Yaml h : hosts.items()) if (h instanceof Yaml.Scalar s) tlsHosts.add(s.value());
        }
      }
    }
    List<NginxNode> servers = new ArrayList<>();
    if (!(spec.get("rules") instanceof Yaml.Sequence rules)) return servers;
    for (Yaml r : rules.items()) {
      if (!(r instanceof Yaml.Mapping rule) || rule.map("http") == null
          || !(rule.map("http").get("paths") instanceof Yaml.Sequence paths)) continue;
      String host = rule.text("host") == null ? "_" : rule.text("host");
      boolean tls = tlsHosts.contains(host) || tlsHosts.isEmpty() && spec.get("tls") instanceof Yaml.Sequence && host.equals("_");
      List<Yaml.Mapping> items = paths.items().stream().filter(p -> p instanceof Yaml.Mapping).map(p -> (Yaml.Mapping) p).toList();
      servers.add(server(file, lines, rule.line(), host, tlsLine, tls, items, a));
    }
    return servers;
  }

  /** Served by ingress-nginx: its class says nginx, or it carries the controller's annotations. */
  private static boolean nginx(Yaml.Mapping spec, Map<String, Annotation> a) {
    String cls = spec.text("ingressClassName");
    if (cls == null && a.containsKey("kubernetes.io/ingress.class")) cls = a.get("kubernetes.io/ingress.class").value();
    if (cls != null) return cls.toLowerCase(Locale.ROOT).contains("nginx");
    return a.keySet().stream().anyMatch(k -> k.startsWith(PREFIX));
  }

  /**
   * The rendered server of a host: plain http, and TLS for a host under {@code tls:}, which is redirected
   * to https unless told not to — then the server is located at that annotation.
   */
  private static NginxNode server(String file, String[] lines, int ruleLine, String host, int tlsLine, boolean tls,
      List<Yaml.Mapping> paths, Map<String, Annotation> a) {
    List<NginxNode> block = new ArrayList<>();
    block.add(node(file, lines, ruleLine, "listen", List.of("80")));
    if (tls) block.add(node(file, lines, tlsLine, "listen", List.of("443", "ssl")));
    block.add(node(file, lines, ruleLine, "server_name", List.of(host)));
    if (tls) {
      // nginx.tmpl sends HSTS on TLS (ConfigMap hsts: "true" by default) with more_set_headers, which no
      // add_header of a snippet drops: rendered at both levels.
      block.add(node(file, lines, tlsLine, "add_header", List.of("Strict-Transport-Security", "max-age=31536000", "always")));
      if (redirects(a)) {
        NginxNode ret = node(file, lines, at(a, "force-ssl-redirect", tlsLine), "return", List.of("308", "https://$host$request_uri"));
        block.add(new NginxNode("if", List.of("($redirect_to_https)"), List.of(ret), true, file, ret.line(), 1, ret.text()));
      }
    }
    for (Yaml.Mapping p : paths) block.add(location(file, lines, p, tls, tlsLine, a));
    int line = tls && !redirects(a) ? at(a, "ssl-redirect", ruleLine) : ruleLine;
    return new NginxNode("server", List.of(), block, true, file, line, 1, text(lines, line));
  }

  /** ingress-nginx redirects to https unless {@code ssl-redirect: "false"} (and force-ssl-redirect is not "true"). */
  private static boolean redirects(Map<String, Annotation> a) {
    return flag(a, "ssl-redirect", true) || flag(a, "force-ssl-redirect", false);
  }

  private static NginxNode location(String file, String[] lines, Yaml.Mapping p, boolean tls, int tlsLine,
      Map<String, Annotation> a) {
    int line = p.line();
    String path = p.text("path") == null ? "/" : p.text("path");
    // A regex path (use-regex, or a rewrite-target with capture groups) is matched by its literal prefix.
    String prefix = path.replaceAll("[(\\[.*+?$^{].*$", "");
    if (prefix.isEmpty()) prefix = "/";
    List<NginxNode> block = new ArrayList<>();
    for (List<String> h : List.of(List.of("Host", "$best_http_host"), List.of("X-Forwarded-For", "$full_x_forwarded_for"),
        List.of("X-Forwarded-Proto", "$pass_access_scheme"), List.of("X-Forwarded-Host", "$best_http_host"),
        List.of("X-Forwarded-Port", "$pass_port"), List.of("X-Real-IP", "$remote_addr"))) {
      block.add(node(file, lines, line, "proxy_set_header", h));
    }
    if (tls) block.add(node(file, lines, tlsLine, "add_header", List.of("Strict-Transport-Security", "max-age=31536000", "always")));
    Annotation fwdPrefix = a.get(PREFIX + "x-forwarded-prefix");
    if (fwdPrefix != null) block.add(node(file, lines, fwdPrefix.line(), "proxy_set_header", List.of("X-Forwarded-Prefix", fwdPrefix.value())));
    Annotation rewrite = a.get(PREFIX + "rewrite-target");
    boolean strips = rewrite != null && !prefix.equals("/") && !rewrite.value().startsWith(trim(prefix));
    if (strips) block.add(node(file, lines, rewrite.line(), "rewrite", List.of("^" + trim(prefix) + "(.*)", rewrite.value(), "break")));
    Annotation cookiePath = a.get(PREFIX + "proxy-cookie-path");
    if (cookiePath != null) {
      String[] parts = cookiePath.value().strip().split("\\s+", 2);
      if (parts.length == 2) block.add(node(file, lines, cookiePath.line(), "proxy_cookie_path", List.of(parts[0], parts[1])));
    }
    Annotation snippet = a.get(PREFIX + "configuration-snippet");
    if (snippet != null) block.addAll(snippet(file, lines, snippet));
    int passLine = strips ? rewrite.line() : backendLine(p);
    block.add(node(file, lines, passLine, "proxy_pass", List.of("http://upstream_balancer")));
    return new NginxNode("location", List.of(prefix), block, true, file, line, 1, text(lines, line));
  }

  private static String trim(String prefix) {
    return prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  private static int backendLine(Yaml.Mapping p) {
    Yaml.Mapping backend = p.map("backend");
    if (backend == null) return p.line();
    return backend.map("service") != null ? backend.lineOf("service") : backend.lineOf("serviceName");
  }

  /**
   * The directives of a {@code configuration-snippet}, each at its manifest line: a block scalar
   * ({@code |}) starts on the line after the key; a plain or quoted one is on the key's line.
   */
  private static List<NginxNode> snippet(String file, String[] lines, Annotation s) {
    String keyLine = s.line() - 1 < lines.length ? lines[s.line() - 1].strip() : "";
    int offset = keyLine.matches(".*:\\s*[|>][-+]?\\d*\\s*(#.*)?$") ? s.line() : s.line() - 1;
    ParsedConfig parsed = NginxParser.parse(file, s.value());
    List<NginxNode> out = new ArrayList<>();
    for (NginxNode n : parsed.nodes()) out.add(shift(n, offset, lines));
    return out;
  }

  private static NginxNode shift(NginxNode n, int offset, String[] lines) {
    List<NginxNode> block = n.block().stream().map(c -> shift(c, offset, lines)).toList();
    int line = n.line() + offset;
    return new NginxNode(n.name(), n.args(), block, n.hasBlock(), n.file(), line, n.column(), text(lines, line));
  }

  private static boolean flag(Map<String, Annotation> a, String name, boolean dflt) {
    Annotation v = a.get(PREFIX + name);
    return v == null ? dflt : v.value().strip().equalsIgnoreCase("true");
  }

  private static int at(Map<String, Annotation> a, String name, int dflt) {
    Annotation v = a.get(PREFIX + name);
    return v == null ? dflt : v.line();
  }

  private static NginxNode node(String file, String[] lines, int line, String name, List<String> args) {
    return new NginxNode(name, args, List.of(), false, file, Math.max(1, line), 1, text(lines, line));
  }

  private static String text(String[] lines, int line) {
    return line >= 1 && line <= lines.length ? lines[line - 1].strip() : "";
  }

}
