package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import authdoctor.nginx.Listen;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One nginx virtual server ({@code server} block): its names and listens, whether it redirects plain
 * http to https, the {@code add_header}s in effect at its top, and what says it sits behind another proxy.
 *
 * @param config the main file of the configuration it belongs to
 * @param describe how evidence names it ({@code server app.example.com :443 ssl})
 * @param names its {@code server_name}s
 * @param listens its listens (nginx's implicit {@code *:80} when none)
 * @param block the {@code server} line
 * @param httpsRedirect the {@code return}/{@code rewrite} that sends requests to {@code https://}, at the
 *     server level, in {@code location /}, or in an {@code if ($scheme = http)}; null when none
 * @param addHeaders the {@code add_header}s in effect at the server level (inherited from {@code http})
 * @param behindProxy {@code set_real_ip_from}/{@code real_ip_header} in effect: it trusts a proxy in front
 * @param underscores {@code underscores_in_headers} in effect, null when not set (off)
 * @param location the {@code server} line
 */
public record NginxServer(
    String config,
    String describe,
    List<String> names,
    List<Listen> listens,
    NginxDirective block,
    @Nullable NginxDirective httpsRedirect,
    List<NginxDirective> addHeaders,
    List<NginxDirective> behindProxy,
    @Nullable NginxDirective underscores,
    Location location)
    implements Observation {
  public NginxServer {
    requireNonNull(config);
    requireNonNull(describe);
    names = List.copyOf(names);
    listens = List.copyOf(listens);
    requireNonNull(block);
    addHeaders = List.copyOf(addHeaders);
    behindProxy = List.copyOf(behindProxy);
    requireNonNull(location);
  }

  public boolean tls() {
    return listens.stream().anyMatch(Listen::tls);
  }

  public boolean plain() {
    return listens.stream().anyMatch(l -> !l.tls());
  }

  /** Whether a listen of this server is on {@code port}. */
  public boolean listensOn(int port) {
    return listens.stream().anyMatch(l -> l.port() == port);
  }
}
