package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.Location;
import authdoctor.check.CheckContext;
import authdoctor.check.Observations;
import authdoctor.observation.SessionCheck;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * A session accepted by some backends and refused by others: the same cookie replayed to each
 * {@code --instance} with mixed answers, or — without instances — reloads of the protected route
 * right after login that are sometimes signed in and sometimes not (random logouts). Which catalog id
 * it is depends on the session kind ({@link SessionKinds}).
 */
public final class SessionSplit {
  private SessionSplit() {}

  /** The split and its evidence, if the observations show one. */
  public record Split(SessionKinds.Kind kind, List<Evidence> evidence) {}

  public static Optional<Split> find(Observations o, CheckContext ctx) {
    List<SessionCheck> instances = o.of(SessionCheck.class).stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.INSTANCE && s.sessionCookie() != null).toList();
    List<SessionCheck> group = instances;
    String what = "instance";
    if (!mixed(group)) {
      group = o.of(SessionCheck.class).stream()
          .filter(s -> (s.purpose() == SessionCheck.Purpose.PROTECTED || s.purpose() == SessionCheck.Purpose.REFRESH)
              && s.sessionCookie() != null)
          .toList();
      what = "reload";
    }
    if (!mixed(group)) return Optional.empty();
    SessionCheck in = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_IN).findFirst().orElseThrow();
    SessionCheck out = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT).findFirst().orElseThrow();
    long ok = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_IN).count();
    long refused = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT).count();
    String kindText = SessionKinds.describe(in.sessionCookie(), in.sessionValue());
    List<Evidence> ev = new ArrayList<>();
    ev.add(evidence(ctx, in, "accepted", what, null));
    ev.add(evidence(ctx, out, "refused", what,
        ordered("measured", refused + " of " + (ok + refused) + " " + what + " requests with the same session refused",
            "session cookie", in.sessionCookie() + " — " + kindText)));
    if (SessionKinds.signedId(in.sessionValue())) {
      Evidence last = ev.remove(ev.size() - 1);
      Map<String, String> facts = new LinkedHashMap<>(last.facts());
      facts.put("could not verify", "a signed id (s:…) is refused alike when the instances sign with different "
          + "secrets (session.secret-mismatch) and when their stores differ: compare the secrets with "
          + "'authdoctor fingerprint' if the store is shared");
      ev.add(new Evidence(last.kind(), last.subject(), last.excerpt(), last.location(), facts));
    }
    return Optional.of(new Split(SessionKinds.kind(in.sessionCookie(), in.sessionValue()), ev));
  }

  private static boolean mixed(List<SessionCheck> g) {
    return g.stream().anyMatch(s -> s.verdict() == SessionCheck.Verdict.LOGGED_IN)
        && g.stream().anyMatch(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT);
  }

  private static Evidence evidence(CheckContext ctx, SessionCheck s, String verdict, String what,
      @Nullable Map<String, String> more) {
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("answer", s.reason());
    if (more != null) facts.putAll(more);
    String where = what.equals("instance") ? "instance " + ctx.redactor().url(s.via()) : "public URL";
    return new Evidence("measurement", where,
        ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString()) + " with session cookie " + s.sessionCookie()
            + " → " + verdict),
        new Location.ExchangeRef(s.step()), facts);
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
