package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtToken;
import authdoctor.observation.JwtVerification;
import authdoctor.observation.JwtVerification.Signature;
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt.signature-invalid}: a key that fits the token's {@code alg} was tried and the signature does
 * not verify with it (RFC 7515 §5.2 step 8), and no other key verified it. Keys of the wrong type are
 * {@code jwt.alg-mismatch}; a token whose key is missing is {@code jwt.unknown-kid}.
 */
@CheckSpec(id = "jwt.signature-invalid", severity = Severity.ERROR, needs = {JwtToken.class, JwtVerification.class})
public final class JwtSignatureInvalid implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.SIGNATURE, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    List<JwtVerification> tried = observations.of(JwtVerification.class);
    if (tried.stream().anyMatch(v -> v.signature() == Signature.VALID)) return List.of();
    List<Evidence> evidence =
        tried.stream()
            .filter(v -> v.keyTypeFits() && v.signature() == Signature.INVALID)
            .map(
                v -> {
                  Map<String, String> facts = new LinkedHashMap<>();
                  facts.put("alg", token.alg());
                  facts.put("kid", token.kid() == null ? "(none)" : token.kid());
                  facts.put("key", v.key().describe());
                  facts.put("key source", ctx.redactor().url(v.source()));
                  facts.put("result", "signature does not verify");
                  String text = token.alg() + " signature does not verify with " + v.key().describe();
                  return ctx.claim(token, "alg", "signature", ctx.redactor().plain(text), facts);
                })
            .toList();
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }
}
