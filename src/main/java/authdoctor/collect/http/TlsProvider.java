package authdoctor.collect.http;

import java.net.Socket;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.Provider;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;
import org.conscrypt.Conscrypt;
import org.jspecify.annotations.Nullable;

/**
 * The TLS implementation of the probe's HTTP client: Conscrypt (BoringSSL) where its native library loads,
 * else the JDK's own. Conscrypt's first handshake costs a third of the JDK's under the CLI's C1 compiler
 * (BENCHMARKS.md). It is handed to OkHttp's client only, never installed as a JVM-wide provider: trust is
 * still decided by the JDK's trust managers (the system roots, {@code --cacert}, {@code -k}), host names by
 * OkHttp, and everything else in the process (Redis over TLS, the demo's servers) keeps the JDK's TLS.
 * {@code AUTHDOCTOR_TLS=jdk} in the environment (or {@code -Dauthdoctor.tls=jdk}) forces the JDK's.
 */
public final class TlsProvider {
  private TlsProvider() {}

  /** Loaded once, on first use: the provider, or null and the reason the JDK's TLS is used. */
  private static final class Loaded {
    static final @Nullable Provider PROVIDER;
    static final String DESCRIPTION;

    static {
      Provider p = null;
      String why = "AUTHDOCTOR_TLS=jdk";
      if (!forcedJdk()) {
        try {
          if (Conscrypt.isAvailable()) p = Conscrypt.newProvider();
          else why = "Conscrypt's native library does not load on " + System.getProperty("os.name") + "/" + System.getProperty("os.arch");
        } catch (LinkageError | RuntimeException e) {
          why = "Conscrypt did not load: " + e.getClass().getSimpleName();
        }
      }
      PROVIDER = p;
      if (p != null) {
        Conscrypt.Version v = Conscrypt.version();
        DESCRIPTION = "Conscrypt " + v.major() + "." + v.minor() + "." + v.patch() + " (BoringSSL)";
      } else {
        DESCRIPTION = "the JDK's " + jdkProvider() + " (" + why + ")";
      }
    }
  }

  private static String jdkProvider() {
    Provider[] ps = java.security.Security.getProviders("SSLContext.TLS");
    return ps == null || ps.length == 0 ? "JSSE" : ps[0].getName();
  }

  private static boolean forcedJdk() {
    String v = System.getProperty("authdoctor.tls", System.getenv("AUTHDOCTOR_TLS"));
    return v != null && v.toLowerCase(Locale.ROOT).equals("jdk");
  }

  /** Whether Conscrypt is the probe's TLS (loads it on first call). */
  public static boolean conscrypt() {
    return Loaded.PROVIDER != null;
  }

  /** One line for {@code --version} and {@code --verbose}: which TLS the probe's requests use. */
  public static String describe() {
    return Loaded.DESCRIPTION;
  }

  /** A TLS context of the probe's provider trusting what {@code tm} trusts. */
  static SSLContext context(X509TrustManager tm) throws GeneralSecurityException {
    Provider p = Loaded.PROVIDER;
    SSLContext ctx = p != null ? SSLContext.getInstance("TLS", p) : SSLContext.getInstance("TLS");
    ctx.init(null, new TrustManager[] {p != null ? new Tls13AuthType(tm) : tm}, null);
    return ctx;
  }

  /**
   * Conscrypt names a TLS 1.3 server's key exchange {@code GENERIC}, which the JDK's trust manager refuses
   * ("Unknown authType"); the JDK itself says {@code UNKNOWN} there (RFC 8446 §4.4.2.2: in TLS 1.3 the key
   * exchange no longer constrains the certificate's key usage). Everything else is passed through unchanged.
   */
  private static final class Tls13AuthType extends X509ExtendedTrustManager {
    private final X509TrustManager tm;

    Tls13AuthType(X509TrustManager tm) {
      this.tm = tm;
    }

    private static String jdk(String authType) {
      return "GENERIC".equals(authType) ? "UNKNOWN" : authType;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      if (tm instanceof X509ExtendedTrustManager x) x.checkServerTrusted(chain, jdk(authType), socket);
      else tm.checkServerTrusted(chain, jdk(authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      if (tm instanceof X509ExtendedTrustManager x) x.checkServerTrusted(chain, jdk(authType), engine);
      else tm.checkServerTrusted(chain, jdk(authType));
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      tm.checkServerTrusted(chain, jdk(authType));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
      throw new CertificateException("the probe is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
      throw new CertificateException("the probe is a TLS client only");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
      throw new CertificateException("the probe is a TLS client only");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return tm.getAcceptedIssuers();
    }
  }

  /** The JDK's trust manager over the system roots: what OkHttp uses when given no trust of its own. */
  static X509TrustManager systemTrust() throws GeneralSecurityException {
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init((KeyStore) null);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) return x;
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }
}
