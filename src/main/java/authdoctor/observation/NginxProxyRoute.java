package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * One place an nginx server proxies (a {@code location}, or an {@code if} inside one, with its own
 * {@code proxy_pass}), with the directives in effect there after nginx's inheritance: an outer level's
 * {@code proxy_set_header}s (and every other directive) apply only when no inner level declares any.
 *
 * @param config the main file of the configuration it belongs to
 * @param server the server it is in
 * @param path the location's match as written ({@code /app/}, {@code = /login})
 * @param block the {@code location} (or {@code if}) line
 * @param proxyPass the {@code proxy_pass} line
 * @param upstreams the addresses the request goes to ({@code 127.0.0.1:8000}): the {@code proxy_pass}
 *     host, or the {@code server}s of the {@code upstream} block it names
 * @param strippedPrefix the path prefix nginx removes before proxying (location {@code /app/} with
 *     {@code proxy_pass http://app/}, or a {@code rewrite} that drops it), null when none
 * @param effective the directives in effect here, by name (only those that apply: the innermost level's)
 * @param shadowed by name, the outer level's directives that do not apply here because this location (or
 *     a level between) declares its own
 * @param location the {@code proxy_pass} line
 */
public record NginxProxyRoute(
    String config,
    NginxServer server,
    String path,
    NginxDirective block,
    NginxDirective proxyPass,
    List<String> upstreams,
    @Nullable String strippedPrefix,
    Map<String, List<NginxDirective>> effective,
    Map<String, List<NginxDirective>> shadowed,
    Location location)
    implements Observation {
  public NginxProxyRoute {
    requireNonNull(config);
    requireNonNull(server);
    requireNonNull(path);
    requireNonNull(block);
    requireNonNull(proxyPass);
    upstreams = List.copyOf(upstreams);
    effective = copy(effective);
    shadowed = copy(shadowed);
    requireNonNull(location);
  }

  private static Map<String, List<NginxDirective>> copy(Map<String, List<NginxDirective>> m) {
    Map<String, List<NginxDirective>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, List.copyOf(v)));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** The directives named {@code name} in effect here, in order; empty when nginx's default applies. */
  public List<NginxDirective> effective(String name) {
    return effective.getOrDefault(name, List.of());
  }

  /** The outer {@code name} directives this location does not inherit. */
  public List<NginxDirective> shadowed(String name) {
    return shadowed.getOrDefault(name, List.of());
  }

  /**
   * The last {@code proxy_set_header} for {@code header} in effect, or null when it is not set here (nginx
   * then passes the client's header through, except {@code Host}, which becomes {@code $proxy_host}).
   */
  public @Nullable NginxDirective setsHeader(String header) {
    NginxDirective found = null;
    for (NginxDirective d : effective("proxy_set_header")) if (d.names(header)) found = d;
    return found;
  }

  /** The last directive named {@code name} in effect, or null. */
  public @Nullable NginxDirective last(String name) {
    List<NginxDirective> all = effective(name);
    return all.isEmpty() ? null : all.get(all.size() - 1);
  }
}
