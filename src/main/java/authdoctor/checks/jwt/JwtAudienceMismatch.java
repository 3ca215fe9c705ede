package authdoctor.checks.jwt;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtExpectation;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt.audience-mismatch}: the expected audience is not among the token's {@code aud} values (RFC
 * 7519 §4.1.3). An absent {@code aud} is {@code jwt.missing-claim}. Says when the token looks like an
 * OIDC ID token ({@code nonce} or {@code at_hash}, OIDC Core §2), the usual cause.
 */
@CheckSpec(id = "jwt.audience-mismatch", severity = Severity.ERROR, needs = {JwtToken.class, JwtExpectation.class})
public final class JwtAudienceMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.AUDIENCE, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    String expected = observations.first(JwtExpectation.class).orElseThrow().audience();
    if (expected == null || token.audience().isEmpty() || token.audience().contains(expected)) return List.of();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("aud", String.join(", ", token.audience()));
    token.claimText("azp").ifPresent(azp -> facts.put("azp", azp));
    facts.put("expected", expected);
    boolean idToken = token.has("nonce") || token.has("at_hash");
    facts.put("looks like an ID token", idToken ? "yes (" + (token.has("nonce") ? "nonce" : "at_hash") + ")" : "no");
    String text = "aud: " + token.audience() + " does not contain \"" + expected + "\"";
    return List.of(
        ctx.finding(ctx.claim(token, "aud", "aud", ctx.redactor().plain(text), facts)));
  }
}
