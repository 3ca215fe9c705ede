package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.check.CheckContext;
import authdoctor.observation.AppServer;
import java.util.LinkedHashMap;
import java.util.Map;

/** Evidence about an app server's forwarded-header trust, at the line that sets it (or its command line). */
final class AppServerEvidence {
  private AppServerEvidence() {}

  /** The line a person would change: the trust setting when one is given, else the command or configuration. */
  static Evidence at(CheckContext ctx, AppServer a, String note) {
    Evidence e = ctx.evidence(a, "config", subject(a), ctx.redactor().plain(describe(a)), Map.of("note", note));
    return a.trustedAt() == null ? e : new Evidence(e.kind(), e.subject(), e.excerpt(), a.trustedAt(), e.facts());
  }

  /** Evidence elsewhere that belongs to {@code primary} (a SARIF related location). */
  static Evidence related(Evidence e, Evidence primary) {
    Map<String, String> facts = new LinkedHashMap<>(e.facts());
    facts.put(Evidence.RELATED_TO, primary.location() instanceof Location.FileLine f ? f.file() + ":" + f.line() : "");
    return new Evidence(e.kind(), e.subject(), e.excerpt(), e.location(), facts);
  }

  static String subject(AppServer a) {
    return a.server() + (a.instance() != null ? " of " + a.instance() : " in " + a.file());
  }

  /** {@code gunicorn bind 0.0.0.0:8000, forwarded_allow_ips 127.0.0.1 (default)}. */
  static String describe(AppServer a) {
    String trust = !a.proxyHeaders() ? "proxy headers off" : a.trusted() == null ? "forwarded_allow_ips 127.0.0.1 (default)" : "forwarded_allow_ips " + a.trusted();
    return a.server() + (a.bind() != null ? " bind " + a.bind() : "") + ", " + trust;
  }
}
