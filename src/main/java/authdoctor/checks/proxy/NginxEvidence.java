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

  /**
   * The other side of a cause found at {@code primary} (the outer-level header a location loses, the TLS
   * terminator in front): evidence whose {@value #RELATED_TO} fact names the primary line, so a SARIF
   * result shows it as a related location rather than a result of its own.
   */
  public static Evidence related(CheckContext ctx, NginxDirective d, String subject, String note, NginxDirective primary) {
    Evidence e = at(ctx, d, subject, note);
    Map<String, String> facts = new LinkedHashMap<>(e.facts());
    facts.put(RELATED_TO, where(primary));
    return new Evidence(e.kind(), e.subject(), e.excerpt(), e.location(), facts);
  }

  /** The fact naming the primary evidence ({@code file:line}) a related one belongs to. */
  public static final String RELATED_TO = Evidence.RELATED_TO;

  private static String where(NginxDirective d) {
    return d.location() instanceof authdoctor.Location.FileLine f ? f.file() + ":" + f.line() : "";
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
