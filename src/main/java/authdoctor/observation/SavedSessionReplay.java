package authdoctor.observation;

import static java.util.Objects.requireNonNull;

import authdoctor.Location;
import java.net.URI;
import java.time.Instant;
import org.jspecify.annotations.Nullable;

/**
 * A session saved by an earlier run ({@code probe --save-session}, before a deploy) replayed to a protected
 * route without logging in ({@code --reuse-session}), and whether it was answered as signed in.
 *
 * @param step the trace step of the request
 * @param url the request URL
 * @param status response status, 0 when none
 * @param verdict signed in, signed out, or undecidable
 * @param reason how the verdict was decided ("302 to /login")
 * @param savedAt when the session was saved
 * @param before how the same route was judged signed in when the session was saved
 * @param sessionCookie the name of the session cookie the request carried, null when none
 * @param sessionValue that cookie's value — a secret: never print it; it tells a signed cookie from an id
 * @param store the store it was looked up in ({@code --store}, redacted), null when not looked up
 * @param inStore whether the session's key still exists in that store; null when not looked up or the key
 *     is not known (a signed cookie carries its data, or no key convention fits)
 * @param storeKey the key looked up, as a fingerprint; null when none
 * @param location its trace step
 */
public record SavedSessionReplay(
    int step,
    URI url,
    int status,
    SessionCheck.Verdict verdict,
    String reason,
    Instant savedAt,
    String before,
    @Nullable String sessionCookie,
    @Nullable String sessionValue,
    @Nullable String store,
    @Nullable Boolean inStore,
    @Nullable String storeKey,
    Location location)
    implements Observation {
  public SavedSessionReplay {
    requireNonNull(url);
    requireNonNull(verdict);
    requireNonNull(reason);
    requireNonNull(savedAt);
    requireNonNull(before);
    requireNonNull(location);
  }

  /** Seen at its trace step. */
  public SavedSessionReplay(int step, URI url, int status, SessionCheck.Verdict verdict, String reason, Instant savedAt,
      String before, @Nullable String sessionCookie, @Nullable String sessionValue, @Nullable String store,
      @Nullable Boolean inStore, @Nullable String storeKey) {
    this(step, url, status, verdict, reason, savedAt, before, sessionCookie, sessionValue, store, inStore, storeKey,
        new Location.ExchangeRef(step));
  }

  @Override
  public String toString() {
    return "SavedSessionReplay[step=" + step + ", " + verdict + " (" + reason + ")]";
  }
}
