package authdoctor.collect.canary;

import authdoctor.internal.Hkdf;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * A {@link SavedSession} sealed with AES-256-GCM (NIST SP 800-38D): the file is the magic {@code
 * AUTHDOCTOR-SESSION}, one format-version byte, a random 96-bit nonce, then the ciphertext of the session's
 * JSON and its 128-bit tag. The magic and the version are the additional authenticated data, so a file
 * changed anywhere, or opened with another key, is refused whole. Written with mode 0600.
 */
public final class SessionFile {
  /** The format this version writes and reads. */
  public static final int VERSION = 1;
  /** The info of the key derived from the fingerprint key when no key is given ({@code Redactor#derivedKey}). */
  public static final String DERIVED_KEY_LABEL = "authdoctor saved-session key v1";
  /** The shortest key text {@link #keyFromText} takes. */
  public static final int MIN_KEY_CHARS = 16;

  private static final byte[] MAGIC = "AUTHDOCTOR-SESSION".getBytes(StandardCharsets.US_ASCII);
  private static final int NONCE = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SessionFile() {}

  /** Why a saved session cannot be read, in words for one line (never its content). */
  public static final class Unreadable extends RuntimeException {
    public Unreadable(String message) {
      super(message, null, false, false);
    }
  }

  /** An AES-256 key from a key given as text ({@code --session-key-env}, {@code --session-key-file}), by HKDF. */
  public static byte[] keyFromText(String text) {
    return Hkdf.derive(text.getBytes(StandardCharsets.UTF_8), "authdoctor --session-key v1", 32);
  }

  /** The sealed bytes of {@code session}. */
  public static byte[] seal(SavedSession session, byte[] key) {
    byte[] nonce = new byte[NONCE];
    RANDOM.nextBytes(nonce);
    byte[] header = header(VERSION);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, key, nonce);
      c.updateAAD(header);
      byte[] body = c.doFinal(session.toJson());
      byte[] out = new byte[header.length + NONCE + body.length];
      System.arraycopy(header, 0, out, 0, header.length);
      System.arraycopy(nonce, 0, out, header.length, NONCE);
      System.arraycopy(body, 0, out, header.length + NONCE, body.length);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** The session in {@code file}'s bytes; {@link Unreadable} when they are not one this key sealed. */
  public static SavedSession open(byte[] file, byte[] key) {
    if (file.length < MAGIC.length || !Arrays.equals(file, 0, MAGIC.length, MAGIC, 0, MAGIC.length)) {
      throw new Unreadable("not a session saved by authdoctor probe --save-session");
    }
    if (file.length == MAGIC.length) throw new Unreadable("truncated (it ends after its first " + file.length + " bytes)");
    int version = file[MAGIC.length] & 0xff;
    if (version != VERSION) {
      throw new Unreadable("saved in format version " + version + "; this authdoctor reads version " + VERSION
          + ": save the session again with this version");
    }
    int bodyAt = MAGIC.length + 1 + NONCE;
    if (file.length < bodyAt + TAG_BITS / 8) throw new Unreadable("truncated (it ends after its first " + file.length + " bytes)");
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOfRange(file, MAGIC.length + 1, bodyAt));
      c.updateAAD(header(version));
      return SavedSession.fromJson(c.doFinal(file, bodyAt, file.length - bodyAt));
    } catch (AEADBadTagException e) {
      throw new Unreadable("it does not open with this key (another --session-key-env/--session-key-file than when it "
          + "was saved, or another machine's fingerprint key), or it was changed or cut short since");
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM unavailable", e);
    }
  }

  /** Writes {@code session} sealed to {@code file}, mode 0600 from its creation, replacing what was there. */
  public static void write(Path file, SavedSession session, byte[] key) throws IOException {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path tmp;
    try {
      tmp = Files.createTempFile(dir, ".authdoctor-session", ".tmp", PosixFilePermissions.asFileAttribute(
          PosixFilePermissions.fromString("rw-------")));
    } catch (UnsupportedOperationException notPosix) {
      tmp = Files.createTempFile(dir, ".authdoctor-session", ".tmp");
    }
    try {
      Files.write(tmp, seal(session, key));
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(tmp);
    }
  }

  /** The session saved in {@code file}; {@link Unreadable} when it is missing, unreadable or not sealed with this key. */
  public static SavedSession read(Path file, byte[] key) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (NoSuchFileException e) {
      throw new Unreadable("no such file (save it first with --save-session)");
    } catch (AccessDeniedException e) {
      throw new Unreadable("permission denied");
    } catch (IOException e) {
      throw new Unreadable("cannot read it");
    }
    return open(bytes, key);
  }

  private static byte[] header(int version) {
    byte[] h = Arrays.copyOf(MAGIC, MAGIC.length + 1);
    h[MAGIC.length] = (byte) version;
    return h;
  }

  private static Cipher cipher(int mode, byte[] key, byte[] nonce) throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, new SecretKeySpec(key, "AES"), new GCMParameterSpec(TAG_BITS, nonce));
    return c;
  }
}
