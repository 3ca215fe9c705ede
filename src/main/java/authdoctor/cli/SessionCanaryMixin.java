package authdoctor.cli;

import authdoctor.Redactor;
import authdoctor.collect.canary.SavedSession;
import authdoctor.collect.canary.SessionFile;
import authdoctor.collect.probe.SessionCanary;
import authdoctor.internal.Hosts;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Option;

/**
 * The login canary across a deploy ({@code probe --save-session FILE} before it, {@code --reuse-session FILE}
 * after it) and the key that seals the file: {@code --session-key-env}/{@code --session-key-file}, so a CI job
 * can save on one runner and reuse on another, else a key derived for this purpose from this user's
 * fingerprint key ({@link Redactor#derivedKey}). A file that does not open is exit 2 with one line.
 */
public final class SessionCanaryMixin {
  @Option(names = "--save-session", paramLabel = "FILE", description = "After a signed-in login, save what the browser holds (cookies, token) and what the flow looked like to FILE, encrypted (AES-GCM), mode 0600 (before a deploy; --logout is then not run: it would end that session).")
  @Nullable Path saveSession;

  @Option(names = "--reuse-session", paramLabel = "FILE", description = "Before logging in, replay the session saved with --save-session to the routes it was signed in on (after a deploy): refused → session.lost-on-restart, naming the layer (secret, store); then log in afresh.")
  @Nullable Path reuseSession;

  @Option(names = "--session-key-env", paramLabel = "VAR", description = "The key that encrypts the --save-session/--reuse-session file, from environment variable VAR (at least 16 characters; a CI secret, so another runner can reuse it). Default: a key derived from this user's fingerprint key.")
  @Nullable String sessionKeyEnv;

  @Option(names = "--session-key-file", paramLabel = "FILE", description = "As --session-key-env, the key on the first line of FILE.")
  @Nullable Path sessionKeyFile;

  /**
   * Validates the flags, reads the key and opens the saved session: a {@link UsageError} when a flag or the
   * file is wrong. {@code user}: whether the flow logs in; {@code restart}: whether {@code --restart-command} is given.
   */
  SessionCanary prepare(Io io, Redactor redactor, URI base, boolean user, boolean restart) {
    if (saveSession == null && reuseSession == null) {
      if (sessionKeyEnv != null || sessionKeyFile != null) {
        throw new UsageError("--session-key-env/--session-key-file need --save-session or --reuse-session");
      }
      return SessionCanary.NONE;
    }
    if (!user) throw new UsageError("--save-session and --reuse-session need a login: give --user and a password");
    if (saveSession != null && restart) {
      throw new UsageError("--save-session keeps the session for a replay after the deploy; --restart-command "
          + "restarts within this run: use one of them");
    }
    byte[] key = key(io, redactor);
    SavedSession reuse = null;
    if (reuseSession != null) {
      try {
        reuse = SessionFile.read(reuseSession, key);
      } catch (SessionFile.Unreadable e) {
        throw new UsageError("--reuse-session " + reuseSession + ": " + e.getMessage());
      }
      if (!Hosts.origin(reuse.base()).equals(Hosts.origin(base))) {
        throw new UsageError("--reuse-session " + reuseSession + ": saved for " + Hosts.origin(reuse.base())
            + ", not " + Hosts.origin(base));
      }
    }
    SessionCanary.Saver saver = null;
    if (saveSession != null) {
      Path target = saveSession;
      Path dir = target.toAbsolutePath().getParent();
      if (dir == null || !Files.isDirectory(dir)) throw new UsageError("--save-session " + target + ": no such directory");
      if (Files.isDirectory(target)) throw new UsageError("--save-session " + target + ": a directory, not a file");
      saver = session -> {
        SessionFile.write(target, session, key);
        return target.toString();
      };
    }
    return new SessionCanary(reuse, saver);
  }

  private byte[] key(Io io, Redactor redactor) {
    if (sessionKeyEnv != null && sessionKeyFile != null) throw new UsageError("give the session key one way: --session-key-env or --session-key-file");
    String text = null;
    String from = null;
    if (sessionKeyEnv != null) {
      from = "--session-key-env " + sessionKeyEnv;
      text = io.env().get(sessionKeyEnv);
      if (text == null) throw new UsageError(from + ": the variable is not set");
    } else if (sessionKeyFile != null) {
      from = "--session-key-file " + sessionKeyFile;
      try {
        String all = Files.readString(sessionKeyFile, StandardCharsets.UTF_8);
        int nl = all.indexOf('\n');
        text = (nl < 0 ? all : all.substring(0, nl)).strip();
      } catch (IOException e) {
        throw new UsageError(from + ": cannot read it: " + Args.fileProblem(sessionKeyFile, e));
      }
    }
    if (text == null) return redactor.derivedKey(SessionFile.DERIVED_KEY_LABEL);
    redactor.credential(text);
    if (text.length() < SessionFile.MIN_KEY_CHARS) {
      throw new UsageError(from + ": a key of at least " + SessionFile.MIN_KEY_CHARS
          + " characters (make one with: head -c 32 /dev/urandom | base64)");
    }
    return SessionFile.keyFromText(text);
  }
}
