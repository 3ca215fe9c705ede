package authdoctor.collect.probe;

import authdoctor.collect.canary.SavedSession;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/**
 * The login canary across a deploy: a session saved by an earlier run to replay before logging in
 * ({@code --reuse-session}), and where to save this run's session once it is signed in ({@code
 * --save-session}).
 *
 * @param reuse the session an earlier run saved, already opened; null: none to replay
 * @param save where this run's session goes; null: it is not saved
 */
public record SessionCanary(@Nullable SavedSession reuse, @Nullable Saver save) {
  /** Neither replays nor saves. */
  public static final SessionCanary NONE = new SessionCanary(null, null);

  /** Seals and writes a session; returns where it went, in words for the trace (no secret). */
  @FunctionalInterface
  public interface Saver {
    String save(SavedSession session) throws IOException;
  }
}
