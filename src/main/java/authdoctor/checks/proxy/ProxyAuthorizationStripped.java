package authdoctor.checks.proxy;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code proxy.authorization-stripped}: the user's {@code Authorization} header is accepted by the app
 * directly ({@code --direct}) but the same request through the public URL is answered signed out.
 */
@CheckSpec(id = "proxy.authorization-stripped", severity = Severity.ERROR, needs = SessionCheck.class)
public final class ProxyAuthorizationStripped implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Optional<SessionCheck> pub = find(observations, SessionCheck.Purpose.AUTHORIZATION_PUBLIC, SessionCheck.Verdict.LOGGED_OUT);
    Optional<SessionCheck> dir = find(observations, SessionCheck.Purpose.AUTHORIZATION_DIRECT, SessionCheck.Verdict.LOGGED_IN);
    if (pub.isEmpty() || dir.isEmpty()) return List.of();
    List<Evidence> evidence = new ArrayList<>();
    // Where the flow first failed the same way: the protected route or API call through the proxy.
    firstRefusal(observations, pub.get()).ifPresent(s -> evidence.add(evidence(ctx, s, "through the proxy, in the flow → signed out")));
    evidence.add(evidence(ctx, pub.get(), "through the proxy → signed out"));
    evidence.add(evidence(ctx, dir.get(), "direct to the app → signed in"));
    return List.of(ctx.finding(evidence));
  }

  /** The flow's earlier request for the same path through the public URL, answered signed out. */
  private static Optional<SessionCheck> firstRefusal(Observations o, SessionCheck pub) {
    return o.of(SessionCheck.class).stream()
        .filter(s -> s.step() < pub.step() && "public".equals(s.via()) && s.verdict() == SessionCheck.Verdict.LOGGED_OUT)
        .filter(s -> s.purpose() == SessionCheck.Purpose.PROTECTED || s.purpose() == SessionCheck.Purpose.REFRESH)
        .filter(s -> String.valueOf(s.url().getRawPath()).equals(String.valueOf(pub.url().getRawPath())))
        .findFirst();
  }

  private static Optional<SessionCheck> find(Observations o, SessionCheck.Purpose p, SessionCheck.Verdict v) {
    return o.of(SessionCheck.class).stream().filter(s -> s.purpose() == p && s.verdict() == v).findFirst();
  }

  private static Evidence evidence(CheckContext ctx, SessionCheck s, String what) {
    return ctx.evidence(s, "measurement", ctx.redactor().url(s.url().toString()),
        ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString()) + " with Authorization " + what),
        Map.of("answer", s.reason()));
  }
}
