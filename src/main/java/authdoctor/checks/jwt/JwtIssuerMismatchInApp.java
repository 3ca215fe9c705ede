package authdoctor.checks.jwt;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.checks.app.InEffect;
import authdoctor.observation.AppSetting;
import authdoctor.observation.Observations;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code jwt.issuer-mismatch} across services: a service verifies tokens against an issuer ({@code
 * issuer-uri}, {@code jwt.verify({issuer})}, {@code expressjwt({issuer})}) that no service of the tree
 * signs its tokens with ({@code jwt.sign({issuer})}, an authorization server's {@code issuer}); RFC 7519
 * §4.1.1 compares {@code iss} as a case-sensitive string, so every token is refused. A trailing slash is
 * not forgiven by Spring either, but is reported with that hint.
 */
@CheckSpec(id = "jwt.issuer-mismatch", severity = Severity.ERROR, needs = AppSetting.class)
public final class JwtIssuerMismatchInApp implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    List<InEffect.Resolved> issued = InEffect.all(observations, AppSetting.Concept.TOKEN_ISSUER);
    if (issued.isEmpty()) return List.of();
    List<String> names = issued.stream().map(InEffect.Resolved::value).distinct().toList();
    List<Evidence> out = new ArrayList<>();
    for (InEffect.Resolved r : InEffect.all(observations, AppSetting.Concept.JWT_ISSUER)) {
      if (names.contains(r.value())) continue;
      boolean slash = names.stream().anyMatch(n -> strip(n).equals(strip(r.value())));
      List<Evidence> e = InEffect.withSource(ctx, r, "expects iss " + r.value() + ", but tokens are signed with iss " + String.join(", ", names)
          + (slash ? " (they differ only in the trailing slash)" : ""));
      out.addAll(e);
      for (InEffect.Resolved i : issued) out.add(InEffect.related(ctx, i.setting(), e.get(0)));
    }
    return out.isEmpty() ? List.of() : List.of(ctx.finding(out));
  }

  private static String strip(String s) {
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
