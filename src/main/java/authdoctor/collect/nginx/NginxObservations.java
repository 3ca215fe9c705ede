package authdoctor.collect.nginx;

import authdoctor.Location;
import authdoctor.nginx.Levels;
import authdoctor.nginx.NginxNode;
import authdoctor.nginx.NginxServers;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.NginxServer;
import authdoctor.observation.Observation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Turns one read configuration into observations: an {@link NginxServer} per virtual server and an
 * {@link NginxProxyRoute} per place that proxies, with the directives in effect there.
 */
public final class NginxObservations {
  /** Directives whose inheritance the checks read (ngx_http_proxy_module, ngx_http_headers_module, core). */
  static final Set<String> INHERITED =
      Set.of(
          "proxy_set_header", "add_header", "proxy_hide_header", "proxy_pass_header", "proxy_cache", "proxy_cache_valid",
          "proxy_ignore_headers", "proxy_no_cache", "proxy_cache_bypass", "proxy_cache_key", "proxy_cookie_domain",
          "proxy_cookie_path", "proxy_cookie_flags", "proxy_redirect", "absolute_redirect", "port_in_redirect",
          "server_name_in_redirect", "proxy_pass_request_headers", "underscores_in_headers", "ignore_invalid_headers");

  private static final Pattern PROXY_PASS = Pattern.compile("^(?:https?)://([^/]+)(/.*)?$");

  private NginxObservations() {}

  public static List<Observation> of(String config, List<NginxNode> top) {
    Map<String, List<String>> upstreams = upstreams(top);
    List<Observation> out = new ArrayList<>();
    for (NginxServers.Server s : NginxServers.of(top)) {
      String describe = s.describe();
      NginxServer server =
          new NginxServer(
              config, describe, s.names(), s.listens(), directive(s.block(), describe), httpsRedirect(s, describe),
              directives(s.levels().effective("add_header"), describe),
              directives(concat(s.levels().effective("set_real_ip_from"), s.levels().effective("real_ip_header")), describe),
              last(s.levels().effective("underscores_in_headers"), describe), at(s.block()));
      out.add(server);
      for (NginxServers.Route r : s.routes()) {
        String context = describe + " > " + r.block().name() + " " + String.join(" ", r.block().args());
        Map<String, List<NginxDirective>> effective = new LinkedHashMap<>();
        Map<String, List<NginxDirective>> shadowed = new LinkedHashMap<>();
        for (String name : INHERITED) {
          List<NginxNode> e = r.levels().effective(name);
          if (!e.isEmpty()) effective.put(name, directives(e, context));
          List<NginxNode> sh = r.levels().shadowed(name);
          if (!sh.isEmpty()) shadowed.put(name, directives(sh, context(r.levels(), sh.get(0), describe)));
        }
        out.add(new NginxProxyRoute(
            config, server, r.path(), directive(r.block(), context), directive(r.proxyPass(), context),
            targets(r.proxyPass().arg(0), upstreams), stripped(r), effective, shadowed, at(r.proxyPass())));
      }
    }
    return out;
  }

  private static String context(Levels levels, NginxNode of, String server) {
    return server + " (outer level of " + of.file() + ":" + of.line() + ")";
  }

  private static List<NginxNode> concat(List<NginxNode> a, List<NginxNode> b) {
    List<NginxNode> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }

  /** {@code upstream name { server host:port …; }} → its addresses. */
  private static Map<String, List<String>> upstreams(List<NginxNode> nodes) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    for (NginxNode n : nodes) {
      if (n.name().equals("upstream") && n.hasBlock()) {
        List<String> servers = new ArrayList<>();
        for (NginxNode d : n.block()) if (d.name().equals("server") && !d.args().isEmpty()) servers.add(d.arg(0));
        out.put(n.arg(0), servers);
      } else if (n.hasBlock() && n.name().equals("http")) {
        out.putAll(upstreams(n.block()));
      }
    }
    return out;
  }

  private static List<String> targets(String proxyPass, Map<String, List<String>> upstreams) {
    Matcher m = PROXY_PASS.matcher(proxyPass);
    if (!m.matches()) return List.of();
    String host = m.group(1);
    return upstreams.getOrDefault(host, List.of(host));
  }

  /**
   * ngx_http_proxy_module: "if proxy_pass is specified with a URI, the part of a normalized request URI
   * matching the location is replaced by the URI" — location {@code /app/} with {@code proxy_pass
   * http://app/} sends {@code /app/login} as {@code /login}. A {@code rewrite ^/app/(.*) /$1 break;} does
   * the same.
   */
  private static @Nullable String stripped(NginxServers.Route r) {
    if (!r.block().name().equals("location")) return null;
    List<String> args = r.block().args();
    if (args.size() != 1 && !(args.size() == 2 && args.get(0).equals("^~"))) return null; // regex or exact: no replacement
    String prefix = args.get(args.size() - 1);
    if (prefix.equals("/") || prefix.isEmpty()) return null;
    Matcher m = PROXY_PASS.matcher(r.proxyPass().arg(0));
    if (m.matches() && m.group(2) != null) {
      String uri = m.group(2);
      if (prefix.startsWith(uri) && uri.length() < prefix.length() && !uri.contains("$")) return trim(prefix);
      return null;
    }
    for (NginxNode d : r.block().block()) {
      if (d.name().equals("rewrite") && d.args().size() >= 2 && d.arg(0).startsWith("^" + trim(prefix))
          && !d.arg(1).startsWith(trim(prefix)) && !d.arg(1).startsWith("http")) {
        return trim(prefix);
      }
    }
    return null;
  }

  private static String trim(String prefix) {
    return prefix.endsWith("/") && prefix.length() > 1 ? prefix.substring(0, prefix.length() - 1) : prefix;
  }

  /** A {@code return 3xx https://…} or {@code rewrite … https://…} at the server level, in {@code location /}, or in an {@code if}. */
  private static @Nullable NginxDirective httpsRedirect(NginxServers.Server s, String describe) {
    for (NginxNode d : s.block().block()) {
      NginxNode r = redirect(d);
      if (r != null) return directive(r, describe);
      if (d.hasBlock() && (d.name().equals("if") || (d.name().equals("location") && d.args().equals(List.of("/"))))) {
        for (NginxNode inner : d.block()) {
          NginxNode ri = redirect(inner);
          if (ri != null) return directive(ri, describe + " > " + d.name() + " " + String.join(" ", d.args()));
        }
      }
    }
    return null;
  }

  private static @Nullable NginxNode redirect(NginxNode d) {
    if (d.name().equals("return") && d.args().size() == 2 && d.arg(0).matches("30[1278]") && d.arg(1).startsWith("https://")) return d;
    if (d.name().equals("rewrite") && d.args().size() >= 2 && d.arg(1).startsWith("https://")) return d;
    return null;
  }

  private static @Nullable NginxDirective last(List<NginxNode> nodes, String context) {
    return nodes.isEmpty() ? null : directive(nodes.get(nodes.size() - 1), context);
  }

  private static List<NginxDirective> directives(List<NginxNode> nodes, String context) {
    return nodes.stream().map(n -> directive(n, context)).toList();
  }

  static NginxDirective directive(NginxNode n, String context) {
    return new NginxDirective(n.name(), n.args(), n.text(), context, at(n));
  }

  static Location at(NginxNode n) {
    return new Location.FileLine(n.file(), n.line(), n.column());
  }
}
