package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * A Python app server's forwarded-header trust, from its command line or {@code gunicorn.conf.py}:
 * gunicorn ({@code --forwarded-allow-ips}, {@code forwarded_allow_ips}, {@code proxy_allow_ips}) or
 * uvicorn ({@code --proxy-headers}, {@code --forwarded-allow-ips}). Both fall back to the {@code
 * FORWARDED_ALLOW_IPS} variable, then to {@code 127.0.0.1} (gunicorn: {@code 127.0.0.1,::1}): out of the
 * box they believe {@code X-Forwarded-Proto} only from a proxy on the same host.
 *
 * @param server {@code gunicorn} or {@code uvicorn}
 * @param file the file, relative to the scanned root
 * @param instance the process it runs as ({@link DeployProcess#name}), null for a configuration file
 * @param bind the address it listens on as given ({@code 0.0.0.0:8000}, {@code unix:/run/app.sock}), null when not given
 * @param trusted the peers it believes forwarded headers from, as given ({@code *}, {@code 10.0.0.0/8}),
 *     null for the default (the same host only)
 * @param trustedAt the option, assignment or variable that sets {@code trusted}, null when it is the default
 * @param proxyHeaders false when forwarded headers are switched off ({@code uvicorn --no-proxy-headers})
 * @param published the host ports its instance publishes ({@link DeployProcess#published})
 * @param location the command line or configuration file line it comes from
 */
public record AppServer(
    String server,
    String file,
    @Nullable String instance,
    @Nullable String bind,
    @Nullable String trusted,
    @Nullable Location trustedAt,
    boolean proxyHeaders,
    List<String> published,
    Location location)
    implements Observation {
  public AppServer {
    requireNonNull(server);
    requireNonNull(file);
    published = List.copyOf(published);
    requireNonNull(location);
  }

  /** Whether it believes forwarded headers from any peer ({@code *}). */
  public boolean trustsAnyone() {
    return proxyHeaders && trusted != null && List.of(trusted.split("[,\\s]+")).contains("*");
  }

  /** Whether it believes forwarded headers only from its own host (the default, or loopback addresses only). */
  public boolean trustsOnlyItsHost() {
    if (!proxyHeaders) return true;
    if (trusted == null) return true;
    for (String a : trusted.split("[,\\s]+")) {
      if (a.isEmpty()) continue;
      if (!(a.startsWith("127.") || a.equals("::1") || a.toLowerCase(Locale.ROOT).equals("localhost"))) return false;
    }
    return true;
  }

  /** The port it listens on, or -1 (a unix socket, or not given). */
  public int port() {
    if (bind == null || bind.startsWith("unix:") || bind.startsWith("fd://")) return -1;
    int colon = bind.lastIndexOf(':');
    try {
      return Integer.parseInt(colon >= 0 ? bind.substring(colon + 1) : bind);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** Whether it listens on every interface ({@code 0.0.0.0}, {@code [::]}, or a bare port). */
  public boolean listensEverywhere() {
    if (bind == null || port() < 0) return false;
    int colon = bind.lastIndexOf(':');
    String host = colon >= 0 ? bind.substring(0, colon) : "";
    return host.isEmpty() || host.equals("0.0.0.0") || host.equals("[::]") || host.equals("::") || host.equals("*");
  }
}
