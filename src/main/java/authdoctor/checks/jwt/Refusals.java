package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.check.CheckContext;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The verifier's own word: an API that refused the token and said why in its {@code WWW-Authenticate}
 * challenge. A token check uses it when the token and the keys seen from outside do not show the cause
 * (the API expects another issuer, pins other keys, accepts other algorithms, runs another clock).
 */
public final class Refusals {
  private Refusals() {}

  /** One evidence per API refusal for {@code reason}, located at the refused request. */
  public static List<Evidence> evidence(Observations o, BearerRefusal.Reason reason, CheckContext ctx) {
    List<Evidence> out = new ArrayList<>();
    for (BearerRefusal r : o.of(BearerRefusal.class)) {
      if (r.reason() != reason) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("API", ctx.redactor().url(r.url().toString()));
      facts.put("status", String.valueOf(r.status()));
      if (r.error() != null) facts.put("error", r.error());
      if (r.description() != null) facts.put("the API says", ctx.redactor().scrub(r.description()));
      out.add(ctx.evidence(r, "header", "WWW-Authenticate", ctx.redactor().header("WWW-Authenticate", r.challenge()),
          facts));
    }
    return out;
  }

  /**
   * The check's finding from the token, with the APIs' refusals for {@code reason} added as evidence;
   * a finding from the refusals alone when the token showed nothing.
   */
  public static List<Finding> withApiWord(
      List<Finding> fromToken, Observations o, BearerRefusal.Reason reason, CheckContext ctx) {
    List<Evidence> said = evidence(o, reason, ctx);
    if (said.isEmpty()) return fromToken;
    List<Evidence> all = new ArrayList<>();
    for (Finding f : fromToken) all.addAll(f.evidence());
    all.addAll(said);
    return List.of(ctx.finding(all));
  }
}
