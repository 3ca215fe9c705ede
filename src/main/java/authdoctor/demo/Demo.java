package authdoctor.demo;

import authdoctor.AuthDoctor;
import authdoctor.Redactor;
import authdoctor.Report;
import authdoctor.check.Scope;
import authdoctor.collect.http.HttpCollector;
import authdoctor.collect.http.HttpOptions;
import authdoctor.collect.http.Resolve;
import authdoctor.collect.probe.ProbeCollector;
import authdoctor.collect.probe.ProbeConfig;
import authdoctor.observation.Collected;
import authdoctor.observation.HeaderField;
import authdoctor.observation.Problem;
import authdoctor.report.trace.ProbeSteps;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import okhttp3.tls.HandshakeCertificates;
import okhttp3.tls.HeldCertificate;
import org.jspecify.annotations.Nullable;

/**
 * {@code authdoctor demo}: starts small deployments with classic production auth bugs in-process — each
 * a TLS reverse proxy on 127.0.0.1 in front of one or two tiny apps, under a fake public host name
 * ({@code shop.demo.test}) pinned with {@code --resolve} and trusted through a CA generated for the run
 * — and diagnoses each with the real probe. Nothing leaves 127.0.0.1, not even a DNS query.
 */
public final class Demo {
  /** The demo user's name; the password is random per run. */
  public static final String USER = "demo@example.com";

  private Demo() {}

  /**
   * One demo deployment.
   *
   * @param name a short key ({@code tls-proxy-no-forwarded-proto})
   * @param bug what is wrong with it, in one line ("" for the healthy one)
   * @param publicUrl its public base URL
   */
  public record Deployment(String name, String bug, URI publicUrl) {}

  /** A deployment and the probe's report on it. */
  public record Diagnosis(Deployment deployment, Report report) {}

  /**
   * Starts every deployment, probes each, stops them, and returns the reports in order.
   *
   * @param doctor diagnoses each deployment
   * @param progress receives a short line per deployment and probe step (for a terminal status line)
   */
  public static List<Diagnosis> run(AuthDoctor doctor, Redactor redactor, Clock clock, Consumer<String> progress) {
    return run(doctor, redactor, clock, "demo-" + HexFormat.of().formatHex(random(12)), progress);
  }

  /** The same with a given password for the demo user (tests plant a canary). */
  public static List<Diagnosis> run(
      AuthDoctor doctor, Redactor redactor, Clock clock, String password, Consumer<String> progress) {
    redactor.credential(password);
    HeldCertificate ca = new HeldCertificate.Builder().certificateAuthority(0)
        .commonName("authdoctor demo CA (generated for this run)").build();
    List<String> hosts = List.of("shop.demo.test", "pay.demo.test", "app.demo.test", "crm.demo.test", "ok.demo.test");
    HeldCertificate.Builder sb = new HeldCertificate.Builder().commonName("*.demo.test").signedBy(ca);
    for (String h : hosts) sb.addSubjectAlternativeName(h);
    HeldCertificate server = sb.build();
    HandshakeCertificates tls = new HandshakeCertificates.Builder().heldCertificate(server, ca.certificate()).build();
    Path caFile = null;
    try (DemoServers servers = new DemoServers()) {
      caFile = Files.createTempFile("authdoctor-demo-ca", ".pem");
      Files.writeString(caFile, ca.certificatePem());
      List<Setup> setups = setups(servers, tls, password);
      List<Resolve> resolve = new ArrayList<>();
      for (Setup s : setups) {
        resolve.add(new Resolve(s.deployment().publicUrl().getHost(), s.deployment().publicUrl().getPort(), "127.0.0.1"));
      }
      HttpOptions options = HttpOptions.defaults().withResolve(resolve).withCaCert(caFile)
          .withConnectTimeout(Duration.ofSeconds(2)).withMaxTime(Duration.ofSeconds(10));
      List<Diagnosis> out = new ArrayList<>();
      try (HttpCollector http = new HttpCollector(options)) {
        for (Setup s : setups) {
          String name = s.deployment().name();
          progress.accept(name);
          Collected r = new ProbeCollector(http, redactor, clock, step -> progress.accept(name + ": " + step))
              .collect(s.config());
          if (r.unreachable() != null) r = r.withProblem(new Problem(name, r.unreachable()));
          Report report = doctor.diagnose("demo", name + " " + s.deployment().publicUrl(), ProbeSteps.traced(r, redactor), Scope.ALL);
          out.add(new Diagnosis(s.deployment(), report));
        }
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the demo servers: " + e.getMessage(), e);
    } finally {
      if (caFile != null) {
        try {
          Files.deleteIfExists(caFile);
        } catch (IOException ignored) {
          // a temp file holding only a public CA certificate
        }
      }
    }
  }

  private record Setup(Deployment deployment, ProbeConfig config) {}

  private static List<Setup> setups(DemoServers servers, HandshakeCertificates tls, String password) throws IOException {
    List<Setup> out = new ArrayList<>();
    DemoServers.ProxyConfig good = new DemoServers.ProxyConfig(true, true, true);

    // 1. nginx terminates TLS but sends no X-Forwarded-Proto; the Flask app (which trusts the header)
    //    therefore builds http:// redirects, and its Secure session cookie is withheld there.
    DemoApp shop = new DemoApp(new DemoApp.Config("session", "Path=/; Secure; HttpOnly; SameSite=Lax",
        DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, true, true, false,
        new HeaderField("X-Powered-By", "Flask")), USER, password);
    String shopDirect = servers.app(shop);
    int shopPort = servers.proxy(tls.sslContext(), new DemoServers.ProxyConfig(false, false, true), List.of(shop));
    out.add(setup("tls-proxy-no-forwarded-proto", "nginx terminates TLS without X-Forwarded-Proto",
        "shop.demo.test", shopPort, password, URI.create(shopDirect), List.of()));

    // 2. Express sets its session cookie SameSite=None without Secure: the browser refuses it.
    DemoApp pay = new DemoApp(new DemoApp.Config("connect.sid", "Path=/; HttpOnly; SameSite=None",
        DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, false,
        new HeaderField("X-Powered-By", "Express")), USER, password);
    String payDirect = servers.app(pay);
    int payPort = servers.proxy(tls.sslContext(), good, List.of(pay));
    out.add(setup("samesite-none-without-secure", "the session cookie is SameSite=None without Secure",
        "pay.demo.test", payPort, password, URI.create(payDirect), List.of()));

    // 3. A load balancer over two Flask instances whose SECRET_KEYs differ.
    DemoApp a = new DemoApp(new DemoApp.Config("session", "Path=/; Secure; HttpOnly; SameSite=Lax",
        DemoApp.Sessions.SIGNED, "secret-of-instance-a", DemoApp.newStore(), true, false, true, false,
        new HeaderField("X-Powered-By", "Flask")), USER, password);
    DemoApp b = new DemoApp(new DemoApp.Config("session", "Path=/; Secure; HttpOnly; SameSite=Lax",
        DemoApp.Sessions.SIGNED, "secret-of-instance-b", DemoApp.newStore(), true, false, true, false,
        new HeaderField("X-Powered-By", "Flask")), USER, password);
    String aUrl = servers.app(a);
    String bUrl = servers.app(b);
    int lbPort = servers.proxy(tls.sslContext(), good, List.of(a, b));
    out.add(setup("load-balancer-secret-mismatch", "two app instances sign sessions with different secrets",
        "app.demo.test", lbPort, password, null, List.of(URI.create(aUrl), URI.create(bUrl))));

    // 4. Spring-style server-side sessions; logout clears the cookie but keeps the session alive.
    DemoApp crm = new DemoApp(new DemoApp.Config("JSESSIONID", "Path=/; Secure; HttpOnly; SameSite=Lax",
        DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, false, false, null), USER, password);
    String crmDirect = servers.app(crm);
    int crmPort = servers.proxy(tls.sslContext(), good, List.of(crm));
    out.add(setup("logout-keeps-session", "logout deletes the cookie but not the server-side session",
        "crm.demo.test", crmPort, password, URI.create(crmDirect), List.of()));

    // 5. Healthy: Django-style sessions and CSRF, proxy headers sent and trusted, HSTS.
    DemoApp ok = new DemoApp(new DemoApp.Config("sessionid", "Path=/; Secure; HttpOnly; SameSite=Lax",
        DemoApp.Sessions.SERVER_SIDE, "", DemoApp.newStore(), true, false, true, true, null), USER, password);
    String okDirect = servers.app(ok);
    int okPort = servers.proxy(tls.sslContext(), good, List.of(ok));
    out.add(setup("healthy", "", "ok.demo.test", okPort, password, URI.create(okDirect), List.of()));
    return out;
  }

  private static Setup setup(String name, String bug, String host, int port, String password, @Nullable URI direct,
      List<URI> instances) {
    URI url = URI.create("https://" + host + ":" + port + "/");
    ProbeConfig c = ProbeConfig.of(url)
        .withLogin("/login", USER, password)
        .withProtected(List.of("/dashboard"), "/logout")
        .withTopology(direct, instances, null)
        .withOnlyResolvedHosts(true);
    return new Setup(new Deployment(name, bug, url), c);
  }

  private static byte[] random(int n) {
    byte[] b = new byte[n];
    new SecureRandom().nextBytes(b);
    return b;
  }
}
