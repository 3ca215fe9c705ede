package authdoctor.collect.browser;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.security.spec.ECGenParameterSpec;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * A throw-away self-signed X.509 v3 certificate (RFC 5280 §4.1) with an EC P-256 key, made in-process
 * in a few milliseconds. Chromium is started with {@code --ignore-certificate-errors}, so the name in it
 * does not matter; it only has to be well-formed enough for TLS to complete.
 */
final class SelfSignedCertificate {
  private SelfSignedCertificate() {}

  static SSLContext sslContext() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("EC");
      gen.initialize(new ECGenParameterSpec("secp256r1"));
      KeyPair keys = gen.generateKeyPair();
      byte[] ecdsaWithSha256 = oid(new int[] {1, 2, 840, 10045, 4, 3, 2});
      byte[] algorithm = der(0x30, ecdsaWithSha256);
      byte[] name = der(0x30, der(0x31, der(0x30, oid(new int[] {2, 5, 4, 3}), der(0x0c, "authdoctor local".getBytes(StandardCharsets.UTF_8)))));
      ZonedDateTime now = ZonedDateTime.now(ZoneOffset.UTC);
      DateTimeFormatter utc = DateTimeFormatter.ofPattern("yyMMddHHmmss'Z'");
      byte[] validity =
          der(0x30, der(0x17, utc.format(now.minusDays(1)).getBytes(StandardCharsets.US_ASCII)),
              der(0x17, utc.format(now.plusDays(30)).getBytes(StandardCharsets.US_ASCII)));
      byte[] serial = der(0x02, new BigInteger(63, new SecureRandom()).add(BigInteger.ONE).toByteArray());
      byte[] version = der(0xa0, der(0x02, new byte[] {2}));
      byte[] tbs = der(0x30, version, serial, algorithm, name, validity, name, keys.getPublic().getEncoded());
      Signature signer = Signature.getInstance("SHA256withECDSA");
      signer.initSign(keys.getPrivate());
      signer.update(tbs);
      byte[] signature = signer.sign();
      byte[] bitString = new byte[signature.length + 1];
      System.arraycopy(signature, 0, bitString, 1, signature.length);
      byte[] cert = der(0x30, tbs, algorithm, der(0x03, bitString));
      Certificate certificate = CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(cert));
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(null, null);
      char[] password = "authdoctor".toCharArray();
      store.setKeyEntry("local", keys.getPrivate(), password, new Certificate[] {certificate});
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(store, password);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(kmf.getKeyManagers(), null, null);
      return ctx;
    } catch (GeneralSecurityException | java.io.IOException e) {
      throw new IllegalStateException("cannot make a self-signed certificate: " + e, e);
    }
  }

  private static byte[] oid(int[] arcs) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(arcs[0] * 40 + arcs[1]);
    for (int i = 2; i < arcs.length; i++) {
      int v = arcs[i];
      int shift = 28;
      while (shift > 0 && (v >>> shift) == 0) shift -= 7;
      for (; shift > 0; shift -= 7) out.write(0x80 | ((v >>> shift) & 0x7f));
      out.write(v & 0x7f);
    }
    return der(0x06, out.toByteArray());
  }

  /** One DER TLV whose content is the concatenation of {@code parts}. */
  private static byte[] der(int tag, byte[]... parts) {
    ByteArrayOutputStream content = new ByteArrayOutputStream();
    for (byte[] p : parts) content.writeBytes(p);
    int n = content.size();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.write(tag);
    if (n < 0x80) {
      out.write(n);
    } else if (n < 0x100) {
      out.write(0x81);
      out.write(n);
    } else {
      out.write(0x82);
      out.write(n >>> 8);
      out.write(n & 0xff);
    }
    out.writeBytes(content.toByteArray());
    return out.toByteArray();
  }
}
