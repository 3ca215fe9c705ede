package authdoctor.demo;

import authdoctor.cli.Io;
import authdoctor.cli.Main;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;

/**
 * Demo apps and TLS proxies started for one test, with the {@code --resolve} and {@code --cacert} flags
 * the probe needs to reach them under fake public names; and a way to run the CLI against them.
 */
final class TestDeployments implements AutoCloseable {
  static final String USER = "probe-user@example.com";

  private final DemoServers servers = new DemoServers();
  private final HandshakeCertificates tls;
  private final Path caFile;
  private final List<String> resolve = new ArrayList<>();

  TestDeployments(Path dir) throws IOException {
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0).commonName("test CA").build();
    HeldCertificate server = new HeldCertificate.Builder().commonName("*.probe.test")
        .addSubjectAlternativeName("*.probe.test").signedBy(ca).build();
    tls = new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    caFile = dir.resolve("ca.pem");
    Files.writeString(caFile, ca.certificatePem());
  }

  /** An app config with the usual attributes; tweak with the record's copy-by-constructor. */
  static DemoApp.Config config(String cookie, DemoApp.Sessions sessions, String secret, Map<String, String> store,
      boolean trustForwarded, boolean absoluteRedirects, boolean invalidate, boolean csrf) {
    return new DemoApp.Config(cookie, "Path=/; Secure; HttpOnly; SameSite=Lax", sessions, secret, store,
        trustForwarded, absoluteRedirects, invalidate, csrf, null);
  }

  static DemoApp app(DemoApp.Config c, String password) {
    return new DemoApp(c, USER, password);
  }

  /** The app's own {@code http://127.0.0.1:PORT}. */
  String direct(DemoApp app) throws IOException {
    return servers.app(app);
  }

  /** A TLS proxy for {@code host} in front of {@code apps}; returns its public base URL. */
  String proxy(String host, boolean sendProto, boolean sendHost, DemoApp... apps) throws IOException {
    int port = servers.proxy(tls.sslContext(), new DemoServers.ProxyConfig(sendProto, sendHost, true), Arrays.asList(apps));
    resolve.add(host + ":" + port + ":127.0.0.1");
    return "https://" + host + ":" + port + "/";
  }

  /** {@code --resolve …} for every proxy, and {@code --cacert}. */
  List<String> tlsArgs() {
    List<String> a = new ArrayList<>();
    for (String r : resolve) {
      a.add("--resolve");
      a.add(r);
    }
    a.add("--cacert");
    a.add(caFile.toString());
    return a;
  }

  record Run(int code, String out, String err) {}

  /** Runs the CLI with the password in {@code APP_PASSWORD}. */
  static Run cli(String password, List<String> args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Io io = new Io(InputStream.nullInputStream(), new PrintWriter(out), new PrintWriter(err),
        Map.of("APP_PASSWORD", password), false);
    int code = Main.run(args.toArray(String[]::new), io);
    return new Run(code, out.toString(), err.toString());
  }

  @Override
  public void close() {
    servers.close();
  }
}
