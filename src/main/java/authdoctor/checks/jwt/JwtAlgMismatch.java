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
import authdoctor.observation.Observations;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt.alg-mismatch}: {@code alg: none} (RFC 7519 §6, never acceptable to a verifier of signed
 * tokens), or none of the verifier's candidate keys may be used with the token's {@code alg}: the key
 * type does not fit (an HS256 token against an RSA key, RFC 7518 §3.1) or the key's own {@code alg}
 * (RFC 7517 §4.4) names another algorithm.
 */
@CheckSpec(id = "jwt.alg-mismatch", severity = Severity.ERROR, needs = JwtToken.class)
public final class JwtAlgMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.ALGORITHM, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    if (token.isUnsecured()) {
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("alg", token.alg());
      facts.put("signature", "none");
      return List.of(ctx.finding(evidence(ctx, token, "alg: \"" + token.alg() + "\": the token is unsigned", facts)));
    }
    List<JwtVerification> tried = observations.of(JwtVerification.class);
    if (tried.isEmpty() || tried.stream().anyMatch(v -> v.keyTypeFits() && v.keyAlgFits())) return List.of();
    List<Evidence> evidence =
        tried.stream()
            .map(
                v -> {
                  Map<String, String> facts = new LinkedHashMap<>();
                  facts.put("alg", token.alg());
                  facts.put("key", v.key().describe());
                  facts.put("key source", ctx.redactor().url(v.source()));
                  String why =
                      !v.keyTypeFits()
                          ? String.valueOf(v.detail())
                          : "the key is for " + v.key().alg() + ", the token uses " + token.alg();
                  facts.put("mismatch", why);
                  return evidence(ctx, token, "alg: \"" + token.alg() + "\": " + why, facts);
                })
            .toList();
    return List.of(ctx.finding(evidence));
  }

  private static Evidence evidence(CheckContext ctx, JwtToken token, String text, Map<String, String> facts) {
    return ctx.claim(token, "alg", "alg", ctx.redactor().plain(text), facts);
  }
}
