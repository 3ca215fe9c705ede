package authdoctor.checks.app;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.check.CheckContext;
import authdoctor.observation.AppSetting;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.NginxServer;
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
 * An application setting's value in production: a literal as written, an environment lookup by the value
 * the deployment files give the variable (each distinct one), else its fallback. A computed value has
 * none: the reader already said it could not determine it.
 */
public final class InEffect {
  private InEffect() {}

  /**
   * One value a setting takes.
   *
   * @param value the value
   * @param setting the application's setting
   * @param from the deployment line that gives it, null when the application's line does
   */
  public record Resolved(String value, AppSetting setting, @Nullable DeploySetting from) {}

  /** The values {@code s} takes in production (none when computed or unset). */
  public static List<Resolved> values(Observations observations, AppSetting s) {
    return switch (s.value()) {
      case AppSetting.Value.Literal(String text) -> List.of(new Resolved(text, s, null));
      case AppSetting.Value.FromEnv(String variable, String fallback) -> {
        Map<String, Resolved> out = new LinkedHashMap<>();
        for (DeploySetting d : observations.of(DeploySetting.class)) {
          if (d.key().equals(variable) && d.literal()) out.putIfAbsent(d.value(), new Resolved(d.value(), s, d));
        }
        if (out.isEmpty() && fallback != null) out.put(fallback, new Resolved(fallback, s, null));
        yield List.copyOf(out.values());
      }
      default -> List.of();
    };
  }

  /** The values of every setting of {@code concept}. */
  public static List<Resolved> all(Observations observations, AppSetting.Concept concept) {
    List<Resolved> out = new ArrayList<>();
    for (AppSetting s : observations.of(AppSetting.class)) if (s.concept() == concept) out.addAll(values(observations, s));
    return out;
  }

  /** The primary evidence: the application's line, with the value in effect and where it comes from. */
  public static Evidence primary(CheckContext ctx, Resolved r, String note) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("framework", r.setting().framework());
    if (r.from() != null) facts.put("in effect", r.from().excerpt(ctx.redactor()).text() + " (" + where(r.from().location()) + ")");
    if (r.setting().assumption() != null) facts.put("assumed", r.setting().assumption());
    facts.put("note", note);
    return ctx.evidence(r.setting(), "config", r.setting().key() + " in " + r.setting().file(), r.setting().excerpt(ctx.redactor()), facts);
  }

  /** The primary evidence, then the deployment line that sets its value (when one does), as related. */
  public static List<Evidence> withSource(CheckContext ctx, Resolved r, String note) {
    List<Evidence> out = new ArrayList<>();
    Evidence p = primary(ctx, r, note);
    out.add(p);
    if (r.from() != null) {
      out.add(related(ctx.evidence(r.from(), "config", r.from().key() + " in " + r.from().file(), r.from().excerpt(ctx.redactor())), p));
    }
    return out;
  }

  /** Evidence from the other layer, shown as related to {@code primary}. */
  public static Evidence related(Evidence e, Evidence primary) {
    Map<String, String> facts = new LinkedHashMap<>(e.facts());
    facts.put(Evidence.RELATED_TO, where(primary.location()));
    return new Evidence(e.kind(), e.subject(), e.excerpt(), e.location(), facts);
  }

  /** A setting of another concept shown as related evidence. */
  public static Evidence related(CheckContext ctx, AppSetting s, Evidence primary) {
    return related(ctx.evidence(s, "config", s.key() + " in " + s.file(), s.excerpt(ctx.redactor())), primary);
  }

  /** An nginx server shown as related evidence. */
  public static Evidence related(CheckContext ctx, NginxServer s, Evidence primary) {
    String listens = String.join(" ", s.listens().stream().map(l -> l.port() + (l.tls() ? " ssl" : "")).toList());
    return related(ctx.evidence(s, "config", "nginx server " + String.join(" ", s.names()),
        ctx.redactor().plain("server_name " + String.join(" ", s.names()) + "; listen " + listens)), primary);
  }

  static String where(@Nullable Location l) {
    return l instanceof Location.FileLine f ? f.file() + ":" + f.line() : "";
  }

  /** Host names nginx serves by name (no regex, no catch-all {@code _}), lower case. */
  public static Set<String> hosts(NginxServer s) {
    Set<String> out = new LinkedHashSet<>();
    for (String n : s.names()) {
      if (n.isEmpty() || n.startsWith("~") || n.equals("_") || n.equals("localhost")) continue;
      out.add(n.toLowerCase(Locale.ROOT));
    }
    return out;
  }

  /** The origins a server answers on ({@code https://app.example.com}, {@code https://app.example.com:8443}). */
  public static Set<String> origins(NginxServer s) {
    Set<String> out = new LinkedHashSet<>();
    for (String h : hosts(s)) {
      if (h.startsWith("*.") || h.startsWith(".")) continue;
      for (authdoctor.nginx.Listen l : s.listens()) {
        String scheme = l.tls() ? "https" : "http";
        boolean standard = l.port() == (l.tls() ? 443 : 80);
        out.add(scheme + "://" + h + (standard ? "" : ":" + l.port()));
      }
    }
    return out;
  }

  /** An origin as the browser sends it: scheme, host and a non-default port, lower case, no path. */
  public static @Nullable String origin(String url) {
    try {
      java.net.URI u = new java.net.URI(url.strip());
      if (u.getScheme() == null || u.getHost() == null) return null;
      String scheme = u.getScheme().toLowerCase(Locale.ROOT);
      int port = u.getPort();
      boolean standard = port < 0 || port == (scheme.equals("https") ? 443 : 80);
      return scheme + "://" + u.getHost().toLowerCase(Locale.ROOT) + (standard ? "" : ":" + port);
    } catch (java.net.URISyntaxException e) {
      return null;
    }
  }

  /** A comma-separated list of a setting's value. */
  public static List<String> list(String value) {
    List<String> out = new ArrayList<>();
    for (String v : value.split(",")) if (!v.isBlank()) out.add(v.strip());
    return out;
  }
}
