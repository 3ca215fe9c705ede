package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.DeploySetting.Format;
import authdoctor.observation.Observations;
import authdoctor.observation.ServiceName;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * {@code session.store-unreachable} in deployment files: a service of a docker compose file (or a
 * Kubernetes container) is pointed at a session store ({@code REDIS_URL=redis://cache:6379},
 * {@code REDIS_HOST}, {@code SPRING_DATA_REDIS_HOST}, …) by a host name no service of its deployment
 * defines — a renamed service, a typo — so the name does not resolve and every login that saves a session
 * fails. Names with a dot (an external store: {@code redis.example.com}), IP addresses, {@code localhost}
 * and values built from variables are left alone. Points at the setting; the file's services are listed.
 */
@CheckSpec(id = "session.store-unreachable", severity = Severity.ERROR, needs = {DeploySetting.class, ServiceName.class})
public final class SessionStoreUnreachableInDeploy implements Check {
  /** Settings that name a session store: a URL or a host. */
  private static final Pattern KEY = Pattern.compile(
      "(?i)([A-Z0-9_]*_)?(REDIS|VALKEY|KEYDB|MEMCACHED?|SESSION_STORE|SESSION_REDIS)(_[A-Z0-9]+)*_(URL|URI|HOST|HOSTNAME|ADDR|ADDRESS|SERVER)");
  private static final Pattern URL_HOST = Pattern.compile("(?i)^[a-z][a-z0-9+.-]*://(?:[^@/]*@)?(\\[[^]]*]|[^:/?#,]+)");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Map<String, Set<String>> defined = new LinkedHashMap<>(); // file → the names it defines
    Set<String> all = new TreeSet<>();
    for (ServiceName n : observations.of(ServiceName.class)) {
      defined.computeIfAbsent(n.file(), k -> new TreeSet<>()).add(n.name().toLowerCase(Locale.ROOT));
      all.add(n.name().toLowerCase(Locale.ROOT));
    }
    List<Evidence> out = new ArrayList<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (s.instance() == null || !KEY.matcher(s.key()).matches()) continue;
      // The service's own deployment: a compose file's services (its env_file settings too), or every Kubernetes Service read.
      Set<String> names = s.format() == Format.KUBERNETES ? all : composeNames(s, observations, defined);
      if (names == null || names.isEmpty()) continue;
      String host = host(s.value());
      if (host == null) continue;
      String name = s.format() == Format.KUBERNETES && kubernetesForm(host) ? host.split("\\.")[0] : host;
      if (name.contains(".") || names.contains(name)) continue; // an external store, or one of the deployment's
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("store host", host);
      facts.put("services defined", String.join(", ", names));
      out.add(ctx.evidence(s, "config", s.key() + " of " + s.instance(), s.excerpt(ctx.redactor()), facts));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  /** The names of the compose file that gave this setting to its service, or null when no compose file did. */
  private static @Nullable Set<String> composeNames(DeploySetting s, Observations observations, Map<String, Set<String>> defined) {
    if (s.format() == Format.COMPOSE) return defined.get(s.file());
    for (authdoctor.observation.DeployProcess p : observations.of(authdoctor.observation.DeployProcess.class)) {
      if (p.source() == Format.COMPOSE && p.name().equals(s.instance()) && defined.containsKey(p.file())) return defined.get(p.file());
    }
    return null;
  }

  /** {@code name.namespace}, {@code name.namespace.svc}, {@code name.namespace.svc.cluster.local}. */
  private static boolean kubernetesForm(String host) {
    String[] labels = host.split("\\.");
    return labels.length == 2 || host.endsWith(".svc") || host.endsWith(".svc.cluster.local");
  }

  /** The host of a store URL or a host setting ({@code cache:6379}), lower case; null when it is built from variables, an address or local. */
  static @Nullable String host(String value) {
    String v = value.strip();
    if (v.isEmpty() || v.contains("$") || v.contains("{{") || v.contains("`")) return null;
    Matcher m = URL_HOST.matcher(v);
    String host = m.find() ? m.group(1) : v.split("[:/,\\s]", 2)[0];
    host = host.toLowerCase(Locale.ROOT);
    if (host.isEmpty() || host.startsWith("[") || host.equals("localhost") || host.matches("[0-9.]+")) return null;
    return host;
  }
}
