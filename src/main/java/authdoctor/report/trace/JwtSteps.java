package authdoctor.report.trace;

import authdoctor.Redactor;
import authdoctor.Step;
import authdoctor.checks.jwt.TokenTimes;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.JwtKeySet;
import authdoctor.observation.JwtToken;
import authdoctor.observation.JwtVerification;
import authdoctor.observation.Observation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * The {@code jwt} command's trace, rendered from the token's observations: step 1 is the decoded token
 * ({@code kind: token}: marker, header, claims, times, signature verdict); then one step per HTTP request
 * ({@code kind: http}: label, method, url, status, Date, error). The token and its signature never appear,
 * only its redaction marker.
 */
public final class JwtSteps {
  private JwtSteps() {}

  /** Step 1: the token decoded (never its signature); then one step per HTTP request. */
  public static List<Step> of(List<Observation> observations, Instant now, Redactor redactor) {
    List<Step> steps = new ArrayList<>();
    JwtToken t = observations.stream().filter(JwtToken.class::isInstance).map(JwtToken.class::cast).findFirst().orElseThrow();
    String verdict = signatureVerdict(observations);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("step", 1);
    json.put("kind", "token");
    json.put("token", t.marker());
    json.put("header", t.header());
    json.put("claims", t.claims());
    Map<String, Object> times = new LinkedHashMap<>();
    List<String> text = new ArrayList<>();
    text.add("token " + t.marker());
    text.add("header " + redactor.scrub(t.headerJson()));
    text.add("claims " + redactor.scrub(t.claimsJson()));
    Map<String, @Nullable Instant> claimTimes = new LinkedHashMap<>();
    claimTimes.put("iat", t.issuedAt());
    claimTimes.put("nbf", t.notBefore());
    claimTimes.put("exp", t.expiresAt());
    claimTimes.forEach(
        (name, at) -> {
          if (at == null) return;
          Map<String, Object> time = new LinkedHashMap<>();
          time.put("value", at.getEpochSecond());
          time.put("utc", TokenTimes.utc(at));
          time.put("relative", TokenTimes.relative(at, now));
          times.put(name, time);
          text.add(name + " " + TokenTimes.numericDate(at) + ", " + TokenTimes.relative(at, now));
        });
    json.put("times", times);
    json.put("signature", verdict);
    json.put("problems", t.problems());
    text.add("signature " + verdict);
    t.problems().forEach(p -> text.add("note: " + p));
    steps.add(new Step(json, text));
    for (Observation o : observations) {
      if (!(o instanceof HttpExchange x)) continue;
      Map<String, Object> j = new LinkedHashMap<>();
      j.put("step", x.step());
      j.put("kind", "http");
      j.put("label", x.label());
      j.put("method", x.method());
      j.put("url", redactor.url(x.url().toString()));
      j.put("status", x.status());
      j.put("date", x.responseHeader("Date").orElse(null));
      j.put("error", x.error() == null ? null : redactor.scrub(x.error()));
      String line = x.label() + ": " + x.method() + " " + redactor.url(x.url().toString()) + " → "
          + (x.answered() ? x.status() + x.responseHeader("Date").map(d -> " (Date: " + d + ")").orElse("") : redactor.scrub(String.valueOf(x.error())));
      steps.add(new Step(j, List.of(line)));
    }
    return steps;
  }

  /** {@code verified with kid=…}, {@code does not verify}, or why it was not checked. */
  private static String signatureVerdict(List<Observation> observations) {
    List<JwtVerification> tried = observations.stream().filter(JwtVerification.class::isInstance).map(JwtVerification.class::cast).toList();
    boolean unsecured = observations.stream().anyMatch(o -> o instanceof JwtToken t && t.isUnsecured());
    if (unsecured) return "none (alg=none: the token is unsigned)";
    for (JwtVerification v : tried) {
      if (v.signature() == JwtVerification.Signature.VALID) return "verifies with " + v.key().describe();
    }
    if (tried.stream().anyMatch(v -> v.signature() == JwtVerification.Signature.INVALID)) return "does not verify with the key(s) given";
    if (!tried.isEmpty()) return "not checked: no key of the right type";
    boolean keys = observations.stream().anyMatch(o -> o instanceof JwtKeySet);
    return keys
        ? "not checked: no key in the set matches the token's kid"
        : "not checked (no key given: --jwks-url, --oidc-issuer, --secret-env, --secret-file or --public-key-file)";
  }
}
