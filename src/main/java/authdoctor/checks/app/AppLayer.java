package authdoctor.checks.app;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.AppServer;
import authdoctor.observation.AppSetting;
import authdoctor.observation.AppSetting.Concept;
import authdoctor.observation.AppSetting.Value;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * An application's settings joined with the layers around it, for the cross-layer detectors: a setting's
 * value as production sees it (an environment lookup answered by the deployment files), the nginx
 * routes that reach the app and the app server (gunicorn, uvicorn) those routes reach. Reads only
 * {@link AppSetting}s and the deployment and nginx observations, never a framework's own spelling.
 */
public final class AppLayer {
  private AppLayer() {}

  /** The settings of one concept, in the order read. */
  public static List<AppSetting> settings(Observations observations, Concept concept) {
    return observations.of(AppSetting.class).stream().filter(s -> s.concept() == concept).toList();
  }

  /** The frameworks whose settings were read. */
  public static Set<String> frameworks(Observations observations) {
    Set<String> out = new LinkedHashSet<>();
    for (AppSetting s : observations.of(AppSetting.class)) out.add(s.framework());
    return out;
  }

  /**
   * The value production runs with: a literal as written; an environment lookup answered by the one value
   * the deployment files give the variable, else its default; null when that is not known (a value
   * generated at start, computed, a variable the files give several values, or none and no default).
   */
  public static @Nullable String value(AppSetting s, Observations observations) {
    return switch (s.value()) {
      case Value.Literal(String text) -> text;
      case Value.FromEnv(String variable, String fallback) -> {
        String given = null;
        boolean several = false;
        for (DeploySetting d : observations.of(DeploySetting.class)) {
          if (!d.key().equals(variable) || d.format() == DeploySetting.Format.REDIS) continue;
          if (given != null && !given.equals(d.value())) several = true;
          given = d.value();
        }
        yield several ? null : given != null ? given : fallback;
      }
      case Value.Generated g -> null;
      case Value.Computed c -> null;
    };
  }

  /** The deployment line that gives an environment lookup its value, or null (a literal, or the default applies). */
  public static @Nullable DeploySetting givenBy(AppSetting s, Observations observations) {
    if (!(s.value() instanceof Value.FromEnv(String variable, String fallback))) return null;
    for (DeploySetting d : observations.of(DeploySetting.class)) if (d.key().equals(variable) && d.format() != DeploySetting.Format.REDIS) return d;
    return null;
  }

  /** A boolean value in any framework's or environment's spelling; null when it is not one. */
  public static @Nullable Boolean truth(@Nullable String value) {
    if (value == null) return null;
    return switch (value.strip().toLowerCase(Locale.ROOT)) {
      case "true", "1", "yes", "on" -> true;
      case "false", "0", "no", "off", "" -> false;
      default -> null;
    };
  }

  /** A hop count ({@code 1}), or -1 when the value is not a number. */
  public static int count(@Nullable String value) {
    if (value == null) return -1;
    try {
      return Integer.parseInt(value.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The setting as evidence at its line: the line to change. */
  public static Evidence at(CheckContext ctx, AppSetting s, String note) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("framework", s.framework());
    if (!note.isEmpty()) facts.put("note", note);
    if (s.assumption() != null) facts.put("assumed", s.assumption());
    return ctx.evidence(s, "config", s.framework() + " " + s.key(), s.excerpt(ctx.redactor()), facts);
  }

  /**
   * An nginx route to the app, with the app server it reaches (null when the tree starts none that
   * matches: the app is then taken to be what every route proxies to).
   */
  public record Route(NginxProxyRoute route, @Nullable AppServer server, String upstream) {
    /** Whether nginx connects from the app server's own host (a loopback upstream or a unix socket). */
    public boolean sameHost() {
      String h = host(upstream);
      return upstream.startsWith("unix:") || h.equals("localhost") || h.startsWith("127.") || h.equals("[::1]");
    }

    /** How many proxies are in front of the app: nginx, and one more when nginx trusts one in front of it. */
    public int proxies() {
      return route.server().behindProxy().isEmpty() ? 1 : 2;
    }
  }

  /**
   * The nginx routes that reach the app: those whose upstream is one of the tree's app servers (by
   * service name or port) when it starts any, else every proxying route (one app per tree).
   */
  public static List<Route> routes(Observations observations) {
    List<AppServer> servers = observations.of(AppServer.class);
    List<Route> out = new ArrayList<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      for (String u : r.upstreams()) {
        if (servers.isEmpty()) {
          out.add(new Route(r, null, u));
          break;
        }
        AppServer a = reached(u, servers);
        if (a != null) {
          out.add(new Route(r, a, u));
          break;
        }
      }
    }
    return out;
  }

  private static @Nullable AppServer reached(String upstream, List<AppServer> servers) {
    if (upstream.startsWith("unix:")) {
      for (AppServer a : servers) if (a.bind() != null && a.bind().equals(upstream)) return a;
      return null;
    }
    String host = host(upstream);
    int port = port(upstream);
    for (AppServer a : servers) {
      String service = a.instance() == null ? "" : a.instance().replaceFirst("/.*", "").toLowerCase(Locale.ROOT);
      if (host.equals(service) || (port > 0 && port == a.port())) return a;
    }
    return null;
  }

  static String host(String upstream) {
    int colon = upstream.lastIndexOf(':');
    return (colon > 0 && !upstream.endsWith("]") ? upstream.substring(0, colon) : upstream).toLowerCase(Locale.ROOT);
  }

  private static int port(String upstream) {
    int colon = upstream.lastIndexOf(':');
    try {
      return colon > 0 ? Integer.parseInt(upstream.substring(colon + 1)) : 80;
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Whether the app server itself applies the scheme nginx sends (gunicorn and uvicorn set it from
   * {@code X-Forwarded-Proto} when the peer is one they trust): then the app need not trust it.
   */
  public static boolean serverApplies(Route r) {
    AppServer a = r.server();
    if (a == null || !a.proxyHeaders()) return false;
    return r.sameHost() || !a.trustsOnlyItsHost();
  }
}
