package authdoctor.collect.har;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Lost;
import authdoctor.Report;
import authdoctor.Severity;
import authdoctor.Unexplained;
import authdoctor.check.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Once the checks ran over a replayed recording: the entry where the session was lost ({@link Symptom}),
 * the entry of the error finding that explains it, and, when none does, the unexplained report that leads
 * instead of a clean bill. A finding explains a loss when it is an error of the loss's areas with evidence at
 * or before the lost entry (a token claim counts at the entry that first sent the token).
 */
public final class HarDiagnosis {
  private HarDiagnosis() {}

  /** The report with its trace (the lost entry and its cause marked), {@code lost} and, if unexplained, why not. */
  public static Report finish(Report report, HarCollector.Result replay) {
    Symptom s = replay.symptom();
    if (s == null) return report.withLoss(HarSteps.of(replay.views(), null), null, null);
    Integer cause = cause(s, report.findings(), areas(s.kind()));
    Lost lost = new Lost(s.entry(), cause, s.kind());
    Unexplained u = null;
    if (cause == null) {
      u = new Unexplained(s.entry() + 1, s.what(), ruledOut(s, replay, report.outcomes()), next(s, replay),
          "HAR entry " + s.entry());
    }
    return report.withLoss(HarSteps.of(replay.views(), lost), u, lost);
  }

  /** The catalog areas that can explain each kind of loss (as {@code FailedFlow} reads the probe's). */
  static List<String> areas(Lost.Kind kind) {
    return switch (kind) {
      case LOGIN_FAILED -> List.of("csrf.", "cors.", "proxy.", "cookie.", "redirect.");
      case SESSION_NEVER_ESTABLISHED, SESSION_DROPPED -> List.of("cookie.", "session.", "proxy.", "redirect.", "cors.",
          "oauth.");
      case TOKEN_REJECTED -> List.of("jwt.", "clock.", "proxy.authorization-stripped", "cors.");
      case SESSION_SURVIVES_LOGOUT -> List.of("session.logout-", "proxy.auth-response-cached", "cookie.");
      case FOREIGN_SESSION -> List.of("proxy.set-cookie-cached", "proxy.auth-response-cached");
    };
  }

  /** The earliest entry, at or before the loss, of the first error finding (root cause first) of the loss's areas. */
  static @Nullable Integer cause(Symptom s, List<Finding> findings, List<String> areas) {
    for (Finding f : findings) {
      if (f.severity() != Severity.ERROR || areas.stream().noneMatch(a -> f.id().startsWith(a))) continue;
      Integer best = null;
      for (Evidence e : f.evidence()) {
        Integer at = switch (e.location()) {
          case Location.HarEntryRef h -> h.entry() <= s.entry() ? h.entry() : null;
          case Location.ClaimRef c -> s.tokenEntry() != null ? s.tokenEntry() : s.entry();
          case null, default -> null;
        };
        if (at != null && (best == null || at < best)) best = at;
      }
      if (best != null) return best;
    }
    return null;
  }

  private static List<String> ruledOut(Symptom s, HarCollector.Result replay, List<Outcome> outcomes) {
    List<String> out = new ArrayList<>();
    if (replay.export().sanitized()) {
      out.add("nothing about cookies: the export is sanitized (no Cookie, Set-Cookie or Authorization), so no cookie "
          + "verdict can be read from it");
    } else if (s.sessionSent() != null) {
      out.add("the browser: " + s.sessionSent() + ", as the cookie model expected; the server no longer accepted it");
    }
    List<String> clean = new ArrayList<>();
    for (Outcome o : outcomes) {
      if (o instanceof Outcome.Ran r && r.findings() == 0 && areas(s.kind()).stream().anyMatch(a -> r.id().startsWith(a))) {
        clean.add(r.id());
      }
    }
    if (!clean.isEmpty() && !replay.export().sanitized()) out.add("checks that found nothing: " + String.join(", ", clean));
    return out;
  }

  private static List<String> next(Symptom s, HarCollector.Result replay) {
    List<String> out = new ArrayList<>();
    // Where the browser did other than the cookie model says, up to the loss: the likeliest place to look.
    int shown = 0;
    for (HarSteps.View v : replay.views()) {
      if (v.entry() > s.entry() || shown >= 3) break;
      for (String d : v.differences()) {
        if (shown++ < 3) out.add("HAR entry " + v.entry() + ", where the recording differs from the cookie model: " + d);
      }
    }
    if (replay.export().sanitized()) {
      out.add("export the HAR again with sensitive data from a test account (authdoctor explain har.sanitized), then "
          + "authdoctor har FILE --sanitize SAFE.har before sharing it");
    }
    switch (s.kind()) {
      case SESSION_DROPPED, SESSION_NEVER_ESTABLISHED -> {
        out.add("a server-side cause the recording cannot show: instances with different secrets or stores "
            + "(authdoctor probe URL --instance URL for each backend), sessions lost on restart (--restart-command), "
            + "an evicting store (--store redis://…)");
        out.add("the server's log for the request of HAR entry " + s.entry());
      }
      case LOGIN_FAILED -> {
        out.add("the server's log for the login of HAR entry " + s.entry());
        out.add("the same sign-in live: authdoctor probe URL --login PATH --user USER --password-env VAR");
      }
      case TOKEN_REJECTED -> {
        out.add("the token against the verifier's keys and settings: authdoctor jwt - --oidc-issuer URL (or --jwks-url, "
            + "--issuer, --audience)");
        out.add("the API's log for the request of HAR entry " + s.entry());
      }
      case SESSION_SURVIVES_LOGOUT, FOREIGN_SESSION -> out.add("the same flow live: authdoctor probe URL --logout PATH");
    }
    return out;
  }
}
