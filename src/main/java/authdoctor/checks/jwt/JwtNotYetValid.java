package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import authdoctor.observation.ServerClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * {@code jwt.not-yet-valid}: {@code nbf} (RFC 7519 §4.1.5) or {@code iat} (§4.1.6) lies after the current
 * time plus the leeway. An {@code iat} in the future means the issuer's clock is ahead; PyJWT and others
 * refuse such tokens.
 */
@CheckSpec(id = "jwt.not-yet-valid", severity = Severity.ERROR, needs = JwtToken.class)
public final class JwtNotYetValid implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.NOT_YET_VALID, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    Instant now = ctx.clock().instant();
    Duration leeway = TokenTimes.leeway(observations);
    List<Evidence> evidence = new ArrayList<>();
    add("nbf", token.notBefore(), now, leeway, observations, ctx, evidence);
    add("iat", token.issuedAt(), now, leeway, observations, ctx, evidence);
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }

  private static void add(
      String claim, @Nullable Instant t, Instant now, Duration leeway, Observations o, CheckContext ctx, List<Evidence> out) {
    // e.g. iat 10:05:00, now 10:00:00, leeway 60 s → 4 min beyond what the verifier tolerates
    if (t == null || !t.isAfter(now.plus(leeway))) return;
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put(claim, TokenTimes.numericDate(t));
    facts.put("now", TokenTimes.utc(now) + " (" + TokenTimes.reference(o) + ")");
    facts.put("leeway", TokenTimes.span(leeway));
    facts.put("ahead by", TokenTimes.span(Duration.between(now, t)));
    for (ServerClock c : o.of(ServerClock.class)) {
      facts.put("Date of " + ctx.redactor().url(c.url().toString()), c.bestSample().dateHeader());
    }
    String text = claim + ": " + TokenTimes.numericDate(t) + ", " + TokenTimes.relative(t, now);
    out.add(ctx.claim(o.first(JwtToken.class).orElseThrow(), claim, claim, ctx.redactor().plain(text), facts));
  }
}
