package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtExpectation;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code jwt.missing-claim}: a claim (RFC 7519 §4.1) the verifier's settings require is absent: {@code exp}
 * unless the verifier accepts tokens without one ({@code --allow-no-exp}); {@code iss} and {@code aud} when
 * it expects a value for them; the user claim named by {@code --user-claim}. No claim is required by a rule
 * the verifier does not have: a token naming its user in {@code name} rather than {@code sub} is fine for a
 * verifier that reads {@code name}. An {@code exp} that is not a NumericDate counts as absent: no verifier
 * can use it.
 */
@CheckSpec(id = "jwt.missing-claim", severity = Severity.WARN, needs = JwtToken.class)
public final class JwtMissingClaim implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.MISSING_CLAIM, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    Optional<JwtExpectation> expect = observations.first(JwtExpectation.class);
    List<Evidence> evidence = new ArrayList<>();
    boolean expOptional = expect.map(JwtExpectation::expOptional).orElse(false);
    if (token.expiresAt() == null && !(expOptional && !token.has("exp"))) {
      add(token, "exp", token.has("exp") ? "exp is not a NumericDate"
          : "the verifier requires it (give --allow-no-exp if it accepts tokens that never expire)", ctx, evidence);
    }
    String userClaim = expect.map(JwtExpectation::userClaim).orElse(null);
    if (userClaim != null && !token.has(userClaim)) {
      add(token, userClaim, "the verifier reads the user from it (--user-claim " + userClaim + ")", ctx, evidence);
    }
    if (expect.map(JwtExpectation::issuer).isPresent() && !token.has("iss")) {
      add(token, "iss", "the verifier expects issuer " + expect.get().issuer(), ctx, evidence);
    }
    if (expect.map(JwtExpectation::audience).isPresent() && !token.has("aud")) {
      add(token, "aud", "the verifier expects audience " + expect.get().audience(), ctx, evidence);
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }

  private static void add(JwtToken token, String claim, String why, CheckContext ctx, List<Evidence> out) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("missing", claim);
    facts.put("why expected", why);
    facts.put("claims present", String.join(", ", token.claims().keySet()));
    String text = "no usable " + claim + " claim (" + why + ")";
    out.add(ctx.claim(token, claim, claim, ctx.redactor().plain(text), facts));
  }
}
