package authdoctor.collect.http;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;
import okhttp3.OkHttpClient;

/** Applies {@code -k} or {@code --cacert} to an OkHttp client builder, or to the TLS sockets of {@code rediss://}. */
public final class Trust {
  private static final Pattern PEM =
      Pattern.compile("-----BEGIN CERTIFICATE-----([A-Za-z0-9+/=\\s]+?)-----END CERTIFICATE-----");

  private Trust() {}

  static void apply(OkHttpClient.Builder builder, HttpOptions options) {
    try {
      // The client's TLS is TlsProvider's (Conscrypt where it loads); trust stays the JDK's trust managers.
      if (options.insecure()) {
        X509TrustManager all = new TrustAll();
        builder.sslSocketFactory(TlsProvider.context(all).getSocketFactory(), all);
        builder.hostnameVerifier((host, session) -> true);
      } else if (options.caCert() != null) {
        X509TrustManager tm = trustOnly(readPem(options.caCert()));
        builder.sslSocketFactory(TlsProvider.context(tm).getSocketFactory(), tm);
      } else if (TlsProvider.conscrypt()) {
        X509TrustManager tm = TlsProvider.systemTrust();
        builder.sslSocketFactory(TlsProvider.context(tm).getSocketFactory(), tm);
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * TLS sockets that trust the system roots, the certificates of {@code caCert}, or (with {@code insecure},
   * only when the user asked for it) any chain.
   *
   * @throws IllegalArgumentException with a one-line message when {@code caCert} is unreadable
   */
  public static javax.net.ssl.SSLSocketFactory socketFactory(boolean insecure, java.nio.file.@org.jspecify.annotations.Nullable Path caCert) {
    try {
      if (insecure) return context(new TrustAll()).getSocketFactory();
      if (caCert != null) return context(trustOnly(readPem(caCert))).getSocketFactory();
      return SSLContext.getDefault().getSocketFactory();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot set up TLS: " + e.getMessage(), e);
    }
  }

  /**
   * Every certificate in a PEM file (text around the blocks is ignored, as in curl's CA bundles).
   *
   * @throws IllegalArgumentException with a one-line message when unreadable or holding no certificate
   */
  static List<X509Certificate> readPem(Path file) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.US_ASCII);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("--cacert " + file + ": cannot read the file (" + e.getMessage() + ")");
    }
    List<X509Certificate> certs = new ArrayList<>();
    Matcher m = PEM.matcher(text);
    try {
      CertificateFactory cf = CertificateFactory.getInstance("X.509");
      while (m.find()) {
        byte[] der = Base64.getMimeDecoder().decode(m.group(1));
        certs.add((X509Certificate) cf.generateCertificate(new ByteArrayInputStream(der)));
      }
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "--cacert " + file + ": certificate " + (certs.size() + 1) + " is not valid (" + e.getMessage() + ")");
    }
    if (certs.isEmpty()) {
      throw new IllegalArgumentException("--cacert " + file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) found");
    }
    return certs;
  }

  /** The {@code --cacert} trust manager: only the file's certificates are roots. */
  static X509TrustManager caCertTrust(Path caCert) throws GeneralSecurityException {
    return trustOnly(readPem(caCert));
  }

  private static X509TrustManager trustOnly(List<X509Certificate> certs) throws GeneralSecurityException {
    KeyStore ks = KeyStore.getInstance(KeyStore.getDefaultType());
    try {
      ks.load(null, null);
    } catch (IOException e) {
      throw new GeneralSecurityException(e);
    }
    for (int i = 0; i < certs.size(); i++) ks.setCertificateEntry("ca" + i, certs.get(i));
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {tm}, null);
    return ctx;
  }

  /** {@code -k}: accepts any chain. Only ever used when the user asked for it. */
  private static final class TrustAll implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
