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
 * directly ({@code --direct}, or each {@code --instance} a token flow's token is replayed to) but the same
 * request through the public URL is answered signed out.
 */
@CheckSpec(id = "proxy.authorization-stripped", severity = Severity.ERROR, needs = SessionCheck.class)
public final class ProxyAuthorizationStripped implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    // The token refused by one of the instances behind the proxy: the proxy's refusal may be that instance's.
    if (instanceTokens(observations).stream().anyMatch(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT)) return List.of();
    Optional<SessionCheck> pub = find(observations, SessionCheck.Purpose.AUTHORIZATION_PUBLIC, SessionCheck.Verdict.LOGGED_OUT);
    Optional<SessionCheck> dir = find(observations, SessionCheck.Purpose.AUTHORIZATION_DIRECT, SessionCheck.Verdict.LOGGED_IN);
    if (pub.isPresent() && dir.isPresent()) {
      List<Evidence> evidence = new ArrayList<>();
      // Where the flow first failed the same way: the protected route or API call through the proxy.
      firstRefusal(observations, pub.get()).ifPresent(s -> evidence.add(evidence(ctx, s, "through the proxy, in the flow → signed out")));
      evidence.add(evidence(ctx, pub.get(), "through the proxy → signed out"));
      evidence.add(evidence(ctx, dir.get(), "direct to the app → signed in"));
      return List.of(ctx.finding(evidence));
    }
    return byInstances(observations, ctx);
  }

  /**
   * Without {@code --direct}: the bearer token replayed to every {@code --instance} is accepted by each,
   * while the same route through the proxy was refused in the flow (the probe sends the token on every
   * request of a token flow). An instance that refuses it is another cause ({@code session.secret-mismatch}).
   */
  private static List<Finding> byInstances(Observations o, CheckContext ctx) {
    List<SessionCheck> tokens = instanceTokens(o);
    if (tokens.isEmpty() || tokens.stream().anyMatch(s -> s.verdict() != SessionCheck.Verdict.LOGGED_IN)) return List.of();
    SessionCheck dir = tokens.get(0);
    Optional<SessionCheck> pub = firstRefusal(o, dir);
    if (pub.isEmpty()) return List.of();
    return List.of(ctx.finding(List.of(evidence(ctx, pub.get(), "through the proxy, in the flow → signed out"),
        evidence(ctx, dir, "direct to instance " + ctx.redactor().url(dir.via()) + " → signed in"))));
  }

  /** A token flow's replays of the bearer token to each {@code --instance} (the probe names it Authorization). */
  private static List<SessionCheck> instanceTokens(Observations o) {
    return o.of(SessionCheck.class).stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.INSTANCE && "Authorization".equals(s.sessionCookie())).toList();
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
