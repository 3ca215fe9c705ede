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
 * {@code jwt.issuer-mismatch}: {@code iss} is not exactly the issuer the verifier expects (RFC 7519
 * §4.1.1 compares StringOrURI values case-sensitively, §2: no normalisation). An absent {@code iss} is
 * {@code jwt.missing-claim}.
 */
@CheckSpec(id = "jwt.issuer-mismatch", severity = Severity.ERROR, needs = {JwtToken.class, JwtExpectation.class})
public final class JwtIssuerMismatch implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    return Refusals.withApiWord(fromToken(observations, ctx), observations, BearerRefusal.Reason.ISSUER, ctx);
  }

  private List<Finding> fromToken(Observations observations, CheckContext ctx) {
    JwtToken token = observations.first(JwtToken.class).orElseThrow();
    JwtExpectation expect = observations.first(JwtExpectation.class).orElseThrow();
    String iss = token.issuer();
    String expected = expect.issuer();
    if (iss == null || expected == null || iss.equals(expected)) return List.of();
    int at = firstDifference(iss, expected);
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("iss", "\"" + iss + "\"");
    facts.put("expected", "\"" + expected + "\" (" + expect.issuerSource() + ")");
    facts.put("first difference", "character " + (at + 1) + ": " + shown(iss, at) + " vs " + shown(expected, at));
    String text = "iss: \"" + iss + "\", but the verifier expects \"" + expected + "\"";
    return List.of(
        ctx.finding(ctx.claim(token, "iss", "iss", ctx.redactor().plain(text), facts)));
  }

  static int firstDifference(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) if (a.charAt(i) != b.charAt(i)) return i;
    return n;
  }

  private static String shown(String s, int i) {
    return i < s.length() ? "'" + s.charAt(i) + "'" : "(end)";
  }
}
