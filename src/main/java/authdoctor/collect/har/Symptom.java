package authdoctor.collect.har;

import static java.util.Objects.requireNonNull;

import authdoctor.Lost;
import org.jspecify.annotations.Nullable;

/**
 * What the recording visibly shows went wrong, before any check ran: the entry, the kind of loss, that
 * entry in a few words ({@code 302 to the login page /login on GET /account}), and facts that point at a
 * cause the recording cannot show (a server that forgot a session the browser still sent).
 *
 * @param entry 0-based index in {@code log.entries}
 * @param tokenEntry the entry that first sent the refused bearer token, null when none
 * @param sessionSent one line when the signed-out request still carried the session cookie the login set
 *     (the browser did its part: the server forgot the session), null otherwise
 */
public record Symptom(int entry, Lost.Kind kind, String what, @Nullable Integer tokenEntry, @Nullable String sessionSent) {
  public Symptom {
    requireNonNull(kind);
    requireNonNull(what);
  }
}
