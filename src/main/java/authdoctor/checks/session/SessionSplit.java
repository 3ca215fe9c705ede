package authdoctor.checks.session;

import authdoctor.Evidence;
import authdoctor.check.CheckContext;
import authdoctor.observation.Observations;
import authdoctor.observation.SessionCarrier;
import authdoctor.observation.SessionCheck;
import authdoctor.observation.StoreLookup;
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

  /** Why the session was refused: the instances' secrets differ, or their session stores do. */
  public enum Cause {
    SECRET,
    STORE
  }

  /** The split, its cause and its evidence, if the observations show one. */
  public record Split(SessionKinds.Kind kind, Cause cause, List<Evidence> evidence) {}

  public static Optional<Split> find(Observations o, CheckContext ctx) {
    List<SessionCheck> instances = o.of(SessionCheck.class).stream()
        .filter(s -> s.purpose() == SessionCheck.Purpose.INSTANCE && s.sessionCookie() != null).toList();
    List<SessionCheck> group = instances;
    String what = "instance";
    if (!mixed(group)) {
      // Reloads of one route: two protected routes may be two apps under one host (/admin/, /shop/),
      // and one refusing the other's cookie is no split between instances.
      Map<java.net.URI, List<SessionCheck>> byUrl = new LinkedHashMap<>();
      for (SessionCheck s : o.of(SessionCheck.class)) {
        if ((s.purpose() == SessionCheck.Purpose.PROTECTED || s.purpose() == SessionCheck.Purpose.REFRESH)
            && s.sessionCookie() != null) {
          byUrl.computeIfAbsent(s.url(), k -> new ArrayList<>()).add(s);
        }
      }
      group = byUrl.values().stream().filter(SessionSplit::mixed).findFirst().orElse(List.of());
      what = "reload";
    }
    if (!mixed(group)) return Optional.empty();
    SessionCheck in = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_IN).findFirst().orElseThrow();
    SessionCheck out = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT).findFirst().orElseThrow();
    long ok = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_IN).count();
    long refused = group.stream().filter(s -> s.verdict() == SessionCheck.Verdict.LOGGED_OUT).count();
    String kindText = SessionKinds.describe(in.sessionCookie(), in.sessionValue());
    SessionKinds.Kind kind = SessionKinds.kind(in.sessionCookie(), in.sessionValue());
    Map<String, String> refusedFacts = token(in)
        ? ordered("measured", refused + " of " + (ok + refused) + " " + what + " requests with the same bearer token refused",
            "session", "the bearer token (Authorization) — " + kindText.replace("cookie", "token"))
        : ordered("measured", refused + " of " + (ok + refused) + " " + what
            + " requests with the same session refused", "session cookie", in.sessionCookie() + " — " + kindText);
    // How the session cookie was identified: by leaving each cookie out, when the probe did.
    o.of(SessionCarrier.class).stream().filter(c -> c.session().contains(in.sessionCookie())).findFirst()
        .ifPresent(c -> refusedFacts.put("identified by", c.how()));
    Cause cause = kind == SessionKinds.Kind.SIGNED ? Cause.SECRET : Cause.STORE;
    Evidence store = null;
    // A server-side session: the store the app is configured with (--store) decides, when it was asked.
    StoreLookup lookup = kind == SessionKinds.Kind.SIGNED ? null : o.of(StoreLookup.class).stream()
        .filter(l -> l.cookie().equals(in.sessionCookie())).reduce((a, b) -> b).orElse(null);
    boolean signedId = lookup != null ? lookup.signedId() : SessionKinds.signedId(in.sessionValue());
    if (lookup != null) {
      String refusedBy = what.equals("instance") ? "instance " + ctx.redactor().url(out.via()) : "a reload";
      String where = "the store at " + lookup.store() + " under " + StoreEvidence.keyName(lookup);
      Map<String, String> facts;
      if (lookup.found() && signedId) {
        cause = Cause.SECRET;
        facts = ordered("decided by", "the session is in " + where + ", yet " + refusedBy + " refused it: the "
            + "store is shared, so that instance refused the signature on the id — it signs with another secret",
            "assumes", "--store is the store every instance is configured with");
      } else if (lookup.found()) {
        facts = ordered("decided by", "the session is in " + where + ", yet " + refusedBy + " refused it, and "
            + "no secret signs this id: that instance reads another store (its own memory, another Redis, DB "
            + "number or key prefix)", "could not verify", "a framework that signs what it stores refuses a "
            + "found session too (Django's auth hash uses SECRET_KEY): compare the secrets with 'authdoctor fingerprint'");
      } else if (lookup.missing() && lookup.prefixGiven()) {
        facts = ordered("decided by", "the session is not in " + where + ", although an instance accepted it: "
            + "the instances do not all keep sessions in that store (per-instance memory or separate stores)",
            "assumes", "--store and --store-prefix are where every instance is configured to keep sessions");
      } else if (lookup.missing() && !signedId) {
        facts = ordered("decided by", "no secret signs this id, so only a store that lacks the session refuses it",
            "store lookup", "not in " + where + " (the library's default key; an app with its own prefix needs "
                + "--store-prefix)");
      } else {
        facts = ordered("could not verify", lookup.failure() != null ? "the store lookup failed: " + lookup.failure()
            : "the session is not in " + where + ", but the app may use its own key prefix: give it with "
                + "--store-prefix (connect-redis prefix, SESSION_KEY_PREFIX, Spring Session namespace, Django KEY_PREFIX)",
            "so", "the refusal is taken for separate stores, as without --store");
      }
      store = StoreEvidence.of(ctx, lookup, facts);
    }
    if (signedId && (store == null || store.facts().containsKey("could not verify"))) {
      refusedFacts.put("could not verify", "a signed id (s:…) is refused alike when the instances sign with "
          + "different secrets (session.secret-mismatch) and when their stores differ: compare the secrets with "
          + "'authdoctor fingerprint' if the store is shared");
    }
    List<Evidence> ev = new ArrayList<>();
    ev.add(evidence(ctx, in, "accepted", what, null));
    ev.add(evidence(ctx, out, "refused", what, refusedFacts));
    if (store != null) ev.add(store);
    return Optional.of(new Split(kind, cause, ev));
  }

  /** A token flow's replay: the probe names the bearer token {@code Authorization} as the session it carried. */
  static boolean token(SessionCheck s) {
    return "Authorization".equals(s.sessionCookie());
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
    return ctx.evidence(s, "measurement", where,
        ctx.redactor().plain("GET " + ctx.redactor().url(s.url().toString())
            + (token(s) ? " with the bearer token" : " with session cookie " + s.sessionCookie()) + " → " + verdict),
        facts);
  }

  private static Map<String, String> ordered(String k1, String v1, String k2, String v2) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put(k1, v1);
    m.put(k2, v2);
    return m;
  }
}
