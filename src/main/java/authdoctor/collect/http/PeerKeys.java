package authdoctor.collect.http;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * The public key a server presents, verified as the probe verifies it ({@code --cacert}, host name), so that
 * a browser can be told to accept exactly that key: Chromium's {@code --ignore-certificate-errors-spki-list}
 * takes base64 SHA-256 hashes of a certificate's SubjectPublicKeyInfo.
 */
public final class PeerKeys {
  private PeerKeys() {}

  /**
   * The SPKI hash of {@code host:port}'s certificate (connected at {@code address}) when it verifies against
   * {@code --cacert}; empty when {@code options} has no {@code --cacert}, or the server cannot be reached or
   * is not trusted (the browser then refuses it, as the probe does).
   */
  public static Optional<String> verifiedSpki(HttpOptions options, String host, int port, String address) {
    if (options.caCert() == null || options.insecure()) return Optional.empty();
    try {
      var factory = Trust.context(Trust.caCertTrust(options.caCert())).getSocketFactory();
      try (var raw = new java.net.Socket()) {
        raw.connect(new InetSocketAddress(address, port), (int) options.connectTimeout().toMillis());
        raw.setSoTimeout((int) options.connectTimeout().toMillis());
        try (SSLSocket tls = (SSLSocket) factory.createSocket(raw, host, port, false)) {
          SSLParameters p = tls.getSSLParameters();
          // RFC 2818 §3.1: the name must match, as in the probe's own connections.
          p.setEndpointIdentificationAlgorithm("HTTPS");
          p.setServerNames(List.of(new SNIHostName(host)));
          tls.setSSLParameters(p);
          tls.startHandshake();
          Certificate[] chain = tls.getSession().getPeerCertificates();
          byte[] spki = chain[0].getPublicKey().getEncoded();
          return Optional.of(Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-256").digest(spki)));
        }
      }
    } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }
}
