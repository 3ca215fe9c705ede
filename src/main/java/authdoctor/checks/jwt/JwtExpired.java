package authdoctor.checks.jwt;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt.expired}: the current time is after {@code exp} plus the leeway (RFC 7519 §4.1.4: "MUST NOT
 * be accepted for processing on or after" {@code exp}; verifiers allow a small skew).
 */
@CheckSpec(id = "jwt.expired", severity = Severity.ERROR, needs = JwtToken.class)
public final class JwtExpired implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.EXPIRED, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    Instant exp = token.expiresAt();
    if (exp == null) return List.of();
    Instant now = ctx.clock().instant();
    Duration leeway = TokenTimes.leeway(observations);
    // e.g. exp 09:40:00, leeway 60 s, now 10:00:00 → refused since 09:41:00
    if (!now.isAfter(exp.plus(leeway))) return List.of();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("exp", TokenTimes.numericDate(exp));
    if (token.issuedAt() != null) {
      facts.put("iat", TokenTimes.numericDate(token.issuedAt()));
      facts.put("lifetime", TokenTimes.span(Duration.between(token.issuedAt(), exp)));
    }
    facts.put("now", TokenTimes.utc(now) + " (" + TokenTimes.reference(observations) + ")");
    facts.put("leeway", TokenTimes.span(leeway));
    facts.put("expired", TokenTimes.relative(exp, now));
    String text = "exp: " + TokenTimes.numericDate(exp) + ", expired " + TokenTimes.relative(exp, now);
    return List.of(
        ctx.finding(ctx.claim(token, "exp", "exp", ctx.redactor().plain(text), facts)));
  }
}
