package authdoctor.nginx;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The virtual servers of a configuration (ngx_http_core_module {@code server} blocks in {@code http},
 * or at the top of a fragment that a main file includes inside {@code http}) and every place in them
 * that proxies: a {@code location} (or an {@code if} inside one) with its own {@code proxy_pass}, with the
 * levels that decide what it inherits.
 */
public final class NginxServers {
  /** Blocks whose {@code server} children are not HTTP virtual servers. */
  private static final Set<String> NOT_HTTP = Set.of("stream", "mail", "upstream", "events", "types", "map");

  private NginxServers() {}

  /** A virtual server: its block, names, listens and the levels at its top. */
  public record Server(NginxNode block, Levels levels, List<String> names, List<Listen> listens, List<Route> routes) {
    public Server {
      names = List.copyOf(names);
      listens = List.copyOf(listens);
      routes = List.copyOf(routes);
    }

    public boolean tls() {
      return listens.stream().anyMatch(Listen::tls);
    }

    public boolean plain() {
      return listens.stream().anyMatch(l -> !l.tls());
    }

    /** {@code server app.example.com :443 ssl}: how evidence names it. */
    public String describe() {
      StringBuilder sb = new StringBuilder("server ").append(names.isEmpty() ? "_" : names.get(0));
      for (Listen l : listens) sb.append(" :").append(l.port()).append(l.tls() ? " ssl" : "");
      return sb.toString();
    }
  }

  /**
   * A place that proxies.
   *
   * @param block the {@code location} (or {@code if}) holding the {@code proxy_pass}
   * @param levels its levels, innermost last
   * @param proxyPass the {@code proxy_pass} directive
   * @param path the location's match as written ({@code /app/}, {@code = /login}, {@code ~ ^/api}); for an
   *     {@code if}, its location's path
   */
  public record Route(NginxNode block, Levels levels, NginxNode proxyPass, String path) {}

  /** Every virtual server of a parsed configuration (includes already spliced in), in order. */
  public static List<Server> of(List<NginxNode> top) {
    List<Server> out = new ArrayList<>();
    collect(top, new Levels(top, List.of()), out);
    return out;
  }

  private static void collect(List<NginxNode> nodes, Levels levels, List<Server> out) {
    for (NginxNode n : nodes) {
      if (!n.hasBlock() || NOT_HTTP.contains(n.name())) continue;
      if (n.name().equals("server")) out.add(server(n, levels.enter(n)));
      else if (n.name().equals("http")) collect(n.block(), levels.enter(n), out);
    }
  }

  private static Server server(NginxNode block, Levels levels) {
    boolean sslOn = levels.effective("ssl").stream().anyMatch(s -> s.arg(0).equals("on"));
    List<Listen> listens = new ArrayList<>();
    List<String> names = new ArrayList<>();
    for (NginxNode d : block.block()) {
      if (d.name().equals("listen") && !d.args().isEmpty()) listens.add(Listen.of(d, sslOn));
      if (d.name().equals("server_name")) names.addAll(d.args());
    }
    if (listens.isEmpty()) listens.add(Listen.DEFAULT);
    List<Route> routes = new ArrayList<>();
    routes(block.block(), levels, "", routes);
    return new Server(block, levels, names, listens, routes);
  }

  private static void routes(List<NginxNode> nodes, Levels levels, String path, List<Route> out) {
    for (NginxNode n : nodes) {
      if (!n.hasBlock() || !(n.name().equals("location") || n.name().equals("if"))) continue;
      Levels inner = levels.enter(n);
      String p = n.name().equals("location") ? String.join(" ", n.args()) : path;
      for (NginxNode d : n.block()) {
        if (d.name().equals("proxy_pass")) {
          out.add(new Route(n, inner, d, p));
          break;
        }
      }
      routes(n.block(), inner, p, out);
    }
  }
}
