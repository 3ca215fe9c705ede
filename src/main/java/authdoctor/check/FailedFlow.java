package authdoctor.check;

import authdoctor.Evidence;
import authdoctor.Finding;
import authdoctor.Location;
import authdoctor.Redactor;
import authdoctor.Severity;
import authdoctor.Unexplained;
import authdoctor.observation.BearerRefusal;
import authdoctor.observation.HttpExchange;
import authdoctor.observation.LoginAttempt;
import authdoctor.observation.Observation;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.SessionCheck.Purpose;
import authdoctor.observation.SessionCheck.Verdict;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Whether a run's flow visibly failed with no error finding to explain it: the decision behind {@link
 * Unexplained}. The flow failed at the earliest of: the login refused, a redirect loop, a protected route
 * answered signed out or an API refusing the bearer token after a successful login (or with the user's
 * own {@code Authorization}). An error finding explains it when one of its evidence is at or before that
 * step, or is not a step at all (a config line, a claim: a cause that holds for the whole flow).
 */
public final class FailedFlow {
  /** The last hop {@code ProbeSession.follow} takes before calling the chain a loop. */
  private static final Pattern LAST_HOP = Pattern.compile(".*\\(redirect 10\\)$");

  /** The ids of a session some instances accept and others refuse. */
  private static final List<String> SPLITS = List.of("session.secret-mismatch", "session.store-not-shared");

  private FailedFlow() {}

  /** What failed, where, and which catalog areas could have explained it. */
  enum Kind {
    LOGIN(List.of("csrf.", "cors.", "proxy.", "cookie.", "redirect.")),
    LOOP(List.of("proxy.", "redirect.", "cookie.")),
    SIGNED_OUT(List.of("cookie.", "session.", "proxy.", "cors.")),
    BEARER(List.of("jwt.", "clock.", "proxy.authorization-stripped", "cors."));

    final List<String> areas;

    Kind(List<String> areas) {
      this.areas = areas;
    }
  }

  /** The failing step: its kind, its number and what happened there. */
  record Failure(Kind kind, int step, String what) {}

  /** The unexplained failure of this run, or null when the flow did not visibly fail or a finding explains it. */
  public static @Nullable Unexplained decide(Observations o, List<Finding> findings, List<Outcome> outcomes,
      Redactor redactor) {
    Failure f = failure(o, redactor).orElse(null);
    if (f == null || explained(f, findings)) return null;
    return new Unexplained(f.step(), f.what(), ruledOut(f, o, outcomes), next(f, o));
  }

  /** The earliest visible failure of the flow. */
  static Optional<Failure> failure(Observations o, Redactor redactor) {
    List<Failure> all = new ArrayList<>();
    boolean signedIn = false;
    for (LoginAttempt l : o.of(LoginAttempt.class)) {
      int step = step(l);
      if (step < 1) continue;
      if (l.succeeded()) signedIn = true;
      else if (!unanswered(o, step)) all.add(new Failure(Kind.LOGIN, step, "login refused: " + at(o, step, redactor, l.outcome())));
    }
    for (HttpExchange x : o.of(HttpExchange.class)) {
      if (x.isRedirect() && LAST_HOP.matcher(x.label()).matches() && step(x) > 0) {
        all.add(new Failure(Kind.LOOP, step(x), "redirect loop: " + at(o, step(x), redactor, "")));
      }
    }
    for (SessionCheck c : o.of(SessionCheck.class)) {
      boolean userHeader = c.purpose() == Purpose.AUTHORIZATION_PUBLIC;
      boolean afterLogin = signedIn && (c.purpose() == Purpose.PROTECTED || c.purpose() == Purpose.REFRESH);
      if (c.verdict() == Verdict.LOGGED_OUT && "public".equals(c.via()) && (userHeader || afterLogin) && step(c) > 0) {
        all.add(new Failure(Kind.SIGNED_OUT, step(c), "signed out: " + at(o, step(c), redactor, c.reason())));
      }
    }
    // A refusal is recorded only for a request that carried the client's bearer token.
    for (BearerRefusal r : o.of(BearerRefusal.class)) {
      if (step(r) > 0) all.add(new Failure(Kind.BEARER, step(r), "bearer token refused: " + at(o, step(r), redactor, "")));
    }
    // At one step a bearer refusal says more than "signed out".
    return all.stream().min(Comparator.comparingInt(Failure::step).thenComparing(f -> f.kind() != Kind.BEARER));
  }

  /**
   * Whether an error finding explains the failure: evidence at or before its step, or evidence that is not a
   * step. Instances that disagree ({@link #SPLITS}) explain a signed-out answer or a refused token at any step:
   * the public request reached one of them, and the replays to each, made after it, show which.
   */
  static boolean explained(Failure failure, List<Finding> findings) {
    int step = failure.step();
    for (Finding f : findings) {
      if (f.severity() != Severity.ERROR) continue;
      if (SPLITS.contains(f.id()) && (failure.kind() == Kind.SIGNED_OUT || failure.kind() == Kind.BEARER)) return true;
      for (Evidence e : f.evidence()) {
        if (!(e.location() instanceof Location.ExchangeRef r) || r.step() <= step) return true;
      }
    }
    return false;
  }

  /** A request that got no answer (a timeout, a reset) left the run incomplete; it is not a refusal. */
  private static boolean unanswered(Observations o, int step) {
    return o.of(HttpExchange.class).stream().anyMatch(x -> x.step() == step && !x.answered());
  }

  /** "401 on GET /api/me" for the exchange at {@code step}, else {@code fallback}. */
  private static String at(Observations o, int step, Redactor redactor, String fallback) {
    for (HttpExchange x : o.of(HttpExchange.class)) {
      if (x.step() != step) continue;
      String path = x.url().getRawPath() == null || x.url().getRawPath().isEmpty() ? "/" : x.url().getRawPath();
      String answer = x.answered() ? String.valueOf(x.status()) : "no response";
      return answer + " on " + x.method() + " " + redactor.url(path);
    }
    return fallback;
  }

  private static int step(Observation o) {
    return o.location() instanceof Location.ExchangeRef r ? r.step() : 0;
  }

  /** The checks of the failure's areas that ran and found nothing, and what the run measured against them. */
  static List<String> ruledOut(Failure f, Observations o, List<Outcome> outcomes) {
    List<String> out = new ArrayList<>();
    if (f.kind() == Kind.BEARER || f.kind() == Kind.SIGNED_OUT) {
      o.of(SessionCheck.class).stream()
          .filter(c -> c.purpose() == Purpose.AUTHORIZATION_DIRECT && c.verdict() == Verdict.LOGGED_OUT).findFirst()
          .ifPresent(c -> out.add("the proxy (the same token is refused directly too, step " + c.step() + ")"));
    }
    if (f.kind() == Kind.BEARER) {
      o.of(BearerRefusal.class).stream().filter(r -> r.step() == f.step()).findFirst()
          .filter(r -> r.error() == null && r.description() == null)
          .ifPresent(r -> out.add("a reason in the refusal (WWW-Authenticate: " + r.challenge() + " names none)"));
    }
    List<String> clean = new ArrayList<>();
    for (Outcome oc : outcomes) {
      if (oc instanceof Outcome.Ran r && r.findings() == 0 && f.kind().areas.stream().anyMatch(a -> r.id().startsWith(a))) {
        clean.add(r.id());
      }
    }
    if (!clean.isEmpty()) out.add("checks that found nothing: " + String.join(", ", clean));
    return out;
  }

  /** What to look at next for this kind of failure, given what the run did and did not measure. */
  static List<String> next(Failure f, Observations o) {
    List<String> out = new ArrayList<>();
    boolean direct = o.of(SessionCheck.class).stream().anyMatch(c -> c.purpose() == Purpose.AUTHORIZATION_DIRECT)
        || o.of(HttpExchange.class).stream().anyMatch(x -> x.label().startsWith("direct "));
    String log = "the server's log for the request of step " + f.step();
    switch (f.kind()) {
      case LOGIN -> {
        out.add("--user, the password, --login and the form fields (--user-field, --password-field)");
        out.add(log);
        out.add("a sign-in in a browser saved as a HAR: authdoctor har FILE");
      }
      case LOOP -> {
        if (!direct) out.add("--direct URL, to compare the app without the proxy");
        out.add("the app's https redirect and the X-Forwarded-Proto the proxy sends");
        out.add(log);
      }
      case SIGNED_OUT -> {
        if (!direct) out.add("--direct URL, to compare the app without the proxy");
        out.add("--instance URL for each backend and --store redis://… for the session store");
        out.add(log);
        out.add("a sign-in in a browser saved as a HAR: authdoctor har FILE");
      }
      case BEARER -> {
        if (!direct) out.add("--direct URL, to replay the token to the app without the proxy");
        out.add(log + ": what it requires of a token beyond its signature and claims (a revocation or "
            + "allow list, scopes, the user's record)");
        out.add("--oidc-issuer or --jwks-url, so the token's signature and claims are checked");
      }
    }
    return out;
  }
}
