package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.JwtKeySet;
import authdoctor.observation.JwtToken;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code jwt.unknown-kid}: the token's {@code kid} (RFC 7515 §4.1.4) names no key of a published key set
 * the verifier uses. A pinned key (a PEM file, one JWK) is used whatever the {@code kid}, so only sets
 * whose keys carry ids are judged.
 */
@CheckSpec(id = "jwt.unknown-kid", severity = Severity.ERROR, needs = {JwtToken.class, JwtKeySet.class})
public final class JwtUnknownKid implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.UNKNOWN_KID, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    String kid = token.kid();
    if (kid == null) return List.of();
    List<Evidence> evidence = new ArrayList<>();
    for (JwtKeySet set : observations.of(JwtKeySet.class)) {
      if (!set.selectsByKid() || set.hasKid(kid)) continue;
      Map<String, String> facts = new LinkedHashMap<>();
      facts.put("kid", kid);
      facts.put("alg", token.alg());
      facts.put("key set", ctx.redactor().url(set.source()));
      facts.put("kids in the set", String.join(", ", set.kids()));
      for (int i = 0; i < set.keys().size(); i++) facts.put("key " + (i + 1), set.keys().get(i).describe());
      if (set.fetchedAt() != null) facts.put("fetched", TokenTimes.utc(set.fetchedAt()) + " (local clock)");
      String text = "kid: \"" + kid + "\" is not in " + ctx.redactor().url(set.source()) + ", which has " + set.kids();
      evidence.add(ctx.claim(token, "kid", "kid", ctx.redactor().plain(text), facts));
    }
    return evidence.isEmpty() ? List.of() : List.of(ctx.finding(evidence));
  }
}
