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
 * {@code jwt.missing-claim}: a registered claim (RFC 7519 §4.1) a bearer token for an API should carry is
 * absent: always {@code exp} and {@code sub}; {@code iss} and {@code aud} when the verifier expects a
 * value for them. An {@code exp} that is not a NumericDate counts as absent: no verifier can use it.
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
    if (token.expiresAt() == null) {
      add(token, "exp", token.has("exp") ? "exp is not a NumericDate" : "always expected: without it the token never expires", ctx, evidence);
    }
    if (!token.has("sub")) add(token, "sub", "always expected: it names the user", ctx, evidence);
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
