package authdoctor;

import static java.util.Objects.requireNonNull;

import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * Where a recorded session was lost ({@code authdoctor har}): the first entry where the user is visibly
 * signed out (or, for a logout, visibly still signed in), the entry that carries the cause, and the kind of
 * loss. Entries are 0-based indexes into the HAR's {@code log.entries}.
 *
 * @param entry the entry where the loss shows
 * @param causeEntry the entry of the error finding that explains it (often an earlier one), null when no
 *     known cause matched: the report then leads with {@link Unexplained}
 * @param kind what was lost
 */
public record Lost(int entry, @Nullable Integer causeEntry, Kind kind) {
  public Lost {
    requireNonNull(kind);
    if (entry < 0 || causeEntry != null && causeEntry < 0) throw new IllegalArgumentException("no such entry: " + entry);
  }

  /** What was lost; {@link #word()} is the JSON value. */
  public enum Kind {
    /** A login that seemed to succeed, and the very next signed-in request answered signed out. */
    SESSION_NEVER_ESTABLISHED,
    /** Signed in for a while, then signed out without a logout. */
    SESSION_DROPPED,
    /** The login itself was refused. */
    LOGIN_FAILED,
    /** An API refused the bearer token. */
    TOKEN_REJECTED,
    /** After logout, the old session still signs in. */
    SESSION_SURVIVES_LOGOUT,
    /** A response handed the browser a session it did not sign in for (a shared cache). */
    FOREIGN_SESSION;

    public String word() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The loss in a few words, for the text report. */
    public String describe() {
      return switch (this) {
        case SESSION_NEVER_ESTABLISHED -> "the login answered, but the session never reached the next request";
        case SESSION_DROPPED -> "the user was signed in, then signed out without logging out";
        case LOGIN_FAILED -> "the login was refused";
        case TOKEN_REJECTED -> "an API refused the bearer token";
        case SESSION_SURVIVES_LOGOUT -> "the session still works after logout";
        case FOREIGN_SESSION -> "a response handed the browser another session";
      };
    }
  }
}
