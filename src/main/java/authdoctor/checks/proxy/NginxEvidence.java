package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.NginxDirective;
import authdoctor.observation.NginxProxyRoute;
import authdoctor.observation.NginxServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evidence from nginx configuration, shared by the {@code …InNginx} detectors: a directive at its line. */
public final class NginxEvidence {
  private NginxEvidence() {}

  /** The directive a person would change, with what it is about. */
  public static Evidence at(CheckContext ctx, NginxDirective d, String subject, String note) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("in", d.context());
    if (!note.isEmpty()) facts.put("note", note);
    return ctx.evidence(d, "config", subject, d.excerpt(ctx.redactor()), facts);
  }

  /** The {@code proxy_pass} of a location where something is missing. */
  public static Evidence route(CheckContext ctx, NginxProxyRoute r, String note) {
    return at(ctx, r.proxyPass(), subject(r), note);
  }

  /** {@code app.example.com location /api/}. */
  public static String subject(NginxProxyRoute r) {
    return host(r.server()) + " location " + r.path();
  }

  public static String host(NginxServer s) {
    return s.names().isEmpty() ? "server" : s.names().get(0);
  }
}
