package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.DeploySetting;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code proxy.header-underscore-dropped} in deployment files: the app is told to read a request header
 * whose name has an underscore ({@code AUTH_HEADER=X_Auth_Token}, {@code API_KEY_HEADER=api_key} in its
 * environment), and an nginx server in the scan proxies without {@code underscores_in_headers on} (nginx's
 * default is off, and {@code ignore_invalid_headers off} is not set either): nginx drops that header, so
 * the app never sees it. Evidence: the {@code server} line (or its {@code underscores_in_headers off}),
 * with the setting as the other side.
 */
@CheckSpec(id = "proxy.header-underscore-dropped", severity = Severity.WARN, needs = {DeploySetting.class, NginxProxyRoute.class})
public final class ProxyHeaderUnderscoreDroppedInDeploy implements Check {
  /** A variable that names a header: {@code AUTH_HEADER}, {@code TOKEN_HEADER_NAME}. */
  private static final Pattern NAMES_A_HEADER = Pattern.compile("(?i).*HEADER(?:_NAME)?");
  /** An RFC 9110 §5.1 field name with an underscore, short enough to be a name rather than a value. */
  private static final Pattern UNDERSCORE_FIELD = Pattern.compile("[A-Za-z][A-Za-z0-9-]*_[A-Za-z0-9_-]*");

  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<DeploySetting> headers = new ArrayList<>();
    for (DeploySetting s : observations.of(DeploySetting.class)) {
      if (NAMES_A_HEADER.matcher(s.key()).matches() && s.value().length() <= 64 && UNDERSCORE_FIELD.matcher(s.value()).matches()) headers.add(s);
    }
    if (headers.isEmpty()) return List.of();
    List<Evidence> out = new ArrayList<>();
    Set<NginxDirective> servers = new LinkedHashSet<>();
    for (NginxProxyRoute r : observations.of(NginxProxyRoute.class)) {
      NginxDirective underscores = r.server().underscores();
      if (underscores != null && underscores.arg(0).equals("on")) continue;
      NginxDirective invalid = r.last("ignore_invalid_headers");
      if (invalid != null && invalid.arg(0).equals("off")) continue;
      NginxDirective at = underscores != null ? underscores : r.server().block();
      if (!servers.add(at)) continue;
      Evidence primary = NginxEvidence.at(ctx, at, NginxEvidence.host(r.server()),
          "nginx drops request headers with '_' in their name (underscores_in_headers is off)");
      out.add(primary);
      for (DeploySetting s : headers) {
        Evidence e = ctx.evidence(s, "config", s.key() + (s.instance() == null ? " in " + s.file() : " of " + s.instance()),
            ctx.redactor().plain(s.key() + "=" + s.value()), Map.of("note", "the app reads the header " + s.value()));
        out.add(AppServerEvidence.related(e, primary));
      }
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }
}
