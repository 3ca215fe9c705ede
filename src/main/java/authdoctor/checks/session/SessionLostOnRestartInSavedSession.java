package authdoctor.checks.session;

import authdoctor.Finding;
import authdoctor.Severity;
import authdoctor.check.Check;
import authdoctor.check.CheckContext;
import authdoctor.check.CheckSpec;
import authdoctor.observation.Observations;
import authdoctor.observation.SavedSessionReplay;
import authdoctor.observation.SessionCheck;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code session.lost-on-restart} across a deploy: a session saved signed in before it ({@code --save-session})
 * was answered as signed out after it ({@code --reuse-session}). Which layer lost it follows from what the
 * cookie is ({@link SessionKinds}) and, with {@code --store}, whether its key is still in the store: a signed
 * cookie refused means the secret that signs it changed; a server-side id the app no longer knows means the
 * store was emptied or is another one; a key still in the store with a signed id refused means the secret.
 */
@CheckSpec(id = "session.lost-on-restart", severity = Severity.ERROR, needs = SavedSessionReplay.class)
public final class SessionLostOnRestartInSavedSession implements Check {
  @Override
  public List<Finding> run(Observations observations, CheckContext ctx) {
    Optional<SavedSessionReplay> refused = observations.of(SavedSessionReplay.class).stream()
        .filter(r -> r.verdict() == SessionCheck.Verdict.LOGGED_OUT).findFirst();
    if (refused.isEmpty()) return List.of();
    SavedSessionReplay r = refused.get();
    Map<String, String> facts = new LinkedHashMap<>();
    facts.put("saved", DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(r.savedAt().atOffset(ZoneOffset.UTC).withNano(0))
        + "Z, by probe --save-session");
    facts.put("before the deploy", r.before());
    facts.put("after the deploy", r.reason());
    if (r.sessionCookie() != null) facts.put("session cookie", r.sessionCookie() + " (" + SessionKinds.describe(r.sessionCookie(), r.sessionValue()) + ")");
    if (r.store() != null && r.inStore() != null) {
      facts.put("in the store", r.store() + ": " + r.storeKey() + (r.inStore() ? " still exists" : " does not exist any more"));
    }
    facts.put("layer", layer(r));
    String url = ctx.redactor().url(r.url().toString());
    return List.of(ctx.finding(ctx.evidence(r, "measurement", url,
        ctx.redactor().plain("GET " + url + " with the session saved before the deploy (no login) → signed out"), facts)));
  }

  /** A signed cookie whose readable payload ({@code eyJ…}, base64url JSON) holds a session id: the data is server-side. */
  private static boolean carriesId(@org.jspecify.annotations.Nullable String value) {
    if (value == null || !value.startsWith("eyJ")) return false;
    int dot = value.indexOf('.');
    try {
      String json = new String(java.util.Base64.getUrlDecoder().decode(dot < 0 ? value : value.substring(0, dot)),
          java.nio.charset.StandardCharsets.UTF_8);
      return json.matches("(?s).*\"(sid|session_id|sessionid|_id)\"\\s*:.*");
    } catch (IllegalArgumentException e) {
      return false;
    }
  }

  /** Which layer the refusal points to, in one sentence. */
  static String layer(SavedSessionReplay r) {
    if (r.sessionCookie() == null) return "the replay carried no session cookie: the saved cookies were not sent back";
    boolean signedId = SessionKinds.signedId(r.sessionValue());
    if (SessionKinds.kind(r.sessionCookie(), r.sessionValue()) == SessionKinds.Kind.SIGNED) {
      return "the signed cookie was refused: the secret that signs it changed with the deploy (a secret generated at "
          + "start-up, or a new one set by the deploy)" + (carriesId(r.sessionValue())
              ? " — unless the store behind the session id it carries lost that id" : "");
    }
    if (Boolean.TRUE.equals(r.inStore())) {
      return signedId
          ? "the session is still in the store but its signed id was refused: the secret that signs the id changed"
          : "the session is still in the store but the app does not find it: it reads another store, database or prefix than before";
    }
    if (Boolean.FALSE.equals(r.inStore())) {
      return "the session is gone from the store: the store was emptied (an in-memory store dies with the process, a "
          + "Redis without persistence with its restart) or the app now uses another one";
    }
    return signedId
        ? "a server-side session with a signed id: either the store lost it (emptied, or another store) or the secret "
            + "that signs the id changed; give --store to tell which"
        : "the server-side session id is unknown to the app now: the store was emptied (an in-memory store dies with the "
            + "process) or it is another one";
  }
}
