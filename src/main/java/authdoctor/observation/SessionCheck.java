package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import org.jspecify.annotations.Nullable;

/**
 * One request for a protected route and whether it was answered as signed in.
 *
 * @param step the trace step of the request
 * @param purpose why the probe sent it
 * @param via {@code public} for the public URL, else the instance or direct URL it went to
 * @param url the request URL
 * @param status response status, 0 when none
 * @param verdict signed in, signed out, or undecidable
 * @param reason one line saying how the verdict was decided ("200, no login form", "302 to /login")
 * @param sessionCookie the name of the session cookie the request carried, null when none
 * @param sessionValue the value of that cookie — a secret: never print it; used only to tell signed
 *     sessions (the cookie carries the data) from server-side ones (the cookie is an id)
 * @param location where it was seen: its trace step, or the HAR entry or file line it was read from
 */
public record SessionCheck(
    int step,
    Purpose purpose,
    String via,
    URI url,
    int status,
    Verdict verdict,
    String reason,
    @Nullable String sessionCookie,
    @Nullable String sessionValue,
    Location location)
    implements Observation {
  /** Signed in, signed out, or undecidable. */
  public enum Verdict {
    LOGGED_IN,
    LOGGED_OUT,
    UNKNOWN;

    /** As the traces say it: signed in, signed out, cannot tell. */
    public String word() {
      return switch (this) {
        case LOGGED_IN -> "signed in";
        case LOGGED_OUT -> "signed out";
        case UNKNOWN -> "cannot tell";
      };
    }
  }

  /** Why the probe requested the route. */
  public enum Purpose {
    /** The first request after login, with the browser's cookies. */
    PROTECTED,
    /** One of the {@code --refresh} reloads. */
    REFRESH,
    /**
     * After login, with no cookie at all (another visitor): signed in means a cache served someone's
     * page; {@code sessionCookie}/{@code sessionValue} then name a cookie the response handed out whose
     * value equals the probe's own session (a cached Set-Cookie).
     */
    ANONYMOUS,
    /** After logout, with the cookies the browser still has. */
    AFTER_LOGOUT,
    /** After logout, replaying the pre-logout Cookie header (a stale tab, an attacker). */
    LOGOUT_REPLAY,
    /** The session replayed directly to one backend instance ({@code --instance}). */
    INSTANCE,
    /**
     * After {@code --restart-command} restarted the app, with the cookies the browser had before (the
     * session of a user who stays on the page during a deploy).
     */
    AFTER_RESTART,
    /**
     * The first app's route again, after signing in to another app on the same host
     * ({@code --second-login}): refused means the other app's cookie replaced this one's.
     */
    AFTER_OTHER_LOGIN,
    /** With the user's {@code Authorization} header, through the public URL. */
    AUTHORIZATION_PUBLIC,
    /** With the user's {@code Authorization} header, directly to the app ({@code --direct}). */
    AUTHORIZATION_DIRECT
  }

  public SessionCheck {
    requireNonNull(location);
    requireNonNull(purpose);
    requireNonNull(via);
    requireNonNull(url);
    requireNonNull(verdict);
    requireNonNull(reason);
  }

  /** Seen at its trace step. */
  public SessionCheck(
      int step,
      Purpose purpose,
      String via,
      URI url,
      int status,
      Verdict verdict,
      String reason,
      @Nullable String sessionCookie,
      @Nullable String sessionValue) {
    this(step, purpose, via, url, status, verdict, reason, sessionCookie, sessionValue,
        new Location.ExchangeRef(step));
  }

  @Override
  public String toString() {
    return "SessionCheck[step=" + step + ", " + purpose + " via " + via + ": " + verdict + " (" + reason + ")]";
  }
}
