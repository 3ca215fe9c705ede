package authdoctor.internal;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF with HMAC-SHA256 (RFC 5869): a key for one purpose derived from another key, so that the derived
 * key reveals nothing of its input and two labels give unrelated keys.
 */
public final class Hkdf {
  private static final String HMAC = "HmacSHA256";

  private Hkdf() {}

  /**
   * RFC 5869 §2.2 Extract with an all-zero salt, then §2.3 Expand with {@code label} as the info: {@code length}
   * bytes (at most 255 × 32).
   */
  public static byte[] derive(byte[] inputKey, String label, int length) {
    if (length <= 0 || length > 255 * 32) throw new IllegalArgumentException("HKDF length " + length);
    try {
      byte[] prk = mac(new byte[32], inputKey);
      byte[] info = label.getBytes(StandardCharsets.UTF_8);
      byte[] out = new byte[length];
      byte[] t = new byte[0];
      int done = 0;
      for (int i = 1; done < length; i++) {
        byte[] block = new byte[t.length + info.length + 1];
        System.arraycopy(t, 0, block, 0, t.length);
        System.arraycopy(info, 0, block, t.length, info.length);
        block[block.length - 1] = (byte) i;
        t = mac(prk, block);
        int n = Math.min(t.length, length - done);
        System.arraycopy(t, 0, out, done, n);
        done += n;
      }
      Arrays.fill(prk, (byte) 0);
      return out;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }

  private static byte[] mac(byte[] key, byte[] data) throws GeneralSecurityException {
    Mac mac = Mac.getInstance(HMAC);
    mac.init(new SecretKeySpec(key, HMAC));
    return mac.doFinal(data);
  }
}
